"""The guarded fetcher against real HTTPS servers on 127.0.0.1 (trustme CA): limits and failures."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime

import pytest
import trustme

from kiosk.net import (
    ConnectionFailedError,
    GuardedFetcher,
    HttpStatusError,
    NotJsonError,
    RedirectError,
    RefusedUrlError,
    TimeLimitError,
    TooLargeError,
)
from tests.servers import LocalHttpsServer, Route, make_fetcher, unused_port

pytestmark = pytest.mark.local_servers

FETCHED_AT = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)


def fetcher(ca: trustme.CA, server: LocalHttpsServer, **limits: object) -> GuardedFetcher:
    return make_fetcher(ca, f"127.0.0.1:{server.port}", clock=lambda: FETCHED_AT, **limits)


def test_a_json_document_is_fetched_with_its_final_url_and_time(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.json("/.well-known/did.json", {"id": "did:web:issuer.kiosk.test"})
    fetch = fetcher(tls_ca, server)
    value, document = fetch.fetch_json(f"{server.origin}/.well-known/did.json")
    assert value == {"id": "did:web:issuer.kiosk.test"}
    assert document.final_url == f"{server.origin}/.well-known/did.json"
    assert document.fetched_at == FETCHED_AT
    assert server.requests[0].headers["Accept-Encoding"] == "identity"
    assert "application/did+json" in server.requests[0].headers["Accept"]
    assert list(fetch.connections) == [("127.0.0.1", server.port)]


def test_redirects_are_followed_and_the_final_url_kept(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.redirect("/old", "/new", status=301)
    server.json("/new", {"moved": True})
    value, document = fetcher(tls_ca, server).fetch_json(f"{server.origin}/old")
    assert value == {"moved": True} and document.final_url.endswith("/new")
    assert document.url == f"{server.origin}/old"
    assert server.paths == ["/old", "/new"]


def test_a_redirect_loop_is_refused(tls_ca: trustme.CA, server: LocalHttpsServer) -> None:
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    with pytest.raises(RedirectError, match="loop"):
        fetcher(tls_ca, server).fetch(f"{server.origin}/a")
    assert server.paths == ["/a", "/b"]


def test_the_redirect_limit_is_enforced(tls_ca: trustme.CA, server: LocalHttpsServer) -> None:
    for hop in range(10):
        server.redirect(f"/r{hop}", f"/r{hop + 1}")
    with pytest.raises(RedirectError, match="more than 3"):
        fetcher(tls_ca, server, max_redirects=3).fetch(f"{server.origin}/r0")
    assert server.paths == ["/r0", "/r1", "/r2", "/r3"]


def test_a_redirect_to_plain_http_is_refused(tls_ca: trustme.CA, server: LocalHttpsServer) -> None:
    server.redirect("/downgrade", f"http://127.0.0.1:{server.port}/doc")
    with pytest.raises(RefusedUrlError, match="Only https"):
        fetcher(tls_ca, server).fetch(f"{server.origin}/downgrade")
    assert server.paths == ["/downgrade"]


@pytest.mark.parametrize(("status", "definitive"), [(404, True), (410, True), (500, False)])
def test_error_statuses_raise_with_the_status(
    tls_ca: trustme.CA, server: LocalHttpsServer, status: int, definitive: bool
) -> None:
    server.json("/doc", {}, status=status)
    with pytest.raises(HttpStatusError) as failed:
        fetcher(tls_ca, server).fetch(f"{server.origin}/doc")
    assert failed.value.status == status and failed.value.definitive is definitive
    assert str(status) in failed.value.description


def test_a_slow_server_hits_the_read_time_limit(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.route("/slow", Route(body=b"{}", delay=5))
    started = time.monotonic()
    with pytest.raises(TimeLimitError):
        fetcher(tls_ca, server, read_timeout=0.3).fetch(f"{server.origin}/slow")
    assert time.monotonic() - started < 2


def test_a_dripping_server_hits_the_total_time_limit(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.route("/drip", Route(body=b"[" + b" " * 200 + b"]", drip_interval=0.05))
    started = time.monotonic()
    with pytest.raises(TimeLimitError, match="1-second limit"):
        fetcher(tls_ca, server, read_timeout=0.5, total_timeout=1.0).fetch(f"{server.origin}/drip")
    assert time.monotonic() - started < 2


def test_a_huge_streamed_answer_is_cut_at_the_size_cap(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.route("/huge", Route(body=b"[", filler_bytes=50_000_000))
    with pytest.raises(TooLargeError, match="64 KiB"):
        fetcher(tls_ca, server, max_bytes=64 * 1024).fetch(f"{server.origin}/huge")


def test_an_announced_huge_length_is_refused_before_reading(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.route("/announced", Route(body=b"{}", declared_length=500_000_000))
    with pytest.raises(TooLargeError, match="announced"):
        fetcher(tls_ca, server).fetch(f"{server.origin}/announced")


def test_a_compressed_bomb_is_cut_at_the_decompressed_size(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    bomb = gzip.compress(b"[" + b" " * 20_000_000 + b"]")
    assert len(bomb) < 100_000
    server.route("/bomb.json", Route(body=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(TooLargeError):
        fetcher(tls_ca, server, max_bytes=256 * 1024).fetch(f"{server.origin}/bomb.json")


def test_a_compressed_document_within_the_cap_is_read(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.route(
        "/small.json", Route(body=gzip.compress(b'{"a": 1}'), headers={"Content-Encoding": "gzip"})
    )
    assert fetcher(tls_ca, server).fetch_json(f"{server.origin}/small.json")[0] == {"a": 1}


def test_html_where_json_is_expected_is_refused(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    server.route("/page", Route(body=b"<html>hello</html>", content_type="text/html"))
    with pytest.raises(NotJsonError, match="text/html"):
        fetcher(tls_ca, server).fetch(f"{server.origin}/page")
    document = fetcher(tls_ca, server).fetch(f"{server.origin}/page", expect_json=False)
    assert document.body == b"<html>hello</html>"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested more than 64"),
        (b'{"id": "a", "id": "b"}', "same field twice"),
        (b'{"n": NaN}', "not a number"),
        (b'{"n": ' + b"9" * 5000 + b"}", "too long"),
        (b'{"n": 1e999}', "too large"),
        (b"<html>not json</html>", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_json_bombs_and_invalid_json_are_refused(
    tls_ca: trustme.CA, server: LocalHttpsServer, body: bytes, words: str
) -> None:
    server.route("/doc", Route(body=body))
    with pytest.raises(NotJsonError, match=words):
        fetcher(tls_ca, server).fetch_json(f"{server.origin}/doc")


def test_a_certificate_from_an_unknown_ca_is_refused(server: LocalHttpsServer) -> None:
    server.json("/doc", {})
    stranger = make_fetcher(trustme.CA(), f"127.0.0.1:{server.port}")
    with pytest.raises(ConnectionFailedError, match="certificate"):
        stranger.fetch(f"{server.origin}/doc")
    assert server.paths == []


def test_nothing_listening_is_a_connection_failure(tls_ca: trustme.CA) -> None:
    port = unused_port()
    with pytest.raises(ConnectionFailedError, match="Could not connect"):
        make_fetcher(tls_ca, f"127.0.0.1:{port}").fetch(f"https://127.0.0.1:{port}/doc")
