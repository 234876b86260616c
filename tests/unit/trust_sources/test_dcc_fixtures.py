"""The DCC test credentials (`../shared/vectors/dcc-vc-test-fixtures/`) whose manifest names an
issuer registry, verified against the registries DCC's known-registries list names, served by a
local HTTPS server at their recorded addresses:

- DCC Sandbox Registry (dcc-legacy), https://digitalcredentials.github.io/sandbox-registry/registry.json
  → `vectors/dcc-registries/sandbox-registry.json`;
- Test DCC Member Registry (OpenID Federation), https://test.registry.dcconsortium.org, with the
  anchor key pinned: only its entity configuration is recorded, and it expired on 2025-04-30,
  so at the test instant (2026-11-24) it is "could not be checked" — never "not listed".

Also served at their addresses: the did:web documents and status lists the manifest records.
Skipped cleanly when `../shared/vectors/` is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import trustme

from kiosk.trust_sources import Where, load_registry
from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from tests.conftest import SHARED_VECTORS, shared_vectors
from tests.helpers import NOW
from tests.servers import Route
from tests.unit.status.public import path_of, public_server
from trust_lists import TrustRegistry
from trust_lists.sources import TrustConfig, TrustSourceSpec

pytestmark = [pytest.mark.local_servers, pytest.mark.shared]

SANDBOX_URL = "https://digitalcredentials.github.io/sandbox-registry/registry.json"
ANCHOR_URL = "https://test.registry.dcconsortium.org/.well-known/openid-federation"
REGISTRY_FILES = "trust-registries/dcc"


def manifest_entries() -> list[dict[str, Any]]:
    path = SHARED_VECTORS / "MANIFEST.json"
    return json.loads(path.read_text("utf-8"))["files"] if path.is_file() else []


def registry_cases() -> list[Any]:
    cases = []
    for entry in manifest_entries():
        if not entry["path"].startswith("dcc-vc-test-fixtures/verifiableCredentials/"):
            continue
        if "issuer registry lookup" in str(entry.get("network")) and entry["path"].endswith(
            ".json"
        ):
            cases.append(pytest.param(entry, id=entry["path"].split("/", 2)[2]))
    return cases or [pytest.param({}, id="shared-vectors-absent")]


def served(entries: list[dict[str, Any]]) -> dict[str, Path]:
    urls: dict[str, Path] = {}
    for entry in entries:
        url = entry.get("served_url")
        wanted = isinstance(url, str) and url.startswith("https://")
        if wanted and entry.get("format") != "vc2.0" and entry["path"].startswith("dcc-"):
            urls[str(url)] = SHARED_VECTORS / entry["path"]
    return urls


def sandbox_ids() -> set[str]:
    data = json.loads((SHARED_VECTORS / "dcc-registries" / "sandbox-registry.json").read_text())
    return set(data["registry"])


def dcc_config(test_only: bool = False) -> TrustConfig:
    jwks = (
        SHARED_VECTORS
        / REGISTRY_FILES
        / "dcc-members-oidf"
        / "trust-anchor-public-jwks.derived.json"
    )
    return TrustConfig(
        sources=(
            TrustSourceSpec(
                "oidf",
                ANCHOR_URL,
                "Test DCC Member Registry",
                anchor_jwks=str(jwks),
                governance="https://test.registry.docconsortium.org/governance",
            ),
            TrustSourceSpec(
                "dcc-legacy",
                SANDBOX_URL,
                "DCC Sandbox Registry",
                test_only=test_only,
                governance="https://digitalcredentials.github.io/sandbox-registry",
            ),
        )
    )


def verify_with_registries(
    tls_ca: trustme.CA,
    monkeypatch: pytest.MonkeyPatch,
    document: dict[str, Any],
    test_only: bool = False,
) -> tuple[Any, TrustRegistry]:
    documents = served(manifest_entries())
    anchor = (
        SHARED_VECTORS
        / REGISTRY_FILES
        / "issuer-registry-client-fixtures"
        / "test.registry.dcconsortium.org.entity-configuration.jwt"
    )
    hosts = {urlsplit(u).hostname or "" for u in [*documents, ANCHOR_URL]}
    with public_server(tls_ca, hosts, monkeypatch) as (server, fetcher):
        for url, path in documents.items():
            server.route(path_of(url), Route(body=path.read_bytes()))
        server.route(
            path_of(ANCHOR_URL),
            Route(body=anchor.read_bytes(), content_type="application/entity-statement+jwt"),
        )
        registry = load_registry(
            dcc_config(test_only), where=Where(fetcher, None, NOW), contexts=bundled_contexts()
        )
        context = VerificationContext(
            now=NOW, trust=registry, contexts=bundled_contexts(), network=fetcher
        )
        return verify_document(document, context), registry


@pytest.mark.parametrize("entry", registry_cases())
def test_dcc_credentials_are_trusted_exactly_when_the_served_registry_lists_their_issuer(
    tls_ca: trustme.CA, monkeypatch: pytest.MonkeyPatch, entry: dict[str, Any]
) -> None:
    shared_vectors()
    document = json.loads((SHARED_VECTORS / entry["path"]).read_text("utf-8"))
    report, registry = verify_with_registries(tls_ca, monkeypatch, document)
    oidf, sandbox = registry.lists
    assert oidf.problem == "" and oidf.valid_until is not None and oidf.valid_until < NOW
    assert len(sandbox.issuers) == 39 and sandbox.fetched_at is not None
    issuer = document["issuer"]
    issuer_id = issuer["id"] if isinstance(issuer, dict) else issuer
    trust = report.check(CheckId.TRUST)
    proof = report.check(CheckId.PROOF)
    if proof is None or proof.status is not CheckStatus.PASSED:
        assert report.verdict is not Verdict.VERIFIED
        return
    assert trust is not None
    if issuer_id in sandbox_ids():
        assert trust.status is CheckStatus.PASSED, trust
        assert (
            trust.reason
            == "Listed in DCC Sandbox Registry — governance: https://digitalcredentials.github.io/sandbox-registry."
        )
        assert report.fields.issuer.value == sandbox.issuers[issuer_id].name
    elif trust.status is CheckStatus.FAILED:  # not vouched for, claims a listed issuer's name
        claimed = issuer.get("name") if isinstance(issuer, dict) else None
        imitated = [i for i in sandbox.issuers.values() if i.name == claimed]
        assert imitated and trust.reason.startswith(f"The credential claims the name of {claimed}")
    else:
        assert trust.status is CheckStatus.NOT_DONE, trust
        assert (
            trust.reason
            == "Not done: 1 of 2 registries could not be checked, and the issuer is in none "
            "of the others."
        )
        assert (
            "Test DCC Member Registry: the list Test DCC Member Registry expired on 2025-04-30"
            in trust.details
        )
    status = report.check(CheckId.STATUS)
    status_not_done = status is not None and status.status is CheckStatus.NOT_DONE
    if entry["expected_verdict"] == "valid" and issuer_id in sandbox_ids():
        # the DCC status lists hold 100,000 entries, fewer than the standard's minimum, so
        # they cannot vouch ("not done", tests/unit/status/test_shared_vectors.py)
        expected = Verdict.CHECK_MANUALLY if status_not_done else Verdict.VERIFIED
        assert report.verdict is expected, report.checks
    elif (
        entry["expected_verdict"] in {"revoked", "tampered", "expired", "not yet valid"}
        or trust.status is CheckStatus.FAILED
    ):
        assert report.verdict is Verdict.NOT_VERIFIED, report.checks
    else:
        assert report.verdict is not Verdict.VERIFIED


def test_marked_test_only_the_sandbox_registry_gives_check_manually(
    tls_ca: trustme.CA, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = (
        shared_vectors()
        / "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey"
        / "legacy-noStatus-noExpiry.json"
    )
    report, _registry = verify_with_registries(
        tls_ca, monkeypatch, json.loads(path.read_text()), test_only=True
    )
    trust = report.check(CheckId.TRUST)
    assert (
        trust is not None and trust.status is CheckStatus.NOT_DONE and "test-only" in trust.reason
    )
    assert report.verdict is Verdict.CHECK_MANUALLY
