"""open_envelope: the payload detection table, strict JSON, and never raising."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from payloads import Envelope, EnvelopeKind, open_envelope
from payloads.envelopes import ENVELOPE_RULES, MAX_JSON_DEPTH, normalise_payload

CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "did:example:issuer", "name": "Escola Técnica"},
    "credentialSubject": {"id": "did:example:learner", "achievement": {"name": "Soldadura"}},
    "validFrom": "2026-01-01T00:00:00Z",
}
CREDENTIAL_BYTES = json.dumps(CREDENTIAL, ensure_ascii=False).encode("utf-8")
JWT_BYTES = (
    Path(__file__).resolve().parents[2] / "fixtures/vectors/peer-generated/ob3-vc2-jose-eddsa.jwt"
).read_bytes()

# One sample per table row: adding a row without a sample here fails the test below.
ROW_SAMPLES: dict[str, tuple[bytes, EnvelopeKind]] = {
    "json": (CREDENTIAL_BYTES, EnvelopeKind.JSON),
    "compact-jws": (JWT_BYTES, EnvelopeKind.JWT),
    "sd-jwt": (
        JWT_BYTES.strip() + b"~WyJzYWx0IiwiZ2l2ZW5fbmFtZSIsIkFsZXgiXQ~",
        EnvelopeKind.SD_JWT,
    ),
    "link": (b"https://credentials.example.edu/badges/123.json", EnvelopeKind.LINK),
    "wallet-request": (
        b"openid4vp://?client_id=verifier.example&request_uri=https%3A%2F%2Fverifier.example%2Fr",
        EnvelopeKind.WALLET_REQUEST,
    ),
    "vp1-cborld": (b"VP1-B3ECQDIA", EnvelopeKind.JSON),
}


@pytest.mark.parametrize(
    "payload",
    [
        b"openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo",
        b'https://lcw.app/request?request={"credentialRequestOrigin":"https://v.example",'
        b'"protocols":{"vcapi":"https://v.example/exchanges/123"}}',
        b"https://verifier.example/authorize?client_id=x&request_uri=https://verifier.example/r/1",
    ],
)
def test_wallet_requests_are_recognised_not_fetched(payload: bytes) -> None:
    envelope = open_envelope(payload)
    assert envelope.kind is EnvelopeKind.WALLET_REQUEST
    assert "not a credential" in envelope.reason


def test_compact_jws_keeps_the_token_text() -> None:
    envelope = open_envelope(JWT_BYTES + b"\r\n")
    assert envelope.kind is EnvelopeKind.JWT
    assert envelope.text == JWT_BYTES.decode().strip()


@pytest.mark.parametrize(
    "payload",
    [b"abcd.efgh.ijkl", b"eyJ0eXAiOiJKV1QifQ.e30.sig", b"a.b.c"],
)
def test_dotted_text_without_a_jws_header_is_not_a_jwt(payload: bytes) -> None:
    assert open_envelope(payload).kind is EnvelopeKind.UNRECOGNISED


def is_printable_ascii(text: str) -> bool:
    return all(0x20 <= ord(char) < 0x7F for char in text)


@pytest.mark.parametrize("rule", ENVELOPE_RULES, ids=lambda rule: rule.name)
def test_each_table_row_matches_and_opens_its_sample(rule):
    assert rule.name in ROW_SAMPLES, f"add a sample for the {rule.name!r} row"
    sample, kind = ROW_SAMPLES[rule.name]
    assert rule.matches(normalise_payload(sample))
    assert open_envelope(sample).kind is kind


def test_no_row_claims_another_rows_sample():
    for name, (sample, _) in ROW_SAMPLES.items():
        claiming = [r.name for r in ENVELOPE_RULES if r.matches(normalise_payload(sample))]
        assert claiming[0] == name


def test_json_credential_opens_as_document():
    envelope = open_envelope(CREDENTIAL_BYTES)
    assert envelope.kind is EnvelopeKind.JSON
    assert envelope.document == CREDENTIAL
    assert envelope.size == len(CREDENTIAL_BYTES)
    assert envelope.preview.startswith('{"@context": ["https://www.w3.org/ns/credentials/v2"]')
    assert envelope.preview.endswith("...")


@pytest.mark.parametrize(
    "wrapped",
    [
        b"\xef\xbb\xbf" + CREDENTIAL_BYTES,
        CREDENTIAL_BYTES + b"\r\n",
        CREDENTIAL_BYTES + b"\n",
        CREDENTIAL_BYTES + b"\x00",
        CREDENTIAL_BYTES + b"\r\n\x00\x00",
        b"  \t" + CREDENTIAL_BYTES + b"   ",
        b"\r\n\xef\xbb\xbf " + CREDENTIAL_BYTES + b"\r",
    ],
    ids=["bom", "crlf", "lf", "nul", "crlf-nul", "spaces", "all"],
)
def test_scanner_byte_forms_are_accepted(wrapped):
    envelope = open_envelope(wrapped)
    assert envelope.kind is EnvelopeKind.JSON
    assert envelope.document == CREDENTIAL
    assert envelope.size == len(wrapped)


def test_size_cap_is_checked_first():
    envelope = open_envelope(b"{" + b"\xff" * 10, max_bytes=10)
    assert envelope.kind is EnvelopeKind.TOO_LARGE
    assert envelope.reason == "The code holds 11 bytes; the limit is 10."
    assert envelope.document is None
    assert envelope.size == 11


def test_default_size_cap_is_256_kib():
    padding = b" " * (256 * 1024 - len(CREDENTIAL_BYTES))
    assert open_envelope(CREDENTIAL_BYTES + padding).kind is EnvelopeKind.JSON
    assert open_envelope(CREDENTIAL_BYTES + padding + b" ").kind is EnvelopeKind.TOO_LARGE


@pytest.mark.parametrize(
    ("data", "key"),
    [(b'{"id": 1, "id": 2}', "id"), (b'{"a": {"issuer": 1, "b": 2, "issuer": 3}}', "issuer")],
    ids=["top-level", "nested"],
)
def test_duplicate_keys_are_malformed_naming_the_key(data, key):
    envelope = open_envelope(data)
    assert envelope.kind is EnvelopeKind.MALFORMED
    assert f'"{key}"' in envelope.reason


def test_duplicate_key_name_is_shown_safely():
    envelope = open_envelope(b'{"\\u001b[2J": 1, "\\u001b[2J": 2}')
    assert envelope.kind is EnvelopeKind.MALFORMED
    assert "\x1b" not in envelope.reason
    assert "\\x1b[2J" in envelope.reason


def nested(depth: int) -> bytes:
    return b'{"a":' * (depth - 1) + b"{}" + b"}" * (depth - 1)


def test_nesting_to_the_limit_is_accepted():
    assert open_envelope(nested(MAX_JSON_DEPTH)).kind is EnvelopeKind.JSON


@pytest.mark.parametrize("data", [nested(MAX_JSON_DEPTH + 1), b"[" * 200_000], ids=["65", "200k"])
def test_nesting_deeper_than_64_is_malformed(data):
    envelope = open_envelope(data)
    assert envelope.kind is EnvelopeKind.MALFORMED
    assert "nested" in envelope.reason


@pytest.mark.parametrize(
    "data",
    [b'{"a": NaN}', b'{"a": Infinity}', b'{"a": -Infinity}', b'{"a": 1e999}', b'{"a": -1e400}'],
)
def test_non_finite_numbers_are_malformed(data):
    assert open_envelope(data).kind is EnvelopeKind.MALFORMED


def test_huge_integers_are_malformed_not_raised():
    envelope = open_envelope(b'{"n": ' + b"9" * 5000 + b"}")
    assert envelope.kind is EnvelopeKind.MALFORMED
    assert "number" in envelope.reason


def test_integers_within_pythons_digit_limit_are_kept():
    envelope = open_envelope(b'{"n": -' + b"9" * 4300 + b"}")
    assert envelope.kind is EnvelopeKind.JSON
    assert envelope.document == {"n": -int("9" * 4300)}


def test_lone_surrogate_escape_is_malformed():
    assert open_envelope(b'{"name": "\\ud800"}').kind is EnvelopeKind.MALFORMED


def test_paired_surrogate_escape_is_a_character():
    envelope = open_envelope(b'{"name": "\\ud83c\\udf93"}')
    assert envelope.document == {"name": "\U0001f393"}


@pytest.mark.parametrize(
    "data",
    [b'{"a": 1', b'{"a": 1} trailing', b'{"a": 1}{"b": 2}', b"[1, 2", b"{'a': 1}", b'{"a":"\t"}'],
)
def test_broken_json_is_malformed(data):
    envelope = open_envelope(data)
    assert envelope.kind is EnvelopeKind.MALFORMED
    assert envelope.document is None


def test_json_looking_bytes_that_are_not_utf8_are_malformed():
    envelope = open_envelope(b'{"name": "\xff\xfe"}')
    assert envelope.kind is EnvelopeKind.MALFORMED
    assert "UTF-8" in envelope.reason


@pytest.mark.parametrize(
    "data",
    [b"[1, 2, 3]", b'"just a string"', b"42", b"true", b"null"],
    ids=["array", "string", "number", "true", "null"],
)
def test_json_values_that_are_not_objects_are_unrecognised(data):
    envelope = open_envelope(data)
    assert envelope.kind is EnvelopeKind.UNRECOGNISED
    assert envelope.document is None


@pytest.mark.parametrize(
    "data", [b"ftp://example.org/c/1", b"\x00\x01\x02\xff binary", b"VP1-B3-ABC"]
)
def test_other_payloads_are_unrecognised(data):
    envelope = open_envelope(data)
    assert envelope.kind is EnvelopeKind.UNRECOGNISED
    assert envelope.reason == "The code does not hold a credential this kiosk recognises."


@pytest.mark.parametrize("data", [b"", b" \r\n\x00", b"\xef\xbb\xbf"])
def test_empty_payload_is_unrecognised(data):
    envelope = open_envelope(data)
    assert envelope.kind is EnvelopeKind.UNRECOGNISED
    assert envelope.reason == "The code is empty."


def test_preview_escapes_terminal_control_sequences():
    data = b"\x1b]0;pwned\x07\x1b[2J\xc2\x9b31m caf\xc3\xa9 \xf0\x9f\x8e\x93 \xff \\x41"
    preview = open_envelope(data).preview
    assert preview == ("\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m caf\\xe9 \\U0001f393 \\xff \\\\x41")
    assert is_printable_ascii(preview)


def test_preview_keeps_the_first_60_characters():
    preview = open_envelope(b"A" * 100).preview
    assert preview == "A" * 60 + "..."


# -- never raises ------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


def check_envelope(envelope: Envelope, data: bytes) -> None:
    assert isinstance(envelope.kind, EnvelopeKind)
    assert (envelope.document is not None) == (envelope.kind is EnvelopeKind.JSON)
    assert envelope.size == len(data)
    assert envelope.reason.endswith(".")
    assert is_printable_ascii(envelope.preview)
    assert len(envelope.preview) <= 60 * 10 + 3


@settings(max_examples=400)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes):
    check_envelope(open_envelope(data), data)
    check_envelope(open_envelope(data, max_bytes=50), data)
    body = normalise_payload(data)
    for rule in ENVELOPE_RULES:  # the rows themselves, not only the safety net
        if rule.matches(body):
            rule.open(body)


@settings(max_examples=300)
@given(
    JSON_VALUES,
    st.binary(max_size=4),
    st.binary(max_size=4),
    st.integers(min_value=0, max_value=40),
    st.booleans(),
)
def test_json_like_payloads_never_raise(value, prefix, suffix, cut, ascii_only):
    text = json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)
    encoded = text.encode("utf-8", errors="surrogatepass")
    for data in (encoded, prefix + encoded + suffix, encoded[: len(encoded) - cut]):
        check_envelope(open_envelope(data), data)
        body = normalise_payload(data)
        for rule in ENVELOPE_RULES:
            if rule.matches(body):
                rule.open(body)


def test_bytearray_and_memoryview_are_accepted():
    assert open_envelope(bytearray(CREDENTIAL_BYTES)).document == CREDENTIAL
    assert open_envelope(memoryview(CREDENTIAL_BYTES)).document == CREDENTIAL  # type: ignore[arg-type]


def test_http_links_are_refused_and_https_links_keep_their_text() -> None:
    insecure = open_envelope(b"http://credentials.example.edu/badge.json")
    assert insecure.kind is EnvelopeKind.MALFORMED and "https" in insecure.reason
    link = open_envelope(b"https://credentials.example.edu/badge.json\r\n")
    assert link.kind is EnvelopeKind.LINK
    assert link.text == "https://credentials.example.edu/badge.json"
