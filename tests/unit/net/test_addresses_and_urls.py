"""Which addresses and URLs the guard refuses, and why (no network involved)."""

from __future__ import annotations

import ipaddress

import pytest

from kiosk.net import RefusedAddressError, RefusedUrlError, check_url, refusal_reason
from kiosk.net.urls import whatwg_ipv4

# Every special-purpose class, with the words the reason must contain.
NON_PUBLIC = [
    ("127.0.0.1", "loopback"),
    ("127.9.8.7", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("0.0.0.0", "unspecified"),
    ("255.255.255.255", "broadcast"),
    ("224.0.0.251", "multicast"),
    ("240.0.0.1", "reserved"),
    ("192.0.2.10", "documentation"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("198.18.0.1", "benchmarking"),
    ("192.0.0.8", "IETF protocol"),
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("fe80::1", "link-local"),
    ("fc00::1", "unique local"),
    ("fd12:3456::1", "unique local"),
    ("ff02::1", "multicast"),
    ("fec0::1", "site-local"),
    ("2001:db8::1", "documentation"),
    ("100::1", "discard-only"),
    ("2001::1", "Teredo"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:10.0.0.1", "private"),
    ("::ffff:169.254.169.254", "link-local"),
    ("::a00:1", "private"),  # IPv4-compatible 10.0.0.1
    ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 169.254.169.254
    ("2002:7f00:1::1", "loopback"),  # 6to4 of 127.0.0.1
    ("::ffff:0:7f00:1", "loopback"),  # IPv4-translated (RFC 2765) 127.0.0.1
    ("::ffff:0:a9fe:a9fe", "link-local"),  # IPv4-translated 169.254.169.254
    ("::ffff:0:a00:1", "private"),  # IPv4-translated 10.0.0.1
    ("::ffff:0:808:808", "IPv4-translated"),  # translated, even of a public address
    ("::ffff:0:0:0", "unspecified"),
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"]


@pytest.mark.parametrize(("address", "words"), NON_PUBLIC)
def test_every_special_purpose_address_is_refused_with_its_class(address: str, words: str) -> None:
    reason = refusal_reason(ipaddress.ip_address(address))
    assert reason is not None and words in reason


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "hidden"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0xa.0.0.1", "10.0.0.1"),
        ("169.254.43518", "169.254.169.254"),
        ("127.0.0.1.", "127.0.0.1"),
    ],
)
def test_numeric_hosts_in_disguise_are_decoded_and_refused(host: str, hidden: str) -> None:
    with pytest.raises(RefusedAddressError) as refused:
        check_url(f"https://{host}/did.json")
    assert hidden in refused.value.description
    assert "disguise" in refused.value.description


def test_whatwg_ipv4_rejects_out_of_range_parts() -> None:
    assert whatwg_ipv4("256.1.1.1") is None
    assert whatwg_ipv4("1.2.3.4.5") is None
    assert whatwg_ipv4("4294967296") is None
    assert str(whatwg_ipv4("1.2.3")) == "1.2.0.3"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://issuer.example/did.json", "Only https"),
        ("ftp://issuer.example/x", "Only https"),
        ("/relative/path", "Only https"),
        ("https://user:secret@issuer.example/", "user name or password"),
        ("https://issuer.example:0/", "port 0"),
        ("https://exa mple.com/", "not a valid host name"),
        ("https://%31%32%37.0.0.1/", "neither a name nor an address"),
        ("https://\uff11\uff12\uff17.\uff10.\uff10.\uff11/", "not a valid URL"),  # fullwidth
        ("https://0177.0.0.1/", "not a valid URL"),
        ("https://issuer.example/" + "a" * 3000, "longer than"),
    ],
)
def test_urls_that_are_not_plain_https_are_refused(url: str, words: str) -> None:
    with pytest.raises(RefusedUrlError) as refused:
        check_url(url)
    assert words in refused.value.description


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "api.localhost"])
def test_localhost_names_are_refused_without_resolving(host: str) -> None:
    with pytest.raises(RefusedAddressError) as refused:
        check_url(f"https://{host}/")
    assert "loopback" in refused.value.description


@pytest.mark.parametrize(
    "url", ["https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[fe80::1%25eth0]/"]
)
def test_ipv6_literals_are_checked(url: str) -> None:
    with pytest.raises((RefusedAddressError, RefusedUrlError)):
        check_url(url)


def test_allow_list_admits_a_host_or_one_port_of_it() -> None:
    assert check_url("https://127.0.0.1:8443/x", frozenset({"127.0.0.1:8443"})).port == 8443
    assert check_url("https://127.0.0.1:9/x", frozenset({"127.0.0.1"})).port == 9
    assert check_url("https://[::1]:8443/x", frozenset({"[::1]:8443"})).host == "::1"
    with pytest.raises(RefusedAddressError):
        check_url("https://127.0.0.1:9443/x", frozenset({"127.0.0.1:8443"}))


def test_ordinary_https_urls_pass() -> None:
    checked = check_url("https://Issuer.Example/.well-known/did.json")
    assert (checked.host, checked.port, checked.address) == ("issuer.example", 443, None)
    assert check_url("https://93.184.216.34/x").address is not None
