"""Hostile SD-JWTs whose issuer signature is valid: whatever the issuer (or a forger with a key
the kiosk resolves) puts in the payload or header, the kiosk answers with a reason — never an
internal error, never a crash — and a payload that breaks the rules is never VERIFIED."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.verification import Verdict, verify_payload
from tests.unit.sd_jwt.builder import context, disclosure, issue

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    ["_sd", "_sd_alg", "cnf", "status", "iat", "nbf", "exp", "iss", "vct", "..."]
)
HEADER_FIELDS = st.sampled_from(["kid", "x5c", "vctm", "typ", "alg"])


def reasons(text: str) -> list[str]:
    report = verify_payload(text.encode("ascii"), context())
    return [c.reason for c in report.checks] + [report.verdict.value]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overrides=st.dictionaries(FIELDS, JSON, min_size=1, max_size=3))
def test_any_signed_payload_gets_a_reason_and_no_internal_error(overrides: dict[str, Any]) -> None:
    credential = issue(extra_payload=overrides)
    for text in (credential.present(), credential.present(bind=False)):
        found = reasons(text)
        assert not any("internal error" in reason for reason in found), found


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.dictionaries(HEADER_FIELDS, JSON, min_size=1, max_size=2))
def test_any_header_gets_a_reason_and_no_internal_error(header: dict[str, Any]) -> None:
    found = reasons(issue(header=header).present())
    assert not any("internal error" in reason for reason in found), found


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.lists(JSON, min_size=0, max_size=4))
def test_any_disclosure_content_gets_a_reason_and_no_internal_error(content: list[Any]) -> None:
    extra = disclosure(*content)
    base = issue()
    from tests.unit.sd_jwt.builder import SdJwtVc, digest

    payload = {**base.payload, "_sd": [*base.payload["_sd"], digest(extra)]}
    found = reasons(SdJwtVc(base.header, payload, [*base.disclosures, extra]).present())
    assert not any("internal error" in reason for reason in found), found
    well_formed = (
        len(content) == 3
        and isinstance(content[0], str)
        and isinstance(content[1], str)
        and content[1] not in {"_sd", "...", "given_name", "family_name", "address", "degree"}
        and content[1] not in {"iss", "nbf", "exp", "cnf", "vct", "status", "iat"}
    )
    if not well_formed:
        assert found[-1] != Verdict.VERIFIED.value, found
