"""payloads.cborld: self-made JSON-LD compressed by the tests' own encoder decodes back exactly.

All data here is self-made, needs nothing outside this repository and always runs:

* ``cborld_documents.py``: a small Open Badges 3.0 / VC 2.0 credential, a VC 2.0
  presentation holding it and a VC 1.1 presentation with an Ed25519Signature2020
  credential, made up for these tests, using only JSON-LD contexts the kiosk bundles;
* ``cborld_builder.py``: the tests' own CBOR-LD encoder, written from the CBOR-LD 1.0
  draft and the legacy 0x0501 table, sharing no code with the decoder;
* byte strings written out by hand below from the spec's rules (keyword ids, term ids
  numbered from 100 over a context's sorted keys, the URL prefix table), which pin the
  encoder and the decoder to the spec rather than to each other.

The real samples (other projects' QR texts and vectors) are tested in
``test_scanner_cborld.py`` when ``../shared/vectors/cborld/`` is present.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import cbor2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from payloads import EnvelopeKind, open_envelope
from payloads.cborld import (
    CborldUnsupportedError,
    VpQrStatus,
    bundled_contexts,
    chain_loaders,
    decode_cborld,
    mapping_loader,
    read_vp_qr,
)
from tests.unit.payloads.cborld_builder import (
    AGE_V1,
    VC_V2,
    CborldBuilder,
    base58_decode,
    base58_encode,
    cborld_1_0,
    legacy_cborld,
    vp1_b,
    vp1_r,
)
from tests.unit.payloads.cborld_documents import (
    CREDENTIAL_ID,
    HOLDER_DID,
    ISSUER_DID,
    PROOF_VALUE,
    VERIFICATION_METHOD,
    ob3_credential,
    vc1_presentation,
    vc2_presentation,
)

DOCUMENTS = {
    "ob3-credential": ob3_credential,
    "vc2-presentation": vc2_presentation,
    "vc1-presentation": vc1_presentation,
}
FORMS = {"legacy-0x0501": legacy_cborld, "cborld-1.0-0xcb1d": cborld_1_0}


def decode(data: bytes) -> Any:
    return decode_cborld(data, bundled_contexts())


def walk(value: Any) -> Iterator[Any]:
    """Every value in a compressed payload, depth first (maps' values, lists' items)."""
    yield value
    items = value.values() if isinstance(value, Mapping) else value
    if isinstance(value, Mapping | list):
        for item in items:
            yield from walk(item)


# -- hand-written bytes: the spec's numbering, independent of the test encoder ------------------
#
# https://www.w3.org/ns/credentials/v2 (bundled) has these non-keyword keys, sorted:
# "..." BitstringStatusList BitstringStatusListCredential BitstringStatusListEntry
# DataIntegrityProof EnvelopedVerifiableCredential EnvelopedVerifiablePresentation JsonSchema
# JsonSchemaCredential VerifiableCredential VerifiablePresentation _sd _sd_alg aud cnf
# description digestMultibase digestSRI exp iat id iss jku kid mediaType name nbf sub type x5u
# so, from 100 in steps of 2: VerifiableCredential 118, description 130, digestMultibase 132,
# id 140, name 150, type 156. The VerifiableCredential type-scoped context then adds its new
# terms, sorted: confidenceMethod 160, credentialSchema 162, credentialStatus 164,
# credentialSubject 166, evidence 168, issuer 170, proof 172, refreshService 174,
# relatedResource 176, renderMethod 178, termsOfUse 180, validFrom 182, validUntil 184.

KEY = b"\xed\x01" + bytes(range(32))
UUID = uuid.UUID(CREDENTIAL_ID.removeprefix("urn:uuid:"))
HAND_WRITTEN: list[tuple[str, dict[Any, Any], dict[str, Any]]] = [
    ("empty document", {}, {}),
    (
        "context code and type",
        {0: 0x21, 156: 118},
        {"@context": VC_V2, "type": "VerifiableCredential"},
    ),
    (
        "urn:uuid as 16 bytes",
        {0: 0x21, 140: [3, UUID.bytes]},
        {"@context": VC_V2, "id": CREDENTIAL_ID},
    ),
    (
        "https URL",
        {0: 0x21, 140: [2, "college.example/a"]},
        {"@context": VC_V2, "id": "https://college.example/a"},
    ),
    (
        "multibase z, u and M",
        {0: 0x21, 133: [b"z\x00\x01\xff", b"u\xfb\xff", b"M\x00\x01"]},
        {"@context": VC_V2, "digestMultibase": ["z19p", "u-_8", "MAAE="]},
    ),
    (
        "untyped text from the legacy table, as bytes",
        {0: 0x21, 150: b"\x33"},
        {"@context": VC_V2, "name": "https://w3id.org/security/data-integrity/v2"},
    ),
    (
        "did:key, dateTime in seconds and in [seconds, ms] (type-scoped terms)",
        {0: 0x21, 156: 118, 170: [1025, KEY], 182: 1756713600, 184: [1914451199, 500]},
        {
            "@context": VC_V2,
            "type": "VerifiableCredential",
            "issuer": "did:key:z" + base58_encode(KEY),
            "validFrom": "2025-09-01T08:00:00Z",
            "validUntil": "2030-08-31T23:59:59.500Z",
        },
    ),
]


@pytest.mark.parametrize(
    ("payload", "document"),
    [pytest.param(p, d, id=name) for name, p, d in HAND_WRITTEN],
)
def test_hand_written_legacy_payloads_decode_and_the_encoder_writes_them(
    payload: dict[Any, Any], document: dict[str, Any]
) -> None:
    data = bytes.fromhex("d90501") + cbor2.dumps(payload)
    assert decode(data) == document
    encoded = legacy_cborld(document)
    assert encoded[:3] == data[:3]
    assert cbor2.loads(encoded[3:]) == payload  # the same map (the encoder sorts by term)


def test_hand_written_bytes_of_the_smallest_credential() -> None:
    legacy = bytes.fromhex("d90501 a2 00 1821 189c 1876".replace(" ", ""))
    tagged = bytes.fromhex("d9cb1d 82 01 a2 00 7824") + VC_V2.encode() + bytes.fromhex("189c1876")
    document = {"@context": VC_V2, "type": "VerifiableCredential"}
    assert decode(legacy) == decode(tagged) == document
    assert legacy_cborld(document) == legacy
    assert cborld_1_0(document) == tagged


def test_the_tests_base58_matches_known_values() -> None:
    assert base58_encode(b"Hello World!") == "2NEpo7TZRRrLZSi2U"
    assert base58_decode("2NEpo7TZRRrLZSi2U") == b"Hello World!"
    assert base58_decode("112") == b"\0\0\1"
    assert base58_decode("0OIl") is None


# -- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_self_made_documents_round_trip(name: str, form: str) -> None:
    document = DOCUMENTS[name]()
    data = FORMS[form](document)
    assert data[:3] == (b"\xd9\x05\x01" if form.startswith("legacy") else b"\xd9\xcb\x1d")
    assert decode(data) == document


def test_round_trip_really_uses_the_compressed_forms() -> None:
    document = ob3_credential()
    payload = CborldBuilder().compress(document)
    values = list(walk(payload))
    strings = {value for value in values if isinstance(value, str)}
    assert [3, UUID.bytes] in values  # urn:uuid as bytes
    assert any(isinstance(v, list) and v[:1] == [1025] and len(v) == 2 for v in values)
    assert any(isinstance(v, list) and v[:1] == [1025] and len(v) == 3 for v in values)
    assert 1756713600 in values  # validFrom / created as seconds
    assert [1914451199, 500] in values  # validUntil with milliseconds
    assert b"z" + (base58_decode(PROOF_VALUE[1:]) or b"") in values  # multibase as bytes
    assert 3 in values  # cryptosuite eddsa-rdfc-2022, legacy code
    assert payload[1][0] == 0x21  # the credentials v2 context by its legacy code
    for text in (CREDENTIAL_ID, ISSUER_DID, HOLDER_DID, VERIFICATION_METHOD, PROOF_VALUE):
        assert text not in strings
    for text in ("VerifiableCredential", "AchievementSubject", "assertionMethod"):
        assert text not in strings  # type and @vocab values as term ids
    assert decode(legacy_cborld(document)) == document


def test_cborld_1_0_registry_1_keeps_context_urls_and_cryptosuites_as_text() -> None:
    payload = CborldBuilder(legacy=False).compress(ob3_credential())
    strings = {value for value in walk(payload) if isinstance(value, str)}
    assert VC_V2 in strings and "eddsa-rdfc-2022" in strings


def test_type_scoped_contexts_apply_only_to_their_object() -> None:
    document = ob3_credential()
    subject = document["credentialSubject"]
    subject["validFrom"] = "2025-01-01T00:00:00Z"  # VerifiableCredential's term, one level down
    builder = CborldBuilder()
    payload = builder.compress(document)
    ids = builder.ids.ids
    encoded_subject = payload[ids["credentialSubject"]]
    # AchievementSubject's type-scoped context defines "achievement" (a term id) ...
    assert isinstance(encoded_subject[ids["achievement"]], dict)
    # ... and VerifiableCredential's type-scoped validFrom (xsd:dateTime, in seconds) does
    # not reach the subject: there it is a plain value
    assert payload[ids["validFrom"]] == 1756713600
    assert encoded_subject[ids["validFrom"]] == "2025-01-01T00:00:00Z"
    assert decode(legacy_cborld(document)) == document


def test_without_its_type_a_type_scoped_term_is_plain_text() -> None:
    document = ob3_credential()
    del document["credentialSubject"]["type"]
    builder = CborldBuilder()
    payload = builder.compress(document)
    subject = payload[builder.ids.ids["credentialSubject"]]
    assert subject["activityEndDate"] == "2025-06-30"  # no context defines them here: text keys
    types = subject["achievement"][builder.ids.ids["type"] + 1]
    assert types == [builder.ids.ids["Achievement"]]  # the nested object still has its terms
    assert decode(legacy_cborld(document)) == document


def test_property_scoped_context_gives_the_proof_purpose_a_term_id() -> None:
    builder = CborldBuilder()
    payload = builder.compress(ob3_credential())
    ids = builder.ids.ids
    assert payload[ids["proof"]][ids["proofPurpose"]] == ids["assertionMethod"]


def test_presentation_with_a_null_scoped_credential_round_trips_as_one_or_a_list() -> None:
    single = vc2_presentation()
    single["verifiableCredential"] = ob3_credential()
    for document in (single, vc2_presentation()):
        for form in FORMS.values():
            assert decode(form(document)) == document


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(max_size=40),
    moment=st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    with_ms=st.booleans(),
    identifier=st.uuids(),
    credits=st.floats(allow_nan=False, allow_infinity=False, width=32),
)
def test_random_values_round_trip(
    name: str, moment: dt.datetime, with_ms: bool, identifier: uuid.UUID, credits: float
) -> None:
    document = ob3_credential()
    document["name"] = name
    document["id"] = identifier.urn
    stamp = f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}"
    document["validFrom"] = f"{stamp}.{moment.microsecond // 1000:03d}Z" if with_ms else f"{stamp}Z"
    document["credentialSubject"]["creditsEarned"] = credits
    for form in FORMS.values():
        assert decode(form(document)) == document


# -- VPQR texts through the envelope row -----------------------------------------------------------


@pytest.mark.parametrize("base", ["B", "R"])
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", ["vc1-presentation", "vc2-presentation"])
def test_self_made_vpqr_texts_open_as_json_documents(name: str, form: str, base: str) -> None:
    document = DOCUMENTS[name]()
    data = FORMS[form](document)
    text = vp1_b(data) if base == "B" else vp1_r(data)
    envelope = open_envelope(text + b"\r\n")
    assert envelope.kind is EnvelopeKind.JSON
    assert envelope.reason == "The code holds a compressed presentation (CBOR-LD)."
    assert envelope.document == document
    assert envelope.preview.startswith("VP1-" + base)
    assert read_vp_qr(text).document == document


def test_the_empty_document_is_the_shortest_vpqr_text() -> None:
    assert vp1_b(legacy_cborld({})) == b"VP1-B3ECQDIA"
    envelope = open_envelope(b"VP1-B3ECQDIA")
    assert envelope.kind is EnvelopeKind.JSON
    assert envelope.document == {}


def test_the_tests_base32_text_is_rfc4648() -> None:
    assert base64.b32decode(vp1_b(b"foobar")[5:] + b"======") == b"foobar"
    assert vp1_r(b"Hello!!") == b"VP1-R%69 VD92EX0"  # RFC 9285's example


# -- contexts the kiosk does not have: named -----------------------------------------------------

AGE_STAND_IN = {"@context": {"overAge": {"@id": "https://example.org/age#overAge"}}}
"""A self-made stand-in for https://w3id.org/age/v1 (only for encoding: the kiosk lacks it)."""


