"""The connection layer: every TCP connection is checked and made here, and nowhere else.

httpx hands each new connection to a network backend. This one resolves the host itself (with an
injectable resolver), refuses the connection when any resolved address is not public (unless
the host is allow-listed), then connects to the very address it checked — so a DNS answer cannot
change between the check and the connection. Every read and the TLS handshake also respect the
overall deadline of the fetch in progress, so a server dripping one byte at a time cannot hold
the kiosk.

Connections are kept alive between fetches of one fetcher (httpcore pools them by origin). That
keeps the guard: a pooled connection was checked when it was made, to the address it connects
to, under the same policy; a reused one serves the same scheme, host and port. The deadline is
not the connection's but the fetch's: `DeadlineSlot` holds, per thread, the deadline of the
fetch that thread is making, and every wait on any connection is cut to it.
"""

from __future__ import annotations

import select
import socket
import ssl
import time
import typing
from collections.abc import Callable, Iterable

import httpcore
import httpx

from kiosk.net.addresses import IPAddress, parse_ip_literal, refusal_reason
from kiosk.net.deadline import DeadlineSlot
from kiosk.net.errors import (
    ConnectionFailedError,
    RefusedAddressError,
    RefusedUrlError,
    TimeLimitError,
)
from kiosk.net.resolver import HostResolver
from kiosk.net.urls import is_allowed


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks and connects; the only way the fetcher reaches the network."""

    def __init__(
        self,
        resolver: HostResolver,
        allowed_hosts: frozenset[str],
        deadlines: DeadlineSlot,
        on_connect: Callable[[tuple[str, int]], None] = lambda _address: None,
    ) -> None:
        self._resolver = resolver
        self._allowed = allowed_hosts
        self._deadlines = deadlines
        self._on_connect = on_connect
        """Told the (address, port) of each connection opened, for the fetcher's record."""

    def checked_addresses(self, host: str, port: int) -> list[IPAddress]:
        """The addresses of `host`, all of them public unless the host is allow-listed.

        Raises:
            RefusedAddressError: some address is not public (the host is not allow-listed).
            ConnectionFailedError: the name does not resolve.
        """
        literal = parse_ip_literal(host)
        addresses = [literal] if literal is not None else self._resolver(host, port)
        if not addresses:
            raise ConnectionFailedError(f"The host '{host[:80]}' has no address.")
        if is_allowed(host.lower(), port, self._allowed):
            return addresses
        for address in addresses:
            reason = refusal_reason(address)
            if reason is None:
                continue
            what = (
                f"The address {host} is {reason}"
                if literal is not None
                else f"The host '{host[:80]}' resolves to {address}, {reason}"
            )
            raise RefusedAddressError(
                f"{what}; the kiosk fetches only from public addresses.", host, str(address)
            )
        return addresses

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.checked_addresses(host, port)
        deadline = self._deadlines.current()
        failure: OSError | None = None
        for address in addresses:
            family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.settimeout(deadline.remaining(timeout))
                sock.connect((str(address), port))
            except TimeLimitError:
                sock.close()
                raise
            except TimeoutError as error:
                sock.close()
                raise deadline.timed_out(
                    f"The host '{host[:80]}' did not accept a connection in time."
                ) from error
            except OSError as error:
                sock.close()
                failure = error
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._on_connect((str(address), port))
            return DeadlineStream(sock, self._deadlines, host)
        raise ConnectionFailedError(
            f"Could not connect to '{host[:80]}' ({_os_reason(failure)})."
        ) from failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise RefusedUrlError("Local sockets are never used.")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every wait is cut to the deadline of the fetch using it."""

    def __init__(self, sock: socket.socket, deadlines: DeadlineSlot, host: str) -> None:
        self._sock = sock
        self._deadlines = deadlines
        self._host = host[:80]

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        deadline = self._deadlines.current()
        self._sock.settimeout(deadline.remaining(timeout))
        try:
            return self._sock.recv(max_bytes)
        except TimeoutError as error:
            raise deadline.timed_out(
                f"The host '{self._host}' stopped sending for longer than the time limit."
            ) from error
        except OSError as error:
            raise ConnectionFailedError(
                f"The connection to '{self._host}' broke ({_os_reason(error)})."
            ) from error

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        deadline = self._deadlines.current()
        try:
            while buffer:
                self._sock.settimeout(deadline.remaining(timeout))
                sent = self._sock.send(buffer)
                buffer = buffer[sent:]
        except TimeoutError as error:
            raise deadline.timed_out(f"Sending to '{self._host}' took too long.") from error
        except OSError as error:
            raise ConnectionFailedError(
                f"The connection to '{self._host}' broke ({_os_reason(error)})."
            ) from error

    def close(self) -> None:
        self._sock.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        deadline = self._deadlines.current()
        try:
            self._sock.settimeout(deadline.remaining(timeout))
            wrapped = ssl_context.wrap_socket(self._sock, server_hostname=server_hostname)
        except TimeoutError as error:
            self.close()
            raise deadline.timed_out(
                f"The TLS handshake with '{self._host}' took too long."
            ) from error
        except ssl.SSLCertVerificationError as error:
            self.close()
            raise ConnectionFailedError(
                f"The certificate of '{self._host}' is not valid ({error.verify_message})."
            ) from error
        except (OSError, TimeLimitError) as error:
            self.close()
            if isinstance(error, TimeLimitError):
                raise
            raise ConnectionFailedError(
                f"The secure connection to '{self._host}' failed ({_os_reason(error)})."
            ) from error
        return DeadlineStream(wrapped, self._deadlines, self._host)

    def get_extra_info(self, info: str) -> typing.Any:
        if info == "ssl_object" and isinstance(self._sock, ssl.SSLSocket):
            return self._sock
        if info == "server_addr":
            return self._sock.getpeername()
        if info == "client_addr":
            return self._sock.getsockname()
        if info == "socket":
            return self._sock
        if info == "is_readable":
            readable, _, _ = select.select([self._sock], [], [], 0)
            return bool(readable)
        return None


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the connection pool built on `GuardedBackend`.

    httpx does not take a network backend, so the pool it made is replaced by one that does.
    Idle connections are kept for `keepalive_seconds` (0 keeps none).
    """

    MAX_CONNECTIONS = 16
    """Enough for the fetches one verification makes at once (explorers are asked together)."""

    def __init__(
        self, ssl_context: ssl.SSLContext, backend: GuardedBackend, keepalive_seconds: float = 0
    ) -> None:
        super().__init__(verify=ssl_context, trust_env=False, retries=0)
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=self.MAX_CONNECTIONS,
            max_keepalive_connections=self.MAX_CONNECTIONS if keepalive_seconds > 0 else 0,
            keepalive_expiry=keepalive_seconds or None,
            http1=True,
            http2=False,
            retries=0,
            network_backend=backend,
        )


def _os_reason(error: BaseException | None) -> str:
    if error is None:
        return "no address answered"
    if isinstance(error, ssl.SSLError):
        return error.reason or "TLS error"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return type(error).__name__
