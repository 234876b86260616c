"""Bad input is normal input: any payload gives a verdict with reasons, never an exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.verification import CheckStatus, Verdict, verify_document, verify_payload
from kiosk.verification.suites.signing import did_key_for
from tests.helpers import context, deep_copy, make_key, signed_ob3

VALID = signed_ob3()
CONTEXT = context({did_key_for(make_key()): "Trusted Test College"})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_raise_and_never_verify(data: bytes) -> None:
    report = verify_payload(data, CONTEXT)
    assert report.verdict is not Verdict.VERIFIED
    assert report.checks and all(c.reason for c in report.checks)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(VALID)


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), JSON_VALUES)
def test_replacing_any_value_never_raises_and_never_verifies(
    path: tuple[Any, ...], value: Any
) -> None:
    """Changing any one value of a signed credential (document, proof options or signature)
    is NOT VERIFIED or, for a value that makes a check impossible, CHECK MANUALLY — never VERIFIED,
    unless the new value is the same as the old."""
    document = deep_copy(VALID)
    original: Any = document
    for step in path:
        original = original[step]
    _set(document, path, value)
    report = verify_document(document, CONTEXT)
    if json.dumps(original, sort_keys=True) != json.dumps(value, sort_keys=True):
        assert report.verdict is not Verdict.VERIFIED, (path, value)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([p for p in PATHS if isinstance(p[-1], str)]), st.text(min_size=1, max_size=12)
)
def test_changed_string_values_fail_a_check(path: tuple[Any, ...], suffix: str) -> None:
    """Appending text to any string leaf breaks the signature, the JSON-LD or a check."""
    document = deep_copy(VALID)
    node: Any = document
    for step in path[:-1]:
        node = node[step]
    if not isinstance(node[path[-1]], str):
        return
    node[path[-1]] = node[path[-1]] + suffix
    report = verify_document(document, CONTEXT)
    assert report.verdict is not Verdict.VERIFIED
    assert any(c.status is not CheckStatus.PASSED for c in report.checks)


def test_deeply_nested_json_is_refused() -> None:
    data = b"[" * 100_000 + b"]" * 100_000
    assert verify_payload(data, CONTEXT).verdict is Verdict.NOT_VERIFIED
    nested = b'{"a":' * 5000 + b"1" + b"}" * 5000
    assert verify_payload(nested, CONTEXT).verdict is Verdict.NOT_VERIFIED


def test_oversized_payload_is_too_large() -> None:
    report = verify_payload(b"{" + b" " * (300 * 1024) + b"}", CONTEXT)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert "limit" in report.headline_reason


def test_duplicate_keys_are_refused() -> None:
    text = json.dumps(VALID)
    duplicated = text[:-1] + ', "issuer": "did:key:z6MkAttacker"}'
    report = verify_payload(duplicated.encode(), CONTEXT)
    assert report.verdict is Verdict.NOT_VERIFIED


def test_huge_numbers_and_odd_types_do_not_crash() -> None:
    for payload in (
        b"9" * 10_000,
        b'{"@context": 5}',
        b'{"type": ["VerifiableCredential"]}',
        b'{"@context": ["https://www.w3.org/ns/credentials/v2"], "proof": 7}',
        b"[]",
        b'"just a string"',
        b"\xff\xfe\x00",
        b"",
    ):
        assert verify_payload(payload, CONTEXT).verdict is not Verdict.VERIFIED
