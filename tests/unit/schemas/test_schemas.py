"""JSON Schema validation (OB 3.0 / CLR 2.0, `credentialSchema`): offline, pinned, readable; a
declared schema broken fails the format check, the kiosk's own pick only warns."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.net import DocumentCache
from kiosk.net.fetcher import FetchedDocument
from kiosk.verification import CheckId, CheckStatus, Verdict, schemas, verify_document
from kiosk.verification.schemas import (
    CLR2_SCHEMA_ID,
    OB3_SCHEMA_ID,
    SchemaUnavailableError,
    bundled_schema,
    validate,
)
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.conftest import shared_vectors
from tests.helpers import NOW, context, make_key, ob3_unsigned

KEY = make_key("schema issuer")
ISSUER = did_key_for(KEY)
VC1 = "https://www.w3.org/2018/credentials/v1"


def vc11_badge(declare: bool = True) -> dict[str, Any]:
    """A VC 1.1 Open Badges 3.0 credential that follows the OB 3.0 schema."""
    document = ob3_unsigned(KEY, valid_until=None)
    document["@context"] = [
        VC1,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        "https://w3id.org/security/data-integrity/v2",
    ]
    document["issuanceDate"] = document.pop("validFrom")
    del document["credentialSubject"]["name"]
    document["credentialSubject"]["achievement"]["description"] = "Passed the test."
    if declare:
        document["credentialSchema"] = [
            {"id": OB3_SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}
        ]
    return document


def verified(document: dict[str, Any], **overrides: Any) -> Any:
    signed = sign_eddsa_rdfc_2022(document, KEY, "2026-01-15T09:00:00Z")
    base = context({ISSUER: "Schema College"})
    return verify_document(signed, base if not overrides else _with(base, **overrides))


def _with(base: Any, **overrides: Any) -> Any:
    from dataclasses import replace

    return replace(base, **overrides)


def format_of(report: Any) -> Any:
    result = report.check(CheckId.FORMAT)
    assert result is not None, report.checks
    return result


def test_a_credential_following_its_declared_schema_verifies() -> None:
    report = verified(vc11_badge())
    assert report.verdict is Verdict.VERIFIED, report.checks
    assert any("followed (bundled copy)" in line for line in format_of(report).details)


def test_a_declared_schema_broken_fails_the_format_check_naming_property_and_expectation() -> None:
    document = vc11_badge()
    del document["credentialSubject"]["achievement"]["description"]
    document["credentialSubject"]["achievement"]["criteria"] = 42
    report = verified(document)
    result = format_of(report)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert result.status is CheckStatus.FAILED
    assert result.reason.startswith(
        "It does not follow the schema it names (Open Badges 3.0 AchievementCredential): "
        "credentialSubject.achievement"
    )
    findings = [line for line in result.details if line.startswith("schema: ")]
    assert "schema: credentialSubject.achievement: 'description' is required" in findings
    assert "schema: credentialSubject.achievement.criteria: expected an object" in findings


def test_the_kiosks_own_pick_only_warns() -> None:
    document = vc11_badge(declare=False)
    del document["credentialSubject"]["achievement"]["description"]
    report = verified(document)
    result = format_of(report)
    assert report.verdict is Verdict.VERIFIED
    assert result.status is CheckStatus.PASSED
    assert any(line.startswith("warning: it does not follow") for line in result.details)
    assert "schema: credentialSubject.achievement: 'description' is required" in result.details


def test_a_vc2_credential_is_not_checked_against_the_vc11_schema() -> None:
    """1EdTech publishes a schema per VC version; the bundled copies describe VC 1.1."""
    document = ob3_unsigned(KEY)
    document["@context"].append("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json")
    document["credentialSchema"] = [{"id": OB3_SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}]
    report = verified(document)
    assert report.verdict is Verdict.VERIFIED
    assert any("describes VC 1.1 credentials" in line for line in format_of(report).details)


def test_a_vc2_credential_naming_no_schema_says_it_was_not_checked() -> None:
    """No VC 2.0 copy of the 1EdTech schemas is bundled: the details say so, never 'follows'."""
    report = verified(ob3_unsigned(KEY))
    assert report.verdict is Verdict.VERIFIED
    details = format_of(report).details
    assert any(line.startswith("schema: not checked") and "VC 2.0" in line for line in details)
    assert not any("follows the" in line for line in details)


def test_a_declared_schema_neither_bundled_nor_saved_is_never_fetched() -> None:
    document = vc11_badge()
    document["credentialSchema"] = [
        {"id": "https://schemas.example/badge.json", "type": "1EdTechJsonSchemaValidator2019"}
    ]
    report = verified(document)
    assert report.verdict is Verdict.VERIFIED
    assert any("schemas are never fetched" in line for line in format_of(report).details)


def test_a_declared_schema_in_the_kiosks_cache_is_used(tmp_path: Path) -> None:
    url = "https://schemas.example/badge.json"
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string", "maxLength": 5}},
    }
    cache = DocumentCache(tmp_path)
    body = json.dumps(schema).encode()
    cache.put(FetchedDocument(url, url, "application/json", body, NOW - timedelta(days=1)))
    document = vc11_badge()
    document["credentialSchema"] = [{"id": url, "type": "1EdTechJsonSchemaValidator2019"}]
    report = verified(document, cache=cache)
    result = format_of(report)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "name: maxLength 5" in result.reason


def test_a_schema_referring_elsewhere_is_not_fetched_and_not_checked(tmp_path: Path) -> None:
    url = "https://schemas.example/ref.json"
    schema = {"$ref": "https://evil.example/other.json"}
    cache = DocumentCache(tmp_path)
    cache.put(FetchedDocument(url, url, "application/json", json.dumps(schema).encode(), NOW))
    document = vc11_badge()
    document["credentialSchema"] = [{"id": url, "type": "1EdTechJsonSchemaValidator2019"}]
    report = verified(document, cache=cache)
    assert report.verdict is Verdict.VERIFIED
    assert any("refers to another schema" in line for line in format_of(report).details)


def test_schema_checks_can_be_switched_off_for_the_benchmark() -> None:
    document = vc11_badge()
    del document["credentialSubject"]["achievement"]["description"]
    report = verified(document, check_schemas=False)
    assert report.verdict is Verdict.VERIFIED
    assert format_of(report).details == ()


def test_bundled_schemas_are_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    file, _digest, label = schemas.BUNDLED[CLR2_SCHEMA_ID]
    monkeypatch.setitem(schemas.BUNDLED, CLR2_SCHEMA_ID, (file, "0" * 64, label))
    schemas._bundled_schema.cache_clear()
    try:
        with pytest.raises(SchemaUnavailableError, match="pinned hash"):
            bundled_schema(CLR2_SCHEMA_ID)
    finally:
        schemas._bundled_schema.cache_clear()


def test_bundled_copies_are_the_shared_ones_with_their_published_ids() -> None:
    folder = shared_vectors() / "schemas" / "1edtech" / "json-schema"
    for schema_id, (file, _digest, _label) in schemas.BUNDLED.items():
        shared = json.loads((folder / file).read_text("utf-8"))
        assert shared == bundled_schema(schema_id)
        assert shared["$id"] == schema_id


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["name", "issuer", "credentialSubject", "type", "issuanceDate", "id"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers())),
    )
)
def test_any_json_gives_readable_findings_never_an_exception(value: dict[str, Any]) -> None:
    for finding in validate(value, bundled_schema(OB3_SCHEMA_ID)):
        text = str(finding)
        assert ": " in text and all(ch.isprintable() for ch in text)


@pytest.mark.shared
def test_blockcerts_credential_schema_from_the_cache(tmp_path: Path) -> None:
    """cert-verifier-js's mocknet-vc-v2-credential-schema: its `JsonSchema` entry, served from
    the kiosk's cache (as `kiosk sync` would save it), is followed; a changed credential not."""
    root = shared_vectors() / "blockcerts" / "cert-verifier-js" / "fixtures"
    certificate = json.loads((root / "v3" / "mocknet-vc-v2-credential-schema.json").read_text())
    url = (
        certificate["credentialSchema"][0]["id"]
        if isinstance(certificate["credentialSchema"], list)
        else certificate["credentialSchema"]["id"]
    )
    cache = DocumentCache(tmp_path)
    body = (root / "credential-schema-example-id-card.json").read_bytes()
    cache.put(FetchedDocument(url, url, "application/json", body, NOW))
    base = _with(context(), cache=cache)
    result = format_of(verify_document(certificate, base))
    assert result.status is CheckStatus.PASSED, result
    assert any(
        "followed (the kiosk's saved copy" in line and "describes the credentialSubject" in line
        for line in result.details
    )
    broken = copy.deepcopy(certificate)
    subject = broken["credentialSubject"]
    subject.pop(next(k for k in subject if k not in {"id", "type"}))
    assert format_of(verify_document(broken, base)).status is CheckStatus.FAILED
