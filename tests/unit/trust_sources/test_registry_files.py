"""Loaders on the real registry files: DCC legacy and known-registries (incl. the stored
versions that are not valid JSON), OpenID Federation statements with the pinned DCC test anchor
key, the W3C Recognized Entities example, and the real EBSI pilot record.

The copies in tests/fixtures/trust/ always run; the shared folder's full set runs when present.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.trust_sources.load import load_source
from kiosk.trust_sources.oidf import StatementError, pinned_keys, verify_statement
from kiosk.verification.jsonld.loader import bundled_contexts
from tests.conftest import shared_vectors
from tests.unit.trust_sources.support import TRUST_FIXTURES, offline
from trust_lists import TrustListError, TrustRegistry
from trust_lists.dcc import parse_json_bytes, parse_known_registries
from trust_lists.recognized import recognized_entities
from trust_lists.sources import TrustSourceSpec

BEFORE_ANCHOR_EXPIRY = datetime(2025, 4, 26, 0, 0, tzinfo=UTC)  # the statements' exp: 04-26/30


def load(kind: str, path: Path, **kwargs: str) -> list:
    return load_source(TrustSourceSpec(kind, str(path), **kwargs), offline(), bundled_contexts())


def test_dcc_sandbox_registry_lists_its_dids_with_location_and_url() -> None:
    (registry,) = load(
        "dcc-legacy", TRUST_FIXTURES / "dcc-sandbox-registry.json", name="DCC Sandbox Registry"
    )
    entry = registry.issuers["did:web:digitalcredentials.github.io:vc-test-fixtures:dids:legacy"]
    assert entry.name == "DCC did:web for testing"
    assert ("location", "Cambridge, MA, USA") in entry.details
    assert registry.kind == "DCC registry" and len(registry.issuers) == 39


def test_every_shared_dcc_legacy_registry_loads_and_invalid_ones_are_refused_with_a_reason() -> (
    None
):
    legacy = shared_vectors() / "trust-registries" / "dcc" / "legacy"
    valid = [p for p in legacy.rglob("*.json") if "invalid" not in p.parts]
    invalid = sorted((legacy / "issuer-registry" / "invalid").glob("*.json"))
    assert len(valid) >= 5 and len(invalid) == 4
    for path in valid:
        (registry,) = load("dcc-legacy", path)
        assert registry.issuers and all(i.id == k for k, i in registry.issuers.items())
    for path in invalid:
        with pytest.raises(TrustListError, match="is not valid JSON \\(line"):
            load("dcc-legacy", path)


def test_pilot_registry_names_the_published_key_test_issuer_as_a_test_issuer() -> None:
    path = shared_vectors() / "trust-registries/dcc/legacy/issuer-registry/registry.json"
    (registry,) = load("dcc-legacy", path)
    entry = registry.issuers["did:key:z6Mktpn6cXks1PBKLMgZH2VaahvCtBMF6K8eCa7HzrnuYLZv"]
    assert entry.name == "Example University 1 (DCC test-only issuer)"
    assert entry.note == "listed as a test issuer"


def test_known_registries_are_read_in_order_and_the_invalid_version_is_refused() -> None:
    body = (TRUST_FIXTURES / "known-did-registries.json").read_bytes()
    entries = parse_known_registries(parse_json_bytes("k", body), "k")
    assert [e["kind"] for e in entries][:5] == ["oidf"] * 5
    assert entries[5] == {
        "kind": "dcc-legacy",
        "name": "DCC Sandbox Registry",
        "location": "https://digitalcredentials.github.io/sandbox-registry/registry.json",
        "governance": "https://digitalcredentials.github.io/sandbox-registry",
    }
    with pytest.raises(TrustListError, match="Invalid control character"):
        parse_json_bytes("bad", (TRUST_FIXTURES / "known-did-registries.invalid.json").read_bytes())


def test_every_shared_known_registries_version_reads_or_is_refused() -> None:
    folder = shared_vectors() / "trust-registries" / "dcc" / "known-registries"
    outcomes = {}
    for path in sorted(folder.glob("*.json")):
        try:
            outcomes[path.name] = len(
                parse_known_registries(parse_json_bytes(path.name, path.read_bytes()), path.name)
            )
        except TrustListError as error:
            outcomes[path.name] = error.reason
    refused = [v for v in outcomes.values() if isinstance(v, str)]
    assert len(refused) == 1 and "not valid JSON" in refused[0]
    assert all(isinstance(v, int) and v > 0 for k, v in outcomes.items() if v not in refused)


def test_an_invalid_registry_is_refused_and_the_other_sources_still_work() -> None:
    from kiosk.trust_sources.load import load_registry
    from trust_lists.sources import TrustConfig

    config = TrustConfig(
        sources=(
            TrustSourceSpec(
                "dcc-legacy",
                str(TRUST_FIXTURES / "dcc-pilot-registry.invalid.json"),
                "DCC Pilot Registry",
            ),
            TrustSourceSpec(
                "dcc-legacy",
                str(TRUST_FIXTURES / "dcc-sandbox-registry.json"),
                "DCC Sandbox Registry",
            ),
        )
    )
    registry = load_registry(config, where=offline(), contexts=bundled_contexts())
    broken, working = registry.lists
    assert "not valid JSON" in broken.problem and not working.problem
    outcome = registry.resolve(
        "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q", BEFORE_ANCHOR_EXPIRY
    )
    assert outcome.match is not None and outcome.match.trust_list.name == "DCC Sandbox Registry"
    assert [t.name for t, _ in outcome.unchecked] == ["DCC Pilot Registry"]


def test_real_dcc_oidf_statements_verify_with_the_pinned_anchor_key() -> None:
    keys = pinned_keys(str(TRUST_FIXTURES / "dcc-test-anchor.jwks.json"))
    anchor = (TRUST_FIXTURES / "dcc-test-anchor.entity-configuration.jwt").read_text().strip()
    claims = verify_statement(anchor, keys, BEFORE_ANCHOR_EXPIRY)
    assert claims["iss"] == claims["sub"] == "https://test.registry.dcconsortium.org"
    member = (TRUST_FIXTURES / "dcc-test-anchor.fetch.oneuni.jwt").read_text().strip()
    statement = verify_statement(member, keys, BEFORE_ANCHOR_EXPIRY)
    assert statement["sub"] == "did:web:oneuni.testuni.edu"
    from kiosk.trust_sources.oidf import issuer_from_statement

    issuer = issuer_from_statement(statement)
    assert issuer.name == "OneUni University"
    shown = dict(issuer.details)
    assert shown["legal name"] == "Board and Trustees of OneUni University"
    assert shown["Credential Engine CTID"] == "ce-e8a41a52-6ff6-48f0-9872-889c87b093b7"
    assert shown["ROR id"] == "042nb2s44" and shown["homepage"] == "https://oneuni.edu"
    assert shown["logo"] == "an embedded image (not shown)"


def test_real_dcc_oidf_statements_are_refused_past_their_exp() -> None:
    keys = pinned_keys(str(TRUST_FIXTURES / "dcc-test-anchor.jwks.json"))
    member = (TRUST_FIXTURES / "dcc-test-anchor.fetch.oneuni.jwt").read_text().strip()
    with pytest.raises(StatementError, match="expired on 2025-04-26"):
        verify_statement(member, keys, datetime(2026, 11, 24, tzinfo=UTC))


def test_the_hs256_mock_entity_configuration_is_refused() -> None:
    keys = pinned_keys(str(TRUST_FIXTURES / "dcc-test-anchor.jwks.json"))
    mock = (TRUST_FIXTURES / "dcc-anchor.HS256-mock.jwt").read_text().strip()
    with pytest.raises(StatementError):
        verify_statement(mock, keys, BEFORE_ANCHOR_EXPIRY)


def test_every_shared_oidf_statement_signed_by_the_dcc_test_anchor_verifies() -> None:
    folder = shared_vectors() / "trust-registries" / "dcc" / "issuer-registry-client-fixtures"
    keys = pinned_keys(
        str(
            shared_vectors()
            / "trust-registries/dcc/dcc-members-oidf/trust-anchor-public-jwks.derived.json"
        )
    )
    manifest = json.loads((shared_vectors() / "trust-registries" / "MANIFEST.json").read_text())
    signed = {
        f["path"].rsplit("/", 1)[1]: f["signature_verifies"]
        for f in manifest["files"]
        if "signature_verifies" in f and f["path"].startswith("dcc/issuer-registry-client-fixtures")
    }
    assert len(signed) == 4
    for name, verifies in signed.items():
        token = (folder / name).read_text().strip()
        if verifies:
            verify_statement(token, keys, datetime(2025, 4, 20, tzinfo=UTC))
        else:
            with pytest.raises(StatementError):
                verify_statement(token, keys, datetime(2025, 4, 20, tzinfo=UTC))


def test_recognized_entities_example_reads_names_legal_names_and_the_list_end() -> None:
    document = json.loads((TRUST_FIXTURES / "recognized-entities-example-1.json").read_text())
    listed = recognized_entities(document, "example")
    assert set(listed.issuers) == {"did:web:university.example", "did:web:college.example"}
    entry = listed.issuers["did:web:university.example"]
    assert entry.name == "Example Tech"
    assert ("legal name", "Example Polytechnic University") in entry.details
    assert listed.valid_until == datetime(2030, 1, 1, tzinfo=UTC)
    assert listed.signed_by == "did:web:learning-commission.example"


def test_the_spec_example_is_not_accepted_as_a_signed_list() -> None:
    """Its proof names a did:web key (accreditor.example) no one can resolve: refused."""
    spec = TrustSourceSpec(
        "signed-list",
        str(TRUST_FIXTURES / "recognized-entities-example-1.json"),
        pinned_key="did:web:learning-commission.example",
    )
    with pytest.raises(TrustListError, match="signature or form refused"):
        load_source(spec, offline(), bundled_contexts())


def test_every_shared_recognized_entities_list_example_is_read_or_refused_with_a_reason() -> None:
    folder = shared_vectors() / "trust-registries" / "recognized-entities"
    read = 0
    for path in sorted(folder.rglob("*.json")):
        try:
            document = parse_json_bytes(path.name, path.read_bytes())
            recognized_entities(document, path.name)
            read += 1
        except TrustListError as error:
            assert error.reason
    assert read >= 1


def test_real_ebsi_pilot_record_verifies_its_accreditation_with_the_root_key_in_the_snapshot(
    tmp_path: Path,
) -> None:
    from kiosk.trust_sources.ebsi import ebsi_list

    record = json.loads((TRUST_FIXTURES / "ebsi-pilot-issuer.json").read_text())
    root = json.loads((TRUST_FIXTURES / "ebsi-pilot-root.did.json").read_text())
    spec = TrustSourceSpec("ebsi-tir", "snapshot", "EBSI pilot")
    snapshot = {
        "format": "credential-kiosk-ebsi-snapshot/1",
        "issuers": [record],
        "dids": {root["id"]: root},
    }
    listed = ebsi_list(snapshot, spec, datetime(2026, 11, 24, tzinfo=UTC))
    entry = listed.issuers["did:ebsi:z25euAwW3mXPQAKUTqKqogsj"]
    shown = dict(entry.details)
    assert shown["signature"].startswith("verified with did:ebsi:zZeKyEJfUTGwajhNyNX928z#")
    assert "accredited for" in shown and entry.unconfirmed == ""
    without_root = ebsi_list({**snapshot, "dids": {}}, spec, datetime(2026, 11, 24, tzinfo=UTC))
    unconfirmed = without_root.issuers["did:ebsi:z25euAwW3mXPQAKUTqKqogsj"].unconfirmed
    assert "not done (did:ebsi resolution is not available offline" in unconfirmed


def test_a_revoked_ebsi_record_is_left_out() -> None:
    from kiosk.trust_sources.ebsi import ebsi_list

    record = json.loads((TRUST_FIXTURES / "ebsi-pilot-issuer.json").read_text())
    record["attributes"][0]["issuerType"] = "Revoked"
    listed = ebsi_list(
        [record], TrustSourceSpec("ebsi-tir", "x"), datetime(2026, 11, 24, tzinfo=UTC)
    )
    assert listed.issuers == {}
    assert (
        TrustRegistry((listed,)).resolve(record["did"], datetime(2026, 11, 24, tzinfo=UTC)).match
        is None
    )
