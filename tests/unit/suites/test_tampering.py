"""Tampering, generated over every valid vector held in tests/fixtures and the demo set.

Changing any one value of a signed credential — in the credential, the proof options or the
signature — makes it NOT VERIFIED. Hypothesis chooses which value and how it changes. The only
exception is a value that selects the proof mechanism (proof `type`, `cryptosuite`, the key
reference `verificationMethod` / `kid`): changed to a name the kiosk does not support (another DID
method), the check is "not done" and the verdict CHECK MANUALLY by the verdict rule — never
VERIFIED.
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document, verify_payload
from tests.helpers import FIXTURES, context

ROOT = Path(__file__).resolve().parents[3]
MECHANISM_FIELDS = {"type", "cryptosuite", "verificationMethod"}


def _valid_json_vectors() -> list[Path]:
    peer = [
        p
        for p in (FIXTURES / "vectors/peer-generated").glob("*.json")
        if ".tampered." not in p.name and p.name != "MANIFEST.json" and not p.name.startswith("vp-")
    ]
    return sorted(
        [
            *peer,
            *(FIXTURES / "vectors/w3c").glob("*.json"),
            ROOT / "kiosk/demo/credentials/01-valid.json",
        ]
    )


JSON_VECTORS = _valid_json_vectors()
JWT_VECTORS = sorted(
    p for p in (FIXTURES / "vectors/peer-generated").glob("*.jwt") if ".tampered." not in p.name
)


def _leaves(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, (*prefix, k))]
    if isinstance(node, list):
        return [leaf for i, v in enumerate(node) for leaf in _leaves(v, (*prefix, i))]
    return [prefix]


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(document, path[:-1])[path[-1]] = value


def _changed(original: Any, data: st.DataObject) -> Any:
    if isinstance(original, bool):
        return not original
    if isinstance(original, (int, float)):
        return original + data.draw(st.integers(1, 1000))
    text = str(original)
    position = data.draw(st.integers(0, max(len(text) - 1, 0)))
    replacement = data.draw(
        st.characters(codec="utf-8", exclude_characters=text[position : position + 1] or None)
    )
    return text[:position] + replacement + text[position + 1 :]


def _baseline(document: dict[str, Any]) -> Any:
    issuer = document["issuer"]
    issuer_id = issuer["id"] if isinstance(issuer, dict) else issuer
    return context({issuer_id: "Vector Issuer"})


@pytest.mark.parametrize("path", JSON_VECTORS, ids=lambda p: p.name)
def test_vector_is_a_valid_baseline(path: Path) -> None:
    document = json.loads(path.read_text("utf-8"))
    report = verify_document(document, _baseline(document))
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.PASSED


@pytest.mark.parametrize("path", JSON_VECTORS, ids=lambda p: p.name)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_changing_any_one_value_is_not_verified(path: Path, data: st.DataObject) -> None:
    document = json.loads(path.read_text("utf-8"))
    leaf = data.draw(st.sampled_from(_leaves(document)), label="value")
    original = _get(document, leaf)
    tampered = copy.deepcopy(document)
    _set(tampered, leaf, _changed(original, data))
    report = verify_document(tampered, _baseline(document))
    proof = report.check(CheckId.PROOF)
    mechanism = leaf[:1] == ("proof",) and leaf[-1] in MECHANISM_FIELDS
    if mechanism:
        assert report.verdict is not Verdict.VERIFIED
        assert proof is None or proof.status is not CheckStatus.PASSED
    else:
        assert report.verdict is Verdict.NOT_VERIFIED, (leaf, report.checks)
        assert proof is None or proof.status is not CheckStatus.PASSED, leaf


def _decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


@pytest.mark.parametrize("path", JWT_VECTORS, ids=lambda p: p.name)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_changing_any_character_of_a_token_is_not_verified(path: Path, data: st.DataObject) -> None:
    token = path.read_text().strip()
    segments = token.split(".")
    part = data.draw(st.integers(0, 2), label="segment")
    segment = segments[part]
    position = data.draw(st.integers(0, len(segment) - 1), label="position")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    char = data.draw(st.sampled_from([c for c in alphabet if c != segment[position]]))
    changed = segment[:position] + char + segment[position + 1 :]
    # base64url's last character can carry unused bits: a change there may decode the same
    assume(len(changed) % 4 == 1 or _safe_decode(changed) != _decode(segment))
    tampered = ".".join([*segments[:part], changed, *segments[part + 1 :]])
    header = json.loads(_decode(segments[0]))
    issuer = header["kid"].split("#")[0]
    report = verify_payload(tampered.encode(), context({issuer: "Vector Issuer"}))
    kid_changed = part == 0 and _header_kid(changed) != header["kid"]
    if kid_changed:
        assert report.verdict is not Verdict.VERIFIED
    else:
        assert report.verdict is Verdict.NOT_VERIFIED, (part, position, report.checks)


def _header_kid(segment: str) -> object:
    try:
        return json.loads(_decode(segment)).get("kid")
    except ValueError:
        return None


def _safe_decode(segment: str) -> bytes | None:
    try:
        return _decode(segment)
    except ValueError:
        return None


VP = FIXTURES / "vectors/peer-generated/vp-vc2-eddsa-rdfc-2022.json"
VP_CHALLENGE, VP_DOMAIN = "kiosk-challenge-9879188af9d6bf02", "kiosk.example"


def _vp_context(document: dict[str, Any]) -> Any:
    import dataclasses

    issuer = document["verifiableCredential"][0]["issuer"]["id"]
    return dataclasses.replace(
        context({issuer: "Vector Issuer"}), challenge=VP_CHALLENGE, domain=VP_DOMAIN
    )


def test_presentation_is_a_valid_baseline() -> None:
    document = json.loads(VP.read_text("utf-8"))
    assert verify_document(document, _vp_context(document)).verdict is Verdict.VERIFIED


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_changing_any_one_value_of_a_presentation_is_not_verified(data: st.DataObject) -> None:
    """The holder's proof covers the whole presentation, embedded credentials included."""
    document = json.loads(VP.read_text("utf-8"))
    leaf = data.draw(st.sampled_from(_leaves(document)), label="value")
    tampered = copy.deepcopy(document)
    _set(tampered, leaf, _changed(_get(document, leaf), data))
    report = verify_document(tampered, _vp_context(document))
    mechanism = leaf[-1] in MECHANISM_FIELDS
    if mechanism:
        assert report.verdict is not Verdict.VERIFIED
    else:
        assert report.verdict is Verdict.NOT_VERIFIED, (leaf, report.checks)
