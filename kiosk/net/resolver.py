"""Host name to addresses: the type the guard resolves with, and the system's resolver.

Kept apart from the connection layer (`transport.py`, which needs httpx) so that code naming a
resolver — the settings, the verification context — does not load the HTTP stack.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from kiosk.net.addresses import IPAddress, parse_ip_literal
from kiosk.net.errors import ConnectionFailedError

HostResolver = Callable[[str, int], list[IPAddress]]
"""Maps a host name and port to its addresses; tests inject one instead of real DNS."""


def system_resolver(host: str, port: int) -> list[IPAddress]:
    """The operating system's resolver (`getaddrinfo`), TCP addresses only, in its order."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise ConnectionFailedError(f"The host '{host[:80]}' could not be found.") from error
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in answers:
        address = parse_ip_literal(str(sockaddr[0]).split("%", 1)[0])
        if address is not None and address not in addresses:
            addresses.append(address)
    return addresses
