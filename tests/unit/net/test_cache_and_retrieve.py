"""The document cache on disk, and `retrieve_json`'s choice between network and cache."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme

from kiosk.net import (
    CachedCopyTooOld,
    DocumentCache,
    DocumentUnavailable,
    FetchedDocument,
    HttpStatusError,
    NotJsonError,
    retrieve_json,
)
from tests.servers import LocalHttpsServer, Route, make_fetcher, unused_port

URL = "https://issuer.kiosk.test/.well-known/did.json"
FETCHED = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def document(
    url: str = URL, body: bytes = b'{"id": "did:web:issuer.kiosk.test"}'
) -> FetchedDocument:
    return FetchedDocument(url, url, "application/json", body, FETCHED)


def test_a_stored_document_reads_back_byte_for_byte(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "cache")
    cache.put(document(body=b'{"a":\n 1}'))
    cached = cache.get(URL)
    assert cached is not None
    assert (cached.body, cached.fetched_at, cached.final_url) == (b'{"a":\n 1}', FETCHED, URL)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [cache.path_for(URL).name]
    assert [d.url for d in cache.entries()] == [URL]


def test_a_newer_copy_replaces_the_older(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path)
    cache.put(document(body=b"[1]"))
    cache.put(FetchedDocument(URL, URL, "application/json", b"[2]", FETCHED + timedelta(days=1)))
    cached = cache.get(URL)
    assert cached is not None and cached.body == b"[2]"
    assert len(list(tmp_path.iterdir())) == 1  # no temporary file left behind


def test_an_unchanged_refetch_within_a_minute_is_not_written_again(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path)
    cache.put(document())
    path = cache.path_for(URL)
    path.write_bytes(path.read_bytes())  # mark the file: a rewrite would replace it
    marker = path.stat().st_ino, path.stat().st_mtime_ns
    soon = FetchedDocument(
        URL, URL, "application/json", document().body, FETCHED + timedelta(seconds=30)
    )
    assert cache.put(soon).fetched_at == FETCHED  # the copy on disk, with its own date
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == marker


@pytest.mark.parametrize(
    "later",
    [
        FetchedDocument(URL, URL, "application/json", b"[2]", FETCHED + timedelta(seconds=5)),
        FetchedDocument(
            URL,
            URL + "?moved",
            "application/json",
            b'{"id": "did:web:issuer.kiosk.test"}',
            FETCHED + timedelta(seconds=5),
        ),
        FetchedDocument(
            URL,
            URL,
            "application/json",
            b'{"id": "did:web:issuer.kiosk.test"}',
            FETCHED + timedelta(minutes=2),
        ),
    ],
    ids=["changed body", "changed final url", "older than a minute"],
)
def test_a_changed_or_older_copy_is_written_again(tmp_path: Path, later: FetchedDocument) -> None:
    cache = DocumentCache(tmp_path)
    cache.put(document())
    cache.put(later)
    cached = DocumentCache(tmp_path).get(URL)  # read from disk by another cache object
    assert cached is not None
    assert (cached.body, cached.final_url, cached.fetched_at) == (
        later.body,
        later.final_url,
        later.fetched_at,
    )


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b'{"format": "something-else/1"}',
        b'{"format": "credential-kiosk-cache/1", "url": "' + URL.encode() + b'"}',
    ],
)
def test_a_damaged_cache_file_counts_as_absent(tmp_path: Path, damage: bytes) -> None:
    cache = DocumentCache(tmp_path)
    cache.put(document())
    cache.path_for(URL).write_bytes(damage)
    assert cache.get(URL) is None


def test_a_file_for_another_url_is_not_used(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path)
    cache.put(document("https://other.kiosk.test/did.json"))
    cache.path_for("https://other.kiosk.test/did.json").rename(cache.path_for(URL))
    assert cache.get(URL) is None


def test_fetch_times_without_a_time_zone_are_refused(tmp_path: Path) -> None:
    naive = FetchedDocument(URL, URL, "application/json", b"{}", datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="time zone"):
        DocumentCache(tmp_path).put(naive)


def test_offline_a_young_cached_copy_is_used_and_says_when(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path)
    cache.put(document())
    got = retrieve_json(URL, fetcher=None, cache=cache, now=NOW)
    assert got.value == {"id": "did:web:issuer.kiosk.test"}
    assert got.from_cache and got.fetched_at == FETCHED and got.as_of == "as of 12 Nov 2026"


def test_offline_without_a_copy_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(DocumentUnavailable, match="offline and has no saved copy"):
        retrieve_json(URL, fetcher=None, cache=DocumentCache(tmp_path), now=NOW)


def test_a_copy_older_than_the_maximum_age_is_refused(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path)
    cache.put(document())
    with pytest.raises(CachedCopyTooOld, match="from 12 Nov 2026, older than the 7-day limit"):
        retrieve_json(URL, fetcher=None, cache=cache, now=NOW, max_age=timedelta(days=7))


@pytest.mark.local_servers
def test_online_the_fetched_copy_is_used_and_cached(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    server.json("/doc", {"fresh": True})
    cache = DocumentCache(tmp_path)
    fetcher = make_fetcher(tls_ca, f"127.0.0.1:{server.port}", clock=lambda: NOW)
    got = retrieve_json(f"{server.origin}/doc", fetcher=fetcher, cache=cache, now=NOW)
    assert (got.value, got.from_cache, got.as_of) == ({"fresh": True}, False, "")
    cached = cache.get(f"{server.origin}/doc")
    assert cached is not None and json.loads(cached.body) == {"fresh": True}
    assert cached.fetched_at == NOW


@pytest.mark.local_servers
def test_when_the_server_fails_the_cached_copy_is_used(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = f"{server.origin}/doc"
    cache = DocumentCache(tmp_path)
    cache.put(document(url))
    server.route("/doc", Route(status=503, body=b"{}"))
    fetcher = make_fetcher(tls_ca, f"127.0.0.1:{server.port}")
    got = retrieve_json(url, fetcher=fetcher, cache=cache, now=NOW)
    assert got.from_cache and got.as_of == "as of 12 Nov 2026"
    assert server.paths == ["/doc"]


@pytest.mark.local_servers
def test_when_nothing_answers_the_cached_copy_is_used(tls_ca: trustme.CA, tmp_path: Path) -> None:
    port = unused_port()
    url = f"https://127.0.0.1:{port}/doc"
    cache = DocumentCache(tmp_path)
    cache.put(document(url))
    got = retrieve_json(
        url, fetcher=make_fetcher(tls_ca, f"127.0.0.1:{port}"), cache=cache, now=NOW
    )
    assert got.from_cache


@pytest.mark.local_servers
@pytest.mark.parametrize("status", [404, 410])
def test_a_document_the_server_says_is_gone_is_not_taken_from_the_cache(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path, status: int
) -> None:
    url = f"{server.origin}/doc"
    cache = DocumentCache(tmp_path)
    cache.put(document(url))
    server.json("/doc", {}, status=status)
    with pytest.raises(HttpStatusError):
        retrieve_json(
            url, fetcher=make_fetcher(tls_ca, f"127.0.0.1:{server.port}"), cache=cache, now=NOW
        )


@pytest.mark.local_servers
def test_a_non_json_answer_is_not_hidden_by_the_cache(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = f"{server.origin}/doc"
    cache = DocumentCache(tmp_path)
    cache.put(document(url))
    server.route("/doc", Route(body=b"<html>", content_type="text/html"))
    with pytest.raises(NotJsonError):
        retrieve_json(
            url, fetcher=make_fetcher(tls_ca, f"127.0.0.1:{server.port}"), cache=cache, now=NOW
        )
