"""Shared fixtures: a network guard for every test, and paths to shared material."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No wall-clock assertions: hypothesis's per-example deadline (200 ms) fails examples on a busy
# 2-core machine, so it is off; the kiosk's own limits are what the tests assert.
settings.register_profile("kiosk", deadline=None)
settings.load_profile("kiosk")

ROOT = Path(__file__).resolve().parent.parent
SHARED_VECTORS = ROOT.parent / "shared" / "vectors"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class NetworkAttempts:
    """Records every attempt to open an internet connection during a test."""

    def __init__(self) -> None:
        self.attempts: list[Any] = []


LOOPBACK = ("127.0.0.1", "::1")


@pytest.fixture(autouse=True)
def network_guard(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[NetworkAttempts]:
    """Refuse and record any IPv4/IPv6 connection or DNS lookup: tests never touch the network.

    Tests that start their own servers opt in with the marker `local_servers`: they may connect
    to 127.0.0.1 and ::1 only (still recorded); everything else is refused as before.
    """
    record = NetworkAttempts()
    original_connect = socket.socket.connect
    local = request.node.get_closest_marker("local_servers") is not None

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            record.attempts.append(address)
            if local and address[0] in LOOPBACK:
                return original_connect(self, address)
            raise ConnectionRefusedError(f"tests may not open network connections: {address!r}")
        original_connect(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        record.attempts.append(host)
        raise socket.gaierror(f"tests may not look up host names: {host!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield record


def shared_vectors() -> Path:
    """`../shared/vectors`, or skip the test cleanly when it is absent."""
    if not (SHARED_VECTORS / "MANIFEST.json").is_file():
        pytest.skip("../shared/vectors is not present")
    return SHARED_VECTORS


@pytest.fixture(autouse=True)
def own_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command reads `$XDG_CONFIG_HOME/credential-kiosk/kiosk.toml`: never the user's own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
