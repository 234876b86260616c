"""Sweep `../shared/vectors/`: every credential naming a status list, with every status list,
revocation list and DID document the manifest records served at its real address.

Skipped cleanly when `../shared/vectors/` is absent. What each case must give:

- manifest "revoked": the status check fails (NOT VERIFIED) — except the cases in
  `CANNOT_BE_DECIDED`, whose lists cannot be had or confirmed offline (reason given);
- manifest "valid…" / "expired": the status check never fails (the DCC lists hold 100,000
  entries, fewer than the standard's 131,072: read all the same, with a detail line);
- "status list invalid" and "valid (status unresolvable)": not done, never passed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import trustme

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from tests.conftest import SHARED_VECTORS, NetworkAttempts, shared_vectors
from tests.helpers import context
from tests.unit.status.public import path_of, public_server

pytestmark = [pytest.mark.local_servers, pytest.mark.shared]

SERVED_FORMATS = {"status-list", "revocation-list", "did-doc", "issuer-profile"}
CREDENTIAL_FORMATS = {"ob3", "vc1.1", "vc2.0", "clr2", "blockcerts-v3"}
CANNOT_BE_DECIDED = {
    "openbadges-3/1edtech-validator/ob30/credential-status-revoked.json": (
        "could not be fetched"  # a live 1EdTech endpoint, no recorded copy
    ),
    "openbadges-3/1edtech-validator/ob30/bit-string-list/credential-status-revoked.json": (
        "signature could not be confirmed"  # the list's key lives in 1edtech.edu's profile,
        # which is not recorded
    ),
}


def manifest() -> dict[str, Any]:
    path = SHARED_VECTORS / "MANIFEST.json"
    return json.loads(path.read_text("utf-8")) if path.is_file() else {"files": []}


def served_documents(entries: list[dict[str, Any]]) -> dict[str, Path]:
    """URL → recorded copy, for every fetched document the manifest records."""
    served: dict[str, Path] = {}
    for entry in entries:
        if entry.get("format") not in SERVED_FORMATS:
            continue
        for url in entry.get("urls") or [entry.get("served_url")]:
            if isinstance(url, str) and url.startswith("https://"):
                served[url] = SHARED_VECTORS / entry["path"]
    return served


def status_cases(entries: list[dict[str, Any]]) -> Iterator[Any]:
    for entry in entries:
        if entry.get("format") not in CREDENTIAL_FORMATS:
            continue
        try:
            document = json.loads((SHARED_VECTORS / entry["path"]).read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(document, dict) and "credentialStatus" in document:
            yield pytest.param(entry, document, id=entry["path"])


ENTRIES = manifest()["files"]
CASES = list(status_cases(ENTRIES)) or [pytest.param({}, {}, id="shared-vectors-absent")]


@pytest.mark.parametrize(("entry", "document"), CASES)
def test_shared_credentials_with_status_come_out_as_the_rules_say(
    tls_ca: trustme.CA,
    monkeypatch: pytest.MonkeyPatch,
    network_guard: NetworkAttempts,
    entry: dict[str, Any],
    document: dict[str, Any],
) -> None:
    shared_vectors()
    served = served_documents(ENTRIES)
    hosts = {urlsplit(url).hostname or "" for url in served}
    issuer = document["issuer"]
    issuer_id = str(issuer.get("id") if isinstance(issuer, dict) else issuer)
    with public_server(tls_ca, hosts, monkeypatch) as (server, fetcher):
        for url, path in served.items():
            server.json(path_of(url), json.loads(path.read_text("utf-8")))
        trusted = replace(context({issuer_id: "Shared vector issuer"}), network=fetcher)
        report = verify_document(document, trusted)
    status = report.check(CheckId.STATUS)
    expected = entry["expected_verdict"]
    if status is None:  # refused before the status check (format, a failed signature)
        assert expected not in {"revoked", "valid"}, report.checks
        return
    if expected == "revoked":
        assert report.verdict is not Verdict.VERIFIED
        if entry["path"] in CANNOT_BE_DECIDED:
            assert status.status is CheckStatus.NOT_DONE, status
            assert CANNOT_BE_DECIDED[entry["path"]] in status.reason
        else:
            assert status.status is CheckStatus.FAILED, status
            assert report.verdict is Verdict.NOT_VERIFIED
    elif expected.startswith("valid") or expected == "expired":
        assert status.status is not CheckStatus.FAILED, status
        if expected == "valid (status unresolvable)":
            assert status.status is CheckStatus.NOT_DONE and "404" in status.reason
    elif expected == "status list invalid":
        assert status.status is CheckStatus.NOT_DONE, status
