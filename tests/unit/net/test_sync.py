"""`kiosk sync`: fetch and cache what trusted issuers publish, then verify offline from it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trustme

from kiosk.cli import EXIT_USAGE, main
from kiosk.net import DocumentCache, FetchedDocument, show_day
from kiosk.sync import Outcome, SyncItem, run_sync
from kiosk.verification import CheckId, Verdict, verify_document
from tests.servers import LocalHttpsServer, Route, write_ca_file
from tests.unit.keys.issuers import (
    HOST,
    controller_document,
    did_web,
    document_path,
    issuer_fetcher,
    key_context,
    signed_by,
)
from trust_lists import TrustedIssuer

pytestmark = pytest.mark.local_servers

OLD = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def rows(items: list[SyncItem]) -> list[tuple[str, str, Outcome]]:
    return [(item.issuer_name, item.what, item.outcome) for item in items]


def test_sync_fetches_each_issuers_documents_and_reports_every_outcome(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    web = did_web(server, "issuers", "web")
    keys_did = did_web(server, "keys")
    external = f"{keys_did}#signing"
    web_document = controller_document(web)
    web_document["assertionMethod"].append(external)
    server.json(document_path("issuers", "web"), web_document)
    server.json(document_path("keys"), controller_document(keys_did, fragment="signing"))
    profile = f"https://{HOST}:{server.port}/issuers/blockcerts.json"
    revocations = f"https://{HOST}:{server.port}/revoked.json"
    server.json("/issuers/blockcerts.json", {"id": profile, "revocationList": revocations})
    server.json("/revoked.json", {"revokedAssertions": []})
    server.json("/gone.json", {}, status=404)
    issuers = [
        TrustedIssuer("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", "Key College"),
        TrustedIssuer(web, "Web College"),
        TrustedIssuer(profile, "Blockcerts College"),
        TrustedIssuer(f"https://{HOST}:{server.port}/gone.json", "Gone College"),
        TrustedIssuer("did:ion:EiA_Z6LQ", "Ion College"),
    ]
    progress: list[tuple[int, int, str]] = []
    cache = DocumentCache(tmp_path)
    items = run_sync(
        issuers,
        fetcher=issuer_fetcher(tls_ca),
        cache=cache,
        on_progress=lambda i, n, issuer: progress.append((i, n, issuer.name)),
    )
    assert rows(items) == [
        ("Key College", "keys", Outcome.NOT_NEEDED),
        ("Web College", "DID document", Outcome.FETCHED),
        ("Web College", "key document", Outcome.FETCHED),
        ("Blockcerts College", "issuer profile", Outcome.FETCHED),
        ("Blockcerts College", "revocation list", Outcome.FETCHED),
        ("Gone College", "issuer profile", Outcome.FAILED),
        ("Ion College", "DID document", Outcome.NOT_SUPPORTED),
    ]
    assert "404" in items[5].reason
    assert items[6].reason == "The DID method did:ion is not supported."
    assert [p[0] for p in progress] == [1, 2, 3, 4, 5] and progress[0][1] == 5
    assert cache.get(revocations) is not None and cache.get(profile) is not None


def test_after_sync_an_offline_kiosk_verifies_from_the_cache_with_its_date(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, "issuers", "web")
    server.json(document_path("issuers", "web"), controller_document(did))
    synced_on = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)
    run_sync(
        [TrustedIssuer(did, "Web College")],
        fetcher=issuer_fetcher(tls_ca, clock=lambda: synced_on),
        cache=DocumentCache(tmp_path),
    )
    server.stop()  # the network is gone now
    credential = signed_by(did, f"{did}#key-1")
    report = verify_document(credential, key_context(did, None, tmp_path))
    assert report.verdict is Verdict.VERIFIED, report.checks
    key_check = report.check(CheckId.ISSUER_KEY)
    assert key_check is not None and key_check.reason.endswith("as of 12 Nov 2026.")
    unsynced = did_web(server, "issuers", "other")
    other = verify_document(
        signed_by(unsynced, f"{unsynced}#key-1"), key_context(unsynced, None, tmp_path)
    )
    assert other.verdict is Verdict.CHECK_MANUALLY


def test_a_failed_fetch_keeps_the_older_copy_and_says_when_it_is_from(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, "issuers", "web")
    url = f"https://{HOST}:{server.port}/issuers/web/did.json"
    cache = DocumentCache(tmp_path)
    cache.put(
        FetchedDocument(
            url, url, "application/json", json.dumps(controller_document(did)).encode(), OLD
        )
    )
    server.route(document_path("issuers", "web"), Route(status=500, body=b"{}"))
    (item,) = run_sync(
        [TrustedIssuer(did, "Web College")], fetcher=issuer_fetcher(tls_ca), cache=cache
    )
    assert item.outcome is Outcome.FAILED and item.fetched_at == OLD
    assert "older saved copy is kept" in item.reason
    kept = cache.get(url)
    assert kept is not None and kept.fetched_at == OLD


def test_a_document_for_another_identifier_is_reported_and_not_cached(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    did = did_web(server, "issuers", "web")
    server.json(
        document_path("issuers", "web"), controller_document("did:web:elsewhere.kiosk.test")
    )
    cache = DocumentCache(tmp_path)
    (item,) = run_sync(
        [TrustedIssuer(did, "Web College")], fetcher=issuer_fetcher(tls_ca), cache=cache
    )
    assert item.outcome is Outcome.FAILED and "another identifier" in item.reason
    assert list(cache.entries()) == []


def write_trust_list(path: Path, issuer_id: str) -> Path:
    path.write_text(
        json.dumps(
            {
                "format": "credential-kiosk-trust-list/1",
                "name": "Sync test list",
                "issuers": [{"id": issuer_id, "name": "Synced College"}],
            }
        )
    )
    return path


def test_kiosk_sync_then_kiosk_verify_offline(
    tls_ca: trustme.CA,
    server: LocalHttpsServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command line end to end: the default cache location, then an offline verification."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    issuer = f"{server.origin}/issuers/1"
    server.json("/issuers/1", controller_document(issuer))
    trust = write_trust_list(tmp_path / "trust.json", issuer)
    code = main(
        [
            "sync",
            "--trust-list",
            str(trust),
            "--allow-host",
            f"127.0.0.1:{server.port}",
            "--ca-file",
            str(write_ca_file(tls_ca, tmp_path)),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "[1/1] Synced College" in err
    header, row = out.splitlines()[:2]
    assert header.split()[:3] == ["Issuer", "What", "Result"]
    assert row.split()[:5] == ["Synced", "College", "issuer", "profile", "fetched"]
    assert "1 fetched" in out and str(tmp_path / "xdg-cache" / "credential-kiosk") in out
    server.stop()

    credential = tmp_path / "credential.json"
    credential.write_text(json.dumps(signed_by(issuer, f"{issuer}#key-1")))
    today = datetime.now(UTC)
    code = main(
        [
            "verify",
            str(credential),
            "--json",
            "--offline",
            "--trust-list",
            str(trust),
            "--now",
            today.isoformat(),
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert (code, report["verdict"]) == (0, "VERIFIED"), report
    key_check = next(c for c in report["checks"] if c["id"] == "issuer-key")
    assert key_check["reason"].endswith(f"as of {show_day(today)}.")


def test_kiosk_sync_reports_failures_with_exit_code_1_and_json(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issuer = f"{server.origin}/issuers/missing"
    trust = write_trust_list(tmp_path / "trust.json", issuer)
    code = main(
        [
            "sync",
            "--json",
            "--trust-list",
            str(trust),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--allow-host",
            f"127.0.0.1:{server.port}",
            "--ca-file",
            str(write_ca_file(tls_ca, tmp_path)),
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["items"][0]["outcome"] == "failed" and "404" in report["items"][0]["reason"]
    assert report["cache"] == str(tmp_path / "cache")


def test_kiosk_sync_refuses_offline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", "--offline"]) == EXIT_USAGE
    assert "needs the network" in capsys.readouterr().err
