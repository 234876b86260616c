"""Which URLs the kiosk may fetch: https, a plain host name or IP literal, no credentials.

Checked before every request and every redirect hop. Host names are refused when they only
pretend to be names: a host whose last label is a number (`2130706433`, `0x7f.1`, `127.1`,
`0177.0.0.1`) is an IPv4 address in disguise to many URL parsers and resolvers, so it is decoded
the way browsers do (WHATWG URL "IPv4 parser") to say which address it hides, and refused.
`localhost` and `*.localhost` are loopback by definition (RFC 6761) and refused by name.
The addresses a name resolves to are checked separately, at connection time (`transport.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import IPv4Address
from typing import TYPE_CHECKING

from kiosk.net.addresses import IPAddress, parse_ip_literal, refusal_reason
from kiosk.net.errors import RefusedAddressError, RefusedUrlError

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_NUMERIC_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|[0-9]+)$")
MAX_URL_CHARS = 2048

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True, slots=True)
class CheckedUrl:
    """A URL that passed the checks, split into what the connection needs."""

    url: httpx.URL
    host: str
    """Lower-case host name, or the IP literal (IPv6 without brackets)."""
    port: int
    address: IPAddress | None
    """The address when the host is an IP literal, else None (resolved at connection time)."""

    @property
    def authority(self) -> str:
        """`host:port` as the allow-list spells it (`[v6]:port` for IPv6)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def check_url(url: str | httpx.URL, allowed_hosts: frozenset[str] = frozenset()) -> CheckedUrl:
    """Check that `url` may be fetched; return its parts.

    An IP literal that is not public is refused unless the operator allow-listed the host
    (`host` or `host:port` in `allowed_hosts`).

    Raises:
        RefusedUrlError: not https, credentials, a malformed or disguised host, too long.
        RefusedAddressError: an IP literal that is not a public address, and not allow-listed.
    """
    text = str(url)
    if len(text) > MAX_URL_CHARS:
        raise RefusedUrlError(f"The address is longer than {MAX_URL_CHARS} characters.")
    parsed = url if not isinstance(url, str) else parse_url(text)
    if parsed is None:
        raise RefusedUrlError("The address is not a valid URL.")
    if parsed.scheme != "https":
        raise RefusedUrlError(
            f"Only https addresses are fetched, not {parsed.scheme or 'relative'} ones."
        )
    if parsed.userinfo:
        raise RefusedUrlError("Addresses with a user name or password in them are refused.")
    host = parsed.host.lower()
    port = parsed.port if parsed.port is not None else 443
    if not 0 < port < 65536:
        raise RefusedUrlError(f"The port {port} is not valid.")
    checked = CheckedUrl(parsed, host, port, parse_ip_literal(host))
    allowed = is_allowed(checked.host, checked.port, allowed_hosts)
    if checked.address is not None:
        reason = refusal_reason(checked.address)
        if reason is not None and not allowed:
            raise RefusedAddressError(
                f"The address {host} is {reason}; the kiosk fetches only from public addresses.",
                host,
                host,
            )
        return checked
    _check_host_name(host)
    return checked


def parse_url(text: str) -> httpx.URL | None:
    """`text` parsed the way the fetcher will request it (httpx's parser), or None if invalid.

    The one URL parser for everything that names a document's place: what is checked, shown
    and fetched is the same reading of the text. httpx is loaded on the first call.
    """
    import httpx

    try:
        return httpx.URL(text)
    except (httpx.InvalidURL, ValueError, TypeError):
        return None


def url_place(url: str) -> str | None:
    """`host[:port]/path` of an URL (no scheme, query or fragment), or None if it is invalid."""
    parsed = parse_url(url)
    if parsed is None:
        return None
    where = parsed.host + (f":{parsed.port}" if parsed.port else "") + parsed.path
    return where.rstrip("/")


def is_allowed(host: str, port: int, allowed_hosts: frozenset[str]) -> bool:
    """True when the operator allow-listed `host` (any port) or `host:port`."""
    if not allowed_hosts:
        return False
    bracketed = f"[{host}]" if ":" in host else host
    return (
        host in allowed_hosts
        or bracketed in allowed_hosts
        or f"{bracketed}:{port}" in allowed_hosts
    )


def _check_host_name(host: str) -> None:
    name = host[:-1] if host.endswith(".") else host
    labels = name.split(".")
    if _NUMERIC_PART.match(labels[-1]):
        hidden = whatwg_ipv4(name)
        if hidden is None:
            raise RefusedUrlError(f"The host '{host[:80]}' is neither a name nor an address.")
        reason = refusal_reason(hidden) or "an address"
        raise RefusedAddressError(
            f"The host '{host[:80]}' is the address {hidden} in disguise ({reason}); refused.",
            host,
            str(hidden),
        )
    if name == "localhost" or name.endswith(".localhost"):
        raise RefusedAddressError(
            f"The host '{host[:80]}' is this machine (loopback); refused.", host
        )
    if len(name) > 253 or not all(_LABEL.match(label) for label in labels):
        raise RefusedUrlError(f"The host '{host[:80]}' is not a valid host name.")


def whatwg_ipv4(host: str) -> IPAddress | None:
    """Decode a numeric host the way browsers do (1 to 4 parts, decimal, 0x hex or 0 octal)."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        if part.lower().startswith("0x"):
            digits, base = part[2:] or "0", 16
        elif len(part) > 1 and part.startswith("0"):
            digits, base = part[1:], 8
        else:
            digits, base = part, 10
        try:
            numbers.append(int(digits, base))
        except ValueError:
            return None
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for position, number in enumerate(leading):
        value += number * 256 ** (3 - position)
    return IPv4Address(value)
