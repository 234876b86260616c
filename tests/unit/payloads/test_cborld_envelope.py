"""The vp1-cborld envelope row and the text codecs: right kinds, plain reasons, never raising.

All data here is self-made and always runs: byte strings written by hand and wrapped in
base32 / base45, the made-up documents of ``cborld_documents.py`` compressed by the tests'
own encoder (``cborld_builder.py``, only contexts the kiosk bundles), and random or
corrupted bodies from hypothesis. The same checks on real VPQR texts (other projects'
samples in ``../shared/vectors/cborld/``) are in ``test_scanner_cborld.py``.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from payloads import EnvelopeKind, open_envelope
from payloads.cborld import (
    CborldError,
    VpQrStatus,
    bundled_contexts,
    decode_cborld,
    looks_like_vp_qr,
    read_vp_qr,
)
from payloads.cborld.limits import MAX_CBORLD_BYTES
from payloads.cborld.text_codecs import (
    base32_decode,
    base45_decode,
    base58btc_encode,
    iso_instant,
)
from tests.unit.payloads.cborld_builder import (
    VC_V1,
    base45_encode,
    cborld_1_0,
    legacy_cborld,
    vp1_b,
    vp1_r,
)
from tests.unit.payloads.cborld_documents import ob3_credential, vc1_presentation, vc2_presentation

BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
KINDS = {EnvelopeKind.JSON, EnvelopeKind.MALFORMED, EnvelopeKind.UNRECOGNISED}


def assert_plain(reason: str) -> None:
    assert reason and reason.endswith(".")
    assert all(0x20 <= ord(char) < 0x7F for char in reason)


# -- the envelope row ------------------------------------------------------------------------


@pytest.mark.parametrize("base", ["B", "R"])
def test_vpqr_text_opens_as_a_json_document(base: str) -> None:
    data = legacy_cborld(vc1_presentation())
    text = vp1_b(data) if base == "B" else vp1_r(data)
    envelope = open_envelope(text + b"\r\n")
    assert envelope.kind is EnvelopeKind.JSON
    assert envelope.reason == "The code holds a compressed presentation (CBOR-LD)."
    assert envelope.document == vc1_presentation()
    assert envelope.preview.startswith("VP1-" + base)


def test_base45_encoder_matches_rfc9285() -> None:
    assert base45_encode(b"Hello!!") == "%69 VD92EX0"


def test_unbundled_context_is_unrecognised_naming_it() -> None:
    # legacy {1: [0x11, 0x16]}: credentials v1 and the age context, which is not bundled
    envelope = open_envelope(vp1_b(bytes.fromhex("d90501a1018211 16".replace(" ", ""))))
    assert envelope.kind is EnvelopeKind.UNRECOGNISED
    assert envelope.document is None
    assert "https://w3id.org/age/v1, code 0x16" in envelope.reason


def test_unknown_context_code_is_unrecognised_naming_it() -> None:
    envelope = open_envelope(vp1_b(bytes.fromhex("d90501a10018ab")))
    assert envelope.kind is EnvelopeKind.UNRECOGNISED
    assert "0xab" in envelope.reason


def test_damaged_code_is_malformed() -> None:
    envelope = open_envelope(vp1_b(legacy_cborld(vc1_presentation())[:-5]))
    assert envelope.kind is EnvelopeKind.MALFORMED
    assert envelope.reason == "The compressed data is damaged: it ends too early."


@pytest.mark.parametrize(
    ("payload", "kind", "words"),
    [
        (b"VP1-B3ECQDI", EnvelopeKind.MALFORMED, "damaged or incomplete"),
        (b"VP1-B3ECQD", EnvelopeKind.MALFORMED, "ends too early"),
        (b"VP1-RGGW", EnvelopeKind.MALFORMED, "damaged or incomplete"),
        (vp1_b(b"\xa0"), EnvelopeKind.MALFORMED, "does not start with a CBOR-LD tag"),
        (
            vp1_b(bytes.fromhex("d90501") + b"\x00" * MAX_CBORLD_BYTES),
            EnvelopeKind.MALFORMED,
            "limit",
        ),
        (
            vp1_b(bytes.fromhex("d90501") + b"\x81" * 40 + b"\x80"),
            EnvelopeKind.MALFORMED,
            "levels deep",
        ),
        (vp1_b(bytes.fromhex("d90501") + b"\x82\xa0\xa0"), EnvelopeKind.UNRECOGNISED, "several"),
        (vp1_b(bytes.fromhex("d9cb1d82006161")), EnvelopeKind.UNRECOGNISED, "not a credential"),
    ],
)
def test_bad_vpqr_texts_get_a_kind_and_a_plain_reason(
    payload: bytes, kind: EnvelopeKind, words: str
) -> None:
    envelope = open_envelope(payload)
    assert envelope.kind is kind
    assert words in envelope.reason
    assert_plain(envelope.reason)


@pytest.mark.parametrize(
    "payload", [b"VP1-", b"VP1-B", b"VP1-B3ECQ-ABC", b"VP1-b3ecq", b"VP1-R\xff", b"VP1-zQm1"]
)
def test_vp1_texts_outside_the_format_are_left_unrecognised(payload: bytes) -> None:
    assert not looks_like_vp_qr(payload)
    envelope = open_envelope(payload)
    assert envelope.kind is EnvelopeKind.UNRECOGNISED


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        (b"VP1-", "empty"),
        (b"VP1-B3ECQ-ABC", "not base32"),
        (b"VP1-R\xff", "not base45"),
        (b"VP1-zQm1", '("z")'),
        (b"VP1-b3ecq", '("b")'),
    ],
)
def test_read_vp_qr_explains_texts_outside_the_format(payload: bytes, words: str) -> None:
    result = read_vp_qr(payload)
    assert result.status is not VpQrStatus.DOCUMENT
    assert words in result.reason
    assert_plain(result.reason)


def test_only_vp1_texts_are_claimed() -> None:
    assert looks_like_vp_qr(b"VP1-B3ECQ")
    assert looks_like_vp_qr(vp1_r(cborld_1_0({})))  # self-made: the empty 1.0 document
    assert not looks_like_vp_qr(b"VC1-RSJR")
    assert not looks_like_vp_qr(b"vp1-b3ecq")


def test_read_vp_qr_accepts_a_loader() -> None:
    text = vp1_b(legacy_cborld({"@context": VC_V1, "type": "VerifiablePresentation"}))
    assert read_vp_qr(text).status is VpQrStatus.DOCUMENT
    result = read_vp_qr(text, loader=lambda url: None)
    assert result.status is VpQrStatus.UNSUPPORTED
    assert result.context_urls == (VC_V1,)


# -- never raising -----------------------------------------------------------------------------


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=BASE32, max_size=400))
def test_arbitrary_base32_bodies_never_raise(text: str) -> None:
    envelope = open_envelope(b"VP1-B" + text.encode("ascii"))
    assert envelope.kind in KINDS  # (an empty body is not claimed: generic unrecognised)
    assert_plain(envelope.reason)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=BASE45, max_size=400))
def test_arbitrary_base45_bodies_never_raise(text: str) -> None:
    envelope = open_envelope(b"VP1-R" + text.encode("ascii"))
    assert envelope.kind in KINDS
    assert_plain(envelope.reason)


@settings(max_examples=300)
@given(st.binary(max_size=300), st.sampled_from(["d90501", "d90500", "d9cb1d8201", "d90601"]))
def test_arbitrary_cbor_after_a_cborld_tag_never_raises(tail: bytes, head: str) -> None:
    envelope = open_envelope(vp1_b(bytes.fromhex(head) + tail))
    assert envelope.kind in KINDS
    assert_plain(envelope.reason)


def _self_made_bytes() -> list[bytes]:
    documents = [ob3_credential(), vc1_presentation(), vc2_presentation()]
    return [encode(document) for document in documents for encode in (legacy_cborld, cborld_1_0)]


@settings(max_examples=400)
@given(
    st.sampled_from(_self_made_bytes()),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=4),
)
def test_corrupted_payloads_raise_only_cborld_errors(
    data: bytes, changes: list[tuple[int, int]]
) -> None:
    mutated = bytearray(data)
    for index, value in changes:
        mutated[index % len(mutated)] = value
    try:
        decoded = decode_cborld(bytes(mutated), bundled_contexts())
    except CborldError as exc:
        assert_plain(exc.reason)
        return
    json.dumps(decoded)  # whatever decodes is plain JSON


# -- text codecs ------------------------------------------------------------------------------


def _base58_naive(data: bytes) -> str:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    number, out = int.from_bytes(data, "big"), ""
    while number:
        number, digit = divmod(number, 58)
        out = alphabet[digit] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"", ""),
        (b"\0", "1"),
        (b"\0\0\1", "112"),
        (b"Hello World!", "2NEpo7TZRRrLZSi2U"),
        (
            bytes.fromhex("00010966776006953D5567439E5E39F86A0D273BEED61967F6"),
            "16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM",
        ),
    ],
)
def test_base58btc_known_values(data: bytes, text: str) -> None:
    assert base58btc_encode(data) == text


@given(st.binary(max_size=200))
def test_base58btc_matches_the_plain_algorithm(data: bytes) -> None:
    assert base58btc_encode(data) == _base58_naive(data)


@pytest.mark.parametrize(
    ("text", "data"),
    [
        (b"BB8", b"AB"),
        (b"%69 VD92EX0", b"Hello!!"),
        (b"UJCLQE7W581", b"base-45"),
        (b"QED8WEX0", b"ietf!"),
        (b"", b""),
    ],
)
def test_base45_rfc9285_examples(text: bytes, data: bytes) -> None:
    assert base45_decode(text) == data


@pytest.mark.parametrize("text", [b"GGW", b"A", b"ABCD", b"abc", b":::"])
def test_base45_invalid_text(text: bytes) -> None:
    assert base45_decode(text) is None


@pytest.mark.parametrize(
    ("text", "data"),
    [
        (b"", b""),
        (b"MY", b"f"),
        (b"MZXQ", b"fo"),
        (b"MZXW6", b"foo"),
        (b"MZXW6YQ", b"foob"),
        (b"MZXW6YTB", b"fooba"),
        (b"MZXW6YTBOI", b"foobar"),
        (b"MZXW6YTBOI======", b"foobar"),
    ],
)
def test_base32_rfc4648_examples(text: bytes, data: bytes) -> None:
    assert base32_decode(text) == data


@pytest.mark.parametrize("text", [b"M", b"MZX", b"MZXW6Y", b"mzxq", b"MZ1Q"])
def test_base32_invalid_text(text: bytes) -> None:
    assert base32_decode(text) is None


@pytest.mark.parametrize(
    ("milliseconds", "text"),
    [
        (0, "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (1.9, "1970-01-01T00:00:00.001Z"),
        (1617999535000, "2021-04-09T20:18:55.000Z"),
        (-62167219200000, "0000-01-01T00:00:00.000Z"),
        (-62198755200000, "-000001-01-01T00:00:00.000Z"),
        (253402300800000, "+010000-01-01T00:00:00.000Z"),
        (8_640_000_000_000_000, "+275760-09-13T00:00:00.000Z"),
        (-8_640_000_000_000_000, "-271821-04-20T00:00:00.000Z"),
    ],
)
def test_iso_instant_writes_what_javascript_writes(milliseconds: float, text: str) -> None:
    assert iso_instant(milliseconds) == text


@given(st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)))
def test_iso_instant_agrees_with_datetime(moment: dt.datetime) -> None:
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000, tzinfo=dt.UTC)
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    milliseconds = (moment - epoch) // dt.timedelta(milliseconds=1)
    assert iso_instant(milliseconds) == (
        f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"
    )
