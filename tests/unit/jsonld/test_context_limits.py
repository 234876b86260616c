"""Documents built to make pyld's context processing quadratic are refused before it starts."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_payload
from kiosk.verification.jsonld.canonicalize import expand_safely
from kiosk.verification.jsonld.context_limits import (
    MAX_CONTEXTS_PER_ARRAY,
    MAX_CONTEXTS_PER_DOCUMENT,
    TooManyContextsError,
    refuse_too_many_contexts,
)
from tests.helpers import context, make_key, ob3_unsigned
from tests.large_payloads import compact

V2 = "https://www.w3.org/ns/credentials/v2"


def _with_contexts(contexts: list[Any]) -> dict[str, Any]:
    document = ob3_unsigned(make_key())
    document["@context"] = contexts
    return document


def test_the_v2_url_repeated_6000_times_is_refused_with_its_reason() -> None:
    report = verify_payload(compact(_with_contexts([V2] * 6000)), context())
    assert report.verdict is Verdict.NOT_VERIFIED
    format_check = report.check(CheckId.FORMAT)
    assert format_check is not None and format_check.status is CheckStatus.FAILED
    assert "6000 JSON-LD contexts in one place" in format_check.reason


def test_one_array_may_hold_the_limit_and_no_more() -> None:
    document = ob3_unsigned(make_key())
    extra = [{f"t{n}": f"https://example.org/{n}"} for n in range(MAX_CONTEXTS_PER_ARRAY)]
    document["@context"] = document["@context"] + extra[: MAX_CONTEXTS_PER_ARRAY - 2]
    refuse_too_many_contexts(document)
    expand_safely(document)
    document["@context"].append({"more": "https://example.org/more"})
    with pytest.raises(TooManyContextsError):
        expand_safely(document)


@pytest.mark.parametrize("spread", [1, 8])
def test_contexts_spread_over_many_nodes_count_together(spread: int) -> None:
    nodes = MAX_CONTEXTS_PER_DOCUMENT // spread + 1
    document = ob3_unsigned(make_key())
    document["credentialSubject"] = [
        {"@context": [{"z": f"https://example.org/{n}/{k}"} for k in range(spread)], "z": n}
        for n in range(nodes)
    ]
    with pytest.raises(TooManyContextsError, match="more than 256"):
        refuse_too_many_contexts(document)


def test_scoped_contexts_inside_an_inline_context_count_too() -> None:
    scoped = {f"t{n}": {"@id": f"https://example.org/{n}", "@context": {}} for n in range(300)}
    with pytest.raises(TooManyContextsError):
        refuse_too_many_contexts(_with_contexts([V2, scoped]))