def age_presentation() -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/2018/credentials/v1", AGE_V1],
        "type": "VerifiablePresentation",
        "holder": HOLDER_DID,
    }


def age_loader() -> Any:
    return chain_loaders(bundled_contexts(), mapping_loader({AGE_V1: AGE_STAND_IN}))


def test_unbundled_context_code_is_named_with_its_code() -> None:
    data = legacy_cborld(age_presentation(), age_loader())
    with pytest.raises(CborldUnsupportedError) as raised:
        decode(data)
    assert raised.value.context_urls == (AGE_V1,)
    assert raised.value.reason == (
        "The code uses a JSON-LD context this kiosk does not bundle "
        "(https://w3id.org/age/v1, code 0x16)."
    )
    envelope = open_envelope(vp1_r(data))
    assert envelope.kind is EnvelopeKind.UNRECOGNISED
    assert envelope.document is None
    assert "https://w3id.org/age/v1, code 0x16" in envelope.reason


def test_unbundled_context_url_in_a_1_0_payload_is_named() -> None:
    result = read_vp_qr(vp1_b(cborld_1_0(age_presentation(), age_loader())))
    assert result.status is VpQrStatus.UNSUPPORTED
    assert result.context_urls == (AGE_V1,)
    assert "(https://w3id.org/age/v1)" in result.reason


def test_unknown_context_code_in_a_nested_credential_is_named() -> None:
    builder = CborldBuilder()
    payload = builder.compress(vc2_presentation())
    credential = payload[builder.ids.ids["verifiableCredential"] + 1][0]
    credential[1] = [0x99, *credential[1][1:]]
    data = cbor2.dumps(cbor2.CBORTag(0x0501, payload))
    with pytest.raises(CborldUnsupportedError) as raised:
        decode(data)
    assert raised.value.context_codes == (0x99,)
    envelope = open_envelope(vp1_b(data))
    assert envelope.kind is EnvelopeKind.UNRECOGNISED
    assert envelope.reason == (
        "The code uses compressed context code this kiosk does not know (0x99)."
    )
