"""Reading a compact JWS strictly (`payloads.jws`), and what verification makes of a token that
is not one: NOT VERIFIED with the reason, never a traceback (issue 12, finding 5: a header whose
`typ` is a list or an object raised `TypeError: unhashable type`)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_payload
from payloads import Base64UrlError, JwsFormatError, b64url_decode, read_compact_jws
from tests.helpers import context


def _part(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _token(header: Any, claims: Any, signature: bytes = b"\x01" * 64) -> str:
    return f"{_part(header)}.{_part(claims)}.{_part(signature)}"


def test_a_token_is_read_into_header_claims_and_signing_input() -> None:
    token = _token({"alg": "EdDSA", "typ": "vc+jwt"}, {"iss": "did:example:1"})
    read = read_compact_jws(token)
    assert read.header == {"alg": "EdDSA", "typ": "vc+jwt"}
    assert read.claims == {"iss": "did:example:1"}
    assert read.signing_input == token.rsplit(".", 1)[0].encode()
    assert read.signature == b"\x01" * 64


@pytest.mark.parametrize("name", ["alg", "typ", "cty", "kid"])
@pytest.mark.parametrize("value", [["vc+jwt"], {"a": 1}, 1, None, True])
def test_header_names_that_are_not_strings_are_refused(name: str, value: Any) -> None:
    header = {"alg": "EdDSA", name: value}
    with pytest.raises(JwsFormatError, match=f"its {name} is not a string"):
        read_compact_jws(_token(header, {}))


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("a.b", "three parts"),
        ("a.b.c.d", "three parts"),
        (f"{_part([1])}.{_part({})}.", "header is not a JSON object"),
        (f"{_part({'alg': 'EdDSA'})}.{_part([])}.", "payload is not a JSON object"),
        (f"{_part(b'{bad')}.{_part({})}.", "header is not valid JSON"),
        (f"{_part({'alg': 'EdDSA'})}.{_part(b'{}')}=.", "payload is not valid JSON"),
        (f"{_part({'alg': 'EdDSA'})}.{_part({})}.a+b/", "signature is not base64url"),
        ("eyJhbGciOiJFZERTQSIsImFsZyI6Im5vbmUifQ.e30.", "header is not valid JSON"),  # dup key
    ],
)
def test_malformed_tokens_are_refused_with_the_reason(token: str, words: str) -> None:
    with pytest.raises(JwsFormatError, match=words):
        read_compact_jws(token)


def test_a_token_past_the_size_limit_is_refused_before_decoding() -> None:
    with pytest.raises(JwsFormatError, match="three parts"):
        read_compact_jws(_token({"alg": "EdDSA"}, {}), max_chars=10)


@pytest.mark.parametrize("text", ["a", "ab=", "a b", "ab+c", "abcde"])
def test_base64url_is_strict(text: str) -> None:
    with pytest.raises(Base64UrlError):
        b64url_decode(text)


@given(
    st.binary(min_size=1, max_size=64),
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
)
def test_only_the_canonical_spelling_is_read(data: bytes, last: str) -> None:
    """Decoders ignore the spare bits of the last character: "…g" and "…h" would read as the
    same bytes. Only the one spelling an encoder makes is accepted."""
    text = base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    changed = text[:-1] + last
    if changed == text:
        return
    try:
        decoded = b64url_decode(changed)
    except Base64UrlError:
        return
    assert decoded != data


@given(st.binary(max_size=64))
def test_base64url_round_trips(data: bytes) -> None:
    assert b64url_decode(base64.urlsafe_b64encode(data).rstrip(b"=").decode()) == data


@pytest.mark.parametrize("typ", [["vc+jwt"], {"x": "vp+jwt"}, 7])
def test_a_token_whose_typ_is_not_a_string_is_not_verified(typ: Any) -> None:
    """Used to raise TypeError (unhashable type) out of `kiosk verify`."""
    token = _token({"alg": "EdDSA", "typ": typ}, {"vc": {}, "iss": "did:example:1"})
    report = verify_payload(token.encode(), context())
    assert report.verdict is Verdict.NOT_VERIFIED
    form = report.check(CheckId.FORMAT)
    assert form is not None and form.status is CheckStatus.FAILED
    assert "typ is not a string" in form.reason
