"""SSRF table: every non-public address class, tried directly, through a redirect and through a
DNS name resolving to it — all refused with a reason, none reached.

"None reached" is shown twice: the test network guard records every connection attempt (only
the allow-listed origin server may appear), and a second real server on 127.0.0.1, the target of
the loopback cases, records that no request arrived.
"""

from __future__ import annotations

import ipaddress

import pytest
import trustme

from kiosk.net import FetchError, IPAddress, RefusedAddressError, RefusedUrlError
from tests.conftest import NetworkAttempts
from tests.servers import LocalHttpsServer, make_fetcher, mapped_dns

pytestmark = pytest.mark.local_servers

ADDRESS_CLASSES = [
    ("127.0.0.1", "loopback"),
    ("127.5.6.7", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("0.0.0.0", "unspecified"),
    ("255.255.255.255", "broadcast"),
    ("224.0.0.1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("192.0.2.1", "documentation"),
    ("198.18.0.1", "benchmarking"),
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("fe80::1", "link-local"),
    ("fd00::1", "unique local"),
    ("ff02::1", "multicast"),
    ("fec0::1", "site-local"),
    ("2001:db8::1", "documentation"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:10.0.0.1", "private"),
    ("::ffff:169.254.169.254", "link-local"),
    ("64:ff9b::a9fe:a9fe", "link-local"),
    ("2002:7f00:1::", "loopback"),
    ("::a00:1", "private"),
    ("::ffff:0:7f00:1", "loopback"),  # IPv4-translated (RFC 2765) 127.0.0.1
    ("::ffff:0:a9fe:a9fe", "link-local"),
    ("::ffff:0:808:808", "IPv4-translated"),
]
NUMERIC_TRICKS = ["2130706433", "0x7f000001", "0x7f.1", "127.1", "017700000001", "127.0.0.1."]
WAYS = ["direct", "dns", "redirect", "redirect-dns"]
EVIL = "evil.kiosk.test"


def url_host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("address", "words"), ADDRESS_CLASSES, ids=[a for a, _ in ADDRESS_CLASSES])
def test_non_public_addresses_are_refused_every_way(
    tls_ca: trustme.CA,
    server: LocalHttpsServer,
    other_server: LocalHttpsServer,
    network_guard: NetworkAttempts,
    address: str,
    words: str,
    way: str,
) -> None:
    port = other_server.port  # a real server: the loopback cases would reach it if not refused
    fetcher = make_fetcher(tls_ca, f"127.0.0.1:{server.port}", resolver=mapped_dns({EVIL: address}))
    target = {
        "direct": f"https://{url_host(address)}:{port}/secret",
        "dns": f"https://{EVIL}:{port}/secret",
        "redirect": f"{server.origin}/hop",
        "redirect-dns": f"{server.origin}/hop",
    }[way]
    location = (
        f"https://{EVIL}:{port}/secret"
        if way == "redirect-dns"
        else (f"https://{url_host(address)}:{port}/secret")
    )
    server.redirect("/hop", location)
    with pytest.raises(RefusedAddressError) as refused:
        fetcher.fetch(target)
    assert words in refused.value.description
    assert "public addresses" in refused.value.description
    assert other_server.requests == []
    assert all(attempt == ("127.0.0.1", server.port) for attempt in network_guard.attempts)
    assert server.paths == (["/hop"] if way.startswith("redirect") else [])


@pytest.mark.parametrize("way", ["direct", "redirect"])
@pytest.mark.parametrize("host", NUMERIC_TRICKS)
def test_numeric_host_tricks_are_refused_directly_and_through_redirects(
    tls_ca: trustme.CA,
    server: LocalHttpsServer,
    other_server: LocalHttpsServer,
    network_guard: NetworkAttempts,
    host: str,
    way: str,
) -> None:
    fetcher = make_fetcher(tls_ca, f"127.0.0.1:{server.port}")
    hidden = f"https://{host}:{other_server.port}/secret"
    server.redirect("/hop", hidden)
    with pytest.raises((RefusedAddressError, RefusedUrlError)) as refused:
        fetcher.fetch(hidden if way == "direct" else f"{server.origin}/hop")
    assert "127.0.0.1" in refused.value.description or "not a valid" in str(refused.value)
    assert other_server.requests == []
    assert all(attempt == ("127.0.0.1", server.port) for attempt in network_guard.attempts)


def test_a_name_with_one_private_address_among_public_ones_is_refused(
    tls_ca: trustme.CA, network_guard: NetworkAttempts
) -> None:
    def mixed(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("10.1.2.3")]

    with pytest.raises(RefusedAddressError, match=r"10\.1\.2\.3"):
        make_fetcher(tls_ca, resolver=mixed).fetch("https://rebind.kiosk.test/doc")
    assert network_guard.attempts == []


def test_the_allow_list_is_what_lets_tests_reach_127_0_0_1(
    tls_ca: trustme.CA, server: LocalHttpsServer, network_guard: NetworkAttempts
) -> None:
    """The same request, refused without the allow-list entry and served with it."""
    server.json("/doc", {"ok": True})
    with pytest.raises(FetchError):
        make_fetcher(tls_ca).fetch(f"{server.origin}/doc")
    assert server.requests == [] and network_guard.attempts == []
    assert make_fetcher(tls_ca, f"127.0.0.1:{server.port}").fetch_json(f"{server.origin}/doc")[
        0
    ] == {"ok": True}
    assert server.paths == ["/doc"]


def test_an_allow_listed_name_may_resolve_to_the_test_server(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/doc", {"ok": True})
    fetcher = make_fetcher(
        tls_ca, "issuer.kiosk.test", resolver=mapped_dns({"issuer.kiosk.test": "127.0.0.1"})
    )
    assert fetcher.fetch_json(f"https://issuer.kiosk.test:{server.port}/doc")[0] == {"ok": True}
    assert server.requests[0].headers["Host"] == f"issuer.kiosk.test:{server.port}"
