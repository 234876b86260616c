"""Issue 12 finding 5: every exception from parsing a payload is NOT VERIFIED "malformed …",
`kiosk verify` never prints a traceback, and a closed pipe exits quietly with the verdict's code.

The examples of the issue, then the class: any JSON value in a JWT header or in an inline
context term definition, where libraries raise `TypeError`s on shapes they did not expect.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_payload
from tests.helpers import context, deep_copy, signed_ob3

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "kiosk" / "demo" / "credentials"
VALID = signed_ob3()
CONTEXT = context()
V2 = "https://www.w3.org/ns/credentials/v2"
INTERNAL_ERROR = "This check could not be completed because of an internal error."
"""What a check says when it raised something unexpected (`errors.internal_error`)."""


def _b64(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def _token(header: dict[str, Any], claims: dict[str, Any]) -> bytes:
    return f"{_b64(header)}.{_b64(claims)}.AAAA".encode()


def _presentation(inline: dict[str, Any], extra_types: tuple[str, ...] = ()) -> bytes:
    document = {
        "@context": [V2, inline],
        "type": ["VerifiablePresentation", *extra_types],
        "verifiableCredential": [deep_copy(VALID)],
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "verificationMethod": VALID["proof"]["verificationMethod"],
            "proofPurpose": "authentication",
            "proofValue": "z1111",
        },
    }
    return json.dumps(document).encode()


def _credential_with_context(inline: dict[str, Any]) -> bytes:
    document = deep_copy(VALID)
    document["@context"] = [*document["@context"], inline]
    return json.dumps(document).encode()


def _assert_malformed_not_verified(data: bytes) -> None:
    report = verify_payload(data, CONTEXT)
    assert report.verdict is Verdict.NOT_VERIFIED, report.checks
    assert all(check.reason != INTERNAL_ERROR for check in report.checks), report.checks
    failed = [check for check in report.checks if check.status is CheckStatus.FAILED]
    assert failed and failed[0].check_id in {CheckId.PAYLOAD, CheckId.FORMAT}


EXAMPLES = {
    "jwt typ list": _token({"alg": "EdDSA", "typ": ["vc+jwt"]}, {"vc": {}}),
    "jwt typ object": _token({"alg": "EdDSA", "typ": {"a": 1}}, {"@context": V2}),
    "jwt vp typ list": _token({"alg": "EdDSA", "typ": ["vp+jwt"]}, {"vp": {}}),
    "jwk crv list": _token(
        {"alg": "ES256", "typ": "vc+jwt", "jwk": {"kty": "EC", "crv": ["P-256"]}},
        {"@context": V2},
    ),
    "presentation inline context @id object": _presentation({"x": {"@id": {}}}),
    "presentation type term @id null": _presentation({"Foo": {"@id": None}}, ("Foo",)),
    "credential inline context @id object": _credential_with_context({"x": {"@id": {}}}),
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_examples_of_the_issue_are_not_verified_with_a_reason(name: str) -> None:
    _assert_malformed_not_verified(EXAMPLES[name])


def test_an_inline_context_of_the_wrong_shape_says_malformed() -> None:
    report = verify_payload(EXAMPLES["credential inline context @id object"], CONTEXT)
    assert "malformed" in report.headline_reason


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["@id", "@type", "@context", "@container", "x"]), children
        )
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["@id", "@type", "@container", "@context", "@reverse", "@language"]),
    JSON_VALUES,
    st.booleans(),
)
def test_any_value_in_an_inline_term_definition_is_not_an_internal_error(
    keyword: str, value: Any, in_presentation: bool
) -> None:
    inline = {"x": {keyword: value}}
    data = _presentation(inline) if in_presentation else _credential_with_context(inline)
    report = verify_payload(data, CONTEXT)
    assert report.verdict is not Verdict.VERIFIED or keyword == "@language"
    assert all(check.reason != INTERNAL_ERROR for check in report.checks), report.checks


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["typ", "alg", "kid", "crit", "cty", "jwk", "b64"]),
    JSON_VALUES,
    st.sampled_from(["vc", "vp", "@context"]),
)
def test_any_value_in_a_jwt_header_is_not_verified_without_a_crash(
    name: str, value: Any, claim: str
) -> None:
    header = {"alg": "EdDSA", "typ": "vc+jwt", name: value}
    report = verify_payload(_token(header, {claim: {} if claim != "@context" else V2}), CONTEXT)
    assert report.verdict is not Verdict.VERIFIED
    assert all(check.reason != INTERNAL_ERROR for check in report.checks), report.checks


def _kiosk(*args: str, tmp_path: Path, **options: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        **options,
    )


@pytest.mark.parametrize(
    "name",
    [
        "jwt typ list",
        "presentation inline context @id object",
        "credential inline context @id object",
    ],
)
def test_kiosk_verify_prints_no_traceback(name: str, tmp_path: Path) -> None:
    path = tmp_path / "payload"
    path.write_bytes(EXAMPLES[name])
    process = _kiosk("verify", str(path), "--offline", tmp_path=tmp_path)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, out
    assert err == b"", err.decode()
    assert out.decode().startswith("✘ NOT VERIFIED")


@pytest.mark.parametrize(("extra", "code"), [(("--demo",), 0), ((), 2)])
def test_a_closed_pipe_exits_quietly_with_the_verdicts_code(
    tmp_path: Path, extra: tuple[str, ...], code: int
) -> None:
    """`kiosk verify --json … | head -1`: the reader is gone before the report is written."""
    valid = str(DEMO / "01-valid.json")
    process = _kiosk(
        "verify",
        valid,
        "--json",
        "--offline",
        "--now",
        "2026-11-24T12:00:00Z",
        *extra,
        tmp_path=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the child has verified anything: its write finds no reader
    with process.stderr:
        err = process.stderr.read()
    assert process.wait(timeout=120) == code
    assert err == b"", err.decode()
