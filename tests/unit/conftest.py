"""Fixtures shared by the unit tests that start servers: a test CA and real HTTPS servers on
127.0.0.1 (tests using them carry the `local_servers` marker)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import trustme

from tests.servers import LocalHttpsServer


@pytest.fixture(scope="session")
def tls_ca() -> trustme.CA:
    """One certificate authority for the session: test servers' certificates come from it."""
    return trustme.CA()


@pytest.fixture
def server(tls_ca: trustme.CA) -> Iterator[LocalHttpsServer]:
    with LocalHttpsServer(tls_ca) as started:
        yield started


@pytest.fixture
def other_server(tls_ca: trustme.CA) -> Iterator[LocalHttpsServer]:
    """A second server, never allow-listed: it must see no request in the refusal tests."""
    with LocalHttpsServer(tls_ca) as started:
        yield started
