"""Serving documents at their real public URLs (port 443) from a local HTTPS server, for vectors
whose signed credentials name fixed addresses (`https://raw.githubusercontent.com/…`).

The guarded fetcher is used unchanged: the test resolver maps the public names to 127.0.0.1, the
allow-list admits them, the test certificate names them, and the one thing the kiosk cannot be
told — the port — is mapped here: connections to 127.0.0.1:443 go to the test server's port
instead (on top of `tests/conftest.py`'s guard, which still refuses everything else).
"""

from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import pytest
import trustme

from kiosk.net import GuardedFetcher
from tests.helpers import NOW
from tests.servers import SERVER_NAMES, LocalHttpsServer, make_fetcher, mapped_dns


@contextmanager
def public_server(
    ca: trustme.CA, hosts: Iterable[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[LocalHttpsServer, GuardedFetcher]]:
    """A server answering for `hosts` on port 443, and a fetcher that reaches it."""
    names = tuple(sorted(set(hosts)))
    with LocalHttpsServer(ca, names=SERVER_NAMES + names) as server:
        guarded_connect = socket.socket.connect

        def to_test_port(self: socket.socket, address: Any) -> None:
            if isinstance(address, tuple) and address[:2] == ("127.0.0.1", 443):
                address = ("127.0.0.1", server.port)
            guarded_connect(self, address)

        monkeypatch.setattr(socket.socket, "connect", to_test_port)
        fetcher = make_fetcher(
            ca,
            *names,
            resolver=mapped_dns(dict.fromkeys(names, "127.0.0.1")),
            clock=lambda: NOW,
        )
        yield server, fetcher


def path_of(url: str) -> str:
    """The path a URL is served on (the test server ignores the host and the query)."""
    return urlsplit(url).path or "/"


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""
