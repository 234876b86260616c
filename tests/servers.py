"""Real HTTPS servers on 127.0.0.1 for tests: a trustme CA, scripted routes, a request log.

    ca = trustme.CA()
    with LocalHttpsServer(ca) as server:
        server.json("/.well-known/did.json", {"id": "did:web:..."})
        server.redirect("/old", "https://10.0.0.1/")
        ...
        assert server.paths == ["/old"]      # what actually arrived

Each server records every request it receives, so a test can show that a refused fetch never
reached it. Slow and dripping routes wait on a stop event, so stopping a server never hangs.
Tests using these servers carry the `local_servers` marker (see `tests/conftest.py`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

import trustme

from kiosk.net import (
    ConnectionFailedError,
    FetchPolicy,
    GuardedFetcher,
    HostResolver,
    IPAddress,
)

SERVER_NAMES = ("127.0.0.1", "::1", "localhost", "kiosk.test", "*.kiosk.test")
"""What the test certificate is valid for: tests map `*.kiosk.test` names to 127.0.0.1."""


@dataclass
class Route:
    """What a server answers on one path."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow server)."""
    drip_interval: float | None = None
    """Send the body one byte at a time, this many seconds apart (a dripping server)."""
    filler_bytes: int = 0
    """After `body`, stream this many filler bytes with no Content-Length (a huge answer)."""
    declared_length: int | None = None
    """A Content-Length to announce instead of the real one."""


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server: _TlsServer
    protocol_version = "HTTP/1.1"
    """Keep-alive, as real hosts answer: the kiosk's fetcher reuses connections."""

    def do_GET(self) -> None:
        owner = self.server.owner
        owner.record(RecordedRequest(self.path, dict(self.headers.items())))
        route = owner.routes.get(self.path) or owner.routes.get(
            self.path.split("?", 1)[0], Route(status=404, body=b"{}")
        )
        if route.delay and owner.stopping.wait(route.delay):
            return
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.filler_bytes == 0 and route.drip_interval is None:
            length = route.declared_length if route.declared_length is not None else len(route.body)
            self.send_header("Content-Length", str(length))
        unframed = route.filler_bytes or route.drip_interval is not None
        if unframed or route.declared_length is not None:  # the body ends with the connection
            self.send_header("Connection", "close")
            self.close_connection = True
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if route.drip_interval is not None:
            for byte in route.body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if owner.stopping.wait(route.drip_interval):
                    return
            return
        self.wfile.write(route.body)
        remaining, block = route.filler_bytes, b" " * 65536
        while remaining > 0 and not owner.stopping.is_set():
            self.wfile.write(block[:remaining])
            remaining -= len(block)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read `server.requests` instead."""


class _TlsServer(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True

    def __init__(self, owner: LocalHttpsServer, tls: ssl.SSLContext) -> None:
        self.owner = owner
        self.tls = tls
        super().__init__(("127.0.0.1", 0), _Handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(5)
        # Headers and body go out in separate writes: without this, on a kept-alive connection
        # the body waits for the client's delayed ACK of the headers (~40 ms a response).
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            connection = self.tls.wrap_socket(request, server_side=True)
        except OSError:  # the client gave up on (or refused) the handshake
            return
        self.owner.open_connections.add(connection)
        try:
            self.RequestHandlerClass(connection, client_address, self)
        except OSError:  # the client hung up mid-answer (size cap, time limit)
            pass
        finally:
            self.owner.open_connections.discard(connection)
            connection.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Errors in handlers are the client's doing in these tests; keep stderr clean."""


class LocalHttpsServer:
    """An HTTPS server on 127.0.0.1 (random port) with a certificate from `ca`."""

    def __init__(self, ca: trustme.CA, names: tuple[str, ...] = SERVER_NAMES) -> None:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert(*names).configure_cert(tls)
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self.open_connections: set[ssl.SSLSocket] = set()
        """Connections being served (kept alive between requests until the client leaves)."""
        self._lock = threading.Lock()
        self._server = _TlsServer(self, tls)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        """`https://127.0.0.1:PORT`."""
        return f"https://127.0.0.1:{self.port}"

    @property
    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        with self._lock:
            return [r.path for r in self.requests]

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def route(self, path: str, route: Route) -> None:
        """Answer `path` with `route`; a path with a query string matches only that query,
        one without matches any query."""
        self.routes[path] = route

    def json(self, path: str, value: Any, status: int = 200, **kwargs: Any) -> None:
        """Serve `value` as JSON on `path`."""
        self.routes[path] = Route(status=status, body=json.dumps(value).encode(), **kwargs)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = Route(status=status, headers={"Location": location})

    def start(self) -> LocalHttpsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for connection in list(self.open_connections):  # idle keep-alive connections
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def discard(self) -> None:
        """Close a server that was never started here (another process served it)."""
        self._server.server_close()

    def __enter__(self) -> LocalHttpsServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def client_ssl_context(ca: trustme.CA) -> ssl.SSLContext:
    """A client TLS context trusting only the test CA (host names and certificates checked)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ca.configure_trust(context)
    return context


def write_ca_file(ca: trustme.CA, folder: Path) -> Path:
    """The test CA as a PEM file (for settings that take a CA file path)."""
    path = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def unused_port() -> int:
    """A local port with nothing listening (bound and released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_fetcher(
    ca: trustme.CA,
    *allowed: str,
    resolver: HostResolver | None = None,
    clock: Callable[[], datetime] | None = None,
    **limits: Any,
) -> GuardedFetcher:
    """A guarded fetcher trusting only the test CA, allowing `allowed` hosts (`host:port`).

    `resolver` maps names to addresses instead of DNS (default: no name resolves); `clock`
    fixes the recorded fetch time.
    """
    policy = FetchPolicy(
        allowed_hosts=frozenset(allowed), ssl_context=client_ssl_context(ca), **limits
    )
    if clock is None:
        return GuardedFetcher(policy, resolver=resolver or no_dns)
    return GuardedFetcher(policy, resolver=resolver or no_dns, clock=clock)


def no_dns(host: str, port: int) -> list[IPAddress]:
    """A resolver for tests that must never look a name up."""
    raise ConnectionFailedError(f"The host '{host}' could not be found.")


def mapped_dns(names: dict[str, str]) -> HostResolver:
    """A resolver mapping each name to one address (as text); other names are not found."""

    def resolve(host: str, port: int) -> list[IPAddress]:
        if host not in names:
            return no_dns(host, port)
        return [ipaddress.ip_address(names[host])]

    return resolve
