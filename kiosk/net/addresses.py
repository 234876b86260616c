"""Which IP addresses the kiosk may connect to: public unicast addresses only.

Credentials choose the URLs the kiosk fetches (did:web hosts, issuer profiles, status lists), so
every address is checked before a connection is opened: an address in any special-purpose range
of the IANA IPv4 and IPv6 registries is refused, with the reason in plain words. IPv6 forms that
carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by the IPv4
address they carry, so `::ffff:127.0.0.1` is loopback like `127.0.0.1`. IPv4-translated
addresses (`::ffff:0:0/96`, RFC 2765 SIIT; not used by RFC 6052, never routed publicly) are
refused whatever they carry: a host with a stateless translator would reach the IPv4 address
inside, and no public service is reached that way. Whatever the table misses, `ipaddress`'s own
`is_global` catches as "reserved".
"""

from __future__ import annotations

import ipaddress
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

IPAddress = IPv4Address | IPv6Address

_V4_RANGES: tuple[tuple[IPv4Network, str], ...] = tuple(
    (IPv4Network(network), reason)
    for network, reason in (
        ("255.255.255.255/32", "the broadcast address"),
        ("0.0.0.0/8", "an unspecified ('this network') address"),
        ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.0.0/16", "a link-local address"),
        ("172.16.0.0/12", "a private address"),
        ("192.0.0.0/24", "an IETF protocol address"),
        ("192.0.2.0/24", "a documentation address"),
        ("192.88.99.0/24", "a reserved (6to4 relay) address"),
        ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", "a documentation address"),
        ("203.0.113.0/24", "a documentation address"),
        ("224.0.0.0/4", "a multicast address"),
        ("240.0.0.0/4", "a reserved address"),
    )
)
_V6_RANGES: tuple[tuple[IPv6Network, str], ...] = tuple(
    (IPv6Network(network), reason)
    for network, reason in (
        ("::/128", "the unspecified address"),
        ("::1/128", "a loopback address"),
        ("100::/64", "a discard-only address"),
        ("64:ff9b:1::/48", "a local-use NAT64 address"),
        ("2001::/32", "a Teredo tunnel address"),
        ("2001:2::/48", "a benchmarking address"),
        ("2001:10::/28", "a reserved (ORCHID) address"),
        ("2001:20::/28", "a reserved (ORCHIDv2) address"),
        ("2001:db8::/32", "a documentation address"),
        ("3fff::/20", "a documentation address"),
        ("fc00::/7", "a private (unique local) address"),
        ("fe80::/10", "a link-local address"),
        ("fec0::/10", "a site-local address"),
        ("ff00::/8", "a multicast address"),
    )
)
_IPV4_COMPATIBLE = IPv6Network("::/96")
_NAT64 = IPv6Network("64:ff9b::/96")
_IPV4_TRANSLATED = IPv6Network("::ffff:0:0:0/96")
"""`::ffff:0:a.b.c.d` (RFC 2765); Python's `ipaddress` counts it as global."""


def embedded_ipv4(address: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, translated, compatible, NAT64, 6to4),
    if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or address in _IPV4_TRANSLATED:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _IPV4_COMPATIBLE and int(address) > 1:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal_reason(address: IPAddress) -> str | None:
    """Why the kiosk must not connect to `address` ("a loopback address"), or None if public."""
    if isinstance(address, IPv6Address):
        if address.scope_id:
            address = IPv6Address(str(address).split("%", 1)[0])
        carried = embedded_ipv4(address)
        if carried is not None:
            inner = refusal_reason(carried)
            if inner is None and address in _IPV4_TRANSLATED:
                inner = "an IPv4-translated address, never used on the internet"
            return None if inner is None else f"{inner} ({carried}, inside an IPv6 address)"
        for network6, reason in _V6_RANGES:
            if address in network6:
                return reason
    else:
        for network4, reason in _V4_RANGES:
            if address in network4:
                return reason
    if not address.is_global:
        return "a reserved address"
    return None


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address when `host` is a canonical IP literal (IPv6 without brackets), else None."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None
