"""payloads.cborld: unknown codes are named, damaged or hostile data is refused within bounds.

All data here is self-made and always runs: payloads built with cbor2 by hand, per the
CBOR-LD spec, to hit one rule each, and the made-up presentation of
``cborld_documents.py`` compressed by the tests' own encoder (``cborld_builder.py``), using
only contexts the kiosk bundles. Nothing is read from files.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import cbor2
import pytest

from payloads.bundled_contexts import DEFAULT_CONTEXTS_DIR
from payloads.cborld import (
    BundledContexts,
    CborldMalformedError,
    CborldUnsupportedError,
    bundled_contexts,
    chain_loaders,
    decode_cborld,
    mapping_loader,
)
from payloads.cborld.active_context import TermCodes
from payloads.cborld.limits import MAX_BASE58_BYTES, MAX_CBORLD_BYTES, MAX_DEPTH, MAX_ITEMS
from payloads.cborld.tables import LEGACY_CONTEXT_CODES
from tests.unit.payloads.cborld_builder import cborld_1_0, legacy_cborld
from tests.unit.payloads.cborld_documents import vc1_presentation

LEGACY = bytes.fromhex("d90501")
VC_V1 = "https://www.w3.org/2018/credentials/v1"


def legacy(payload: Any) -> bytes:
    """A compressed legacy (tag 0x0501) CBOR-LD payload."""
    return LEGACY + cbor2.dumps(payload)


def v1(registry: int, payload: Any) -> bytes:
    """A CBOR-LD 1.0 payload (tag 0xCB1D) for ``registry``."""
    return cbor2.dumps(cbor2.CBORTag(0xCB1D, [registry, payload]))


def malformed(data: bytes, **options: Any) -> CborldMalformedError:
    with pytest.raises(CborldMalformedError) as raised:
        decode_cborld(data, options.pop("loader", bundled_contexts()), **options)
    assert raised.value.reason.endswith(".")
    return raised.value


def unsupported(data: bytes, **options: Any) -> CborldUnsupportedError:
    with pytest.raises(CborldUnsupportedError) as raised:
        decode_cborld(data, options.pop("loader", bundled_contexts()), **options)
    return raised.value


# -- unknown context codes, contexts, registry entries: named ----------------------------------


def test_unknown_context_code_is_named() -> None:
    error = unsupported(legacy({0: 0x99}))
    assert error.code == "ERR_UNDEFINED_COMPRESSED_CONTEXT"
    assert error.context_codes == (0x99,)
    assert error.reason == (
        "The code uses compressed context code this kiosk does not know (0x99)."
    )


def test_every_unknown_code_and_missing_context_is_named_at_once() -> None:
    payload = {1: [0x11, 0x99], 100: {0: 0x9A}, 102: [{1: [0x16, "https://example.org/ctx"]}]}
    error = unsupported(legacy(payload))
    assert error.context_codes == (0x99, 0x9A)
    assert set(error.context_urls) == {"https://w3id.org/age/v1", "https://example.org/ctx"}
    assert "0x99, 0x9a" in error.reason
    assert "https://w3id.org/age/v1, code 0x16" in error.reason
    assert "https://example.org/ctx" in error.reason


def test_registry_entry_1_has_no_context_codes() -> None:
    error = unsupported(v1(1, {0: 0x11}))
    assert error.context_codes == (0x11,)


def test_unknown_registry_entry_is_named() -> None:
    error = unsupported(v1(100, {}))
    assert error.code == "ERR_NO_TYPETABLE"
    assert "registry entry 100" in error.reason


def test_every_legacy_code_maps_to_its_context_when_bundled() -> None:
    bundled = bundled_contexts().urls()
    for code, url in LEGACY_CONTEXT_CODES.items():
        if url in bundled:
            assert decode_cborld(legacy({0: code}), bundled_contexts()) == {"@context": url}
        else:
            assert unsupported(legacy({0: code})).context_urls == (url,)


def test_bundled_contexts_either_load_or_are_refused_by_name() -> None:
    codes = TermCodes(bundled_contexts())
    for url in sorted(bundled_contexts().urls()):
        try:
            codes.load(url)
        except CborldUnsupportedError as exc:  # a context that is a list, not an object
            assert exc.context_urls == (url,)


def test_a_context_failing_its_pin_is_not_served(tmp_path: Path) -> None:
    copy = tmp_path / "contexts"
    shutil.copytree(DEFAULT_CONTEXTS_DIR, copy)
    target = copy / "credentials-v1.jsonld"
    target.write_bytes(target.read_bytes().replace(b'"@protected": true', b'"@protected": false'))
    loader = BundledContexts(copy)
    assert loader(VC_V1) is None
    assert loader("https://www.w3.org/ns/did/v1") is not None
    assert BundledContexts(tmp_path / "absent")(VC_V1) is None


# -- damaged data: malformed, with a reason -------------------------------------------------------


@pytest.mark.parametrize("encode", [legacy_cborld, cborld_1_0])
def test_truncated_payloads_are_malformed(encode: Any) -> None:
    data = encode(vc1_presentation())
    for cut in range(len(data)):
        error = malformed(data[:cut])
        assert "damaged" in error.reason or "does not start" in error.reason


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\xa0", "does not start with a CBOR-LD tag"),
        (bytes.fromhex("d90502a0"), "CBOR tag 1282, which is not CBOR-LD"),
        (LEGACY + b"\xa0\x00", "extra bytes"),
        (LEGACY + bytes.fromhex("bf00ff"), "indefinite length"),
        (LEGACY + bytes.fromhex("a1186c d81c80".replace(" ", "")), "CBOR tag 28"),
        (LEGACY + bytes.fromhex("a1186cf7"), "no JSON equivalent"),
        (LEGACY + bytes.fromhex("a1186cf97e00"), "not finite"),
        (LEGACY + bytes.fromhex("a2186c01186c02"), "same field twice"),
        (LEGACY + bytes.fromhex("a1186c62c328"), "not valid UTF-8"),
        (LEGACY + bytes.fromhex("a11b000000010000000000"), "neither a small number nor text"),
        (LEGACY + bytes.fromhex("a1413000"), "neither a small number nor text"),
        (LEGACY + bytes.fromhex("9901f4"), "announces more values"),
        (LEGACY + bytes.fromhex("9a7fffffff"), f"more than {MAX_ITEMS} values"),
        (LEGACY + bytes.fromhex("5a7fffffff"), "ends too early"),
        (LEGACY + bytes.fromhex("1c"), "invalid CBOR item header"),
    ],
)
def test_garbage_is_malformed_with_a_reason(data: bytes, words: str) -> None:
    assert words in malformed(data).reason


def test_oversized_input_is_refused_before_parsing() -> None:
    error = malformed(LEGACY + b"\x00" * MAX_CBORLD_BYTES)
    assert error.code == "ERR_TOO_LARGE"
    assert str(MAX_CBORLD_BYTES) in error.reason


def test_nesting_deeper_than_the_limit_is_malformed() -> None:
    deep: Any = []
    for _ in range(MAX_DEPTH + 1):
        deep = [deep]
    assert malformed(legacy(deep)).code == "ERR_TOO_DEEP"


def test_nesting_at_the_limit_is_read() -> None:
    within: Any = {}
    for _ in range(MAX_DEPTH - 1):
        within = {"x": within}
    assert decode_cborld(legacy(within), bundled_contexts()) is not None


def test_too_many_items_is_malformed() -> None:
    assert malformed(legacy({"x": [0] * MAX_ITEMS})).code == "ERR_TOO_MANY_ITEMS"


def test_unknown_term_id_is_malformed_naming_it() -> None:
    error = malformed(legacy({0: 0x11, 9000: 1}))
    assert error.code == "ERR_UNKNOWN_CBORLD_TERM_ID"
    assert "9000" in error.reason


def test_binary_left_over_is_malformed() -> None:
    loader = mapping_loader(
        {
            "urn:x": {
                "@context": {"k": {"@id": "ex:k", "@type": "https://w3id.org/security#multibase"}}
            }
        }
    )
    data = legacy({0: 0x8000, 100: b"\x00not multibase"})
    error = malformed(data, loader=loader, app_context_codes={0x8000: "urn:x"})
    assert error.code == "ERR_NOT_JSON"


def test_untyped_bytes_must_be_in_the_legacy_table() -> None:
    assert decode_cborld(legacy({"x": b"\x11"}), bundled_contexts()) == {"x": VC_V1}
    assert malformed(legacy({"x": b"\x01"})).code == "ERR_UNKNOWN_COMPRESSED_VALUE"


def test_plural_key_without_a_list_is_malformed() -> None:
    assert "list" in malformed(legacy({0: 0x11, 3: 100})).reason


def test_the_same_field_twice_by_id_and_by_name_is_malformed() -> None:
    loader = mapping_loader({"urn:x": {"@context": {"a": "ex:a"}}})
    data = legacy({0: 0x8000, 100: 1, "a": 2})
    error = malformed(data, loader=loader, app_context_codes={0x8000: "urn:x"})
    assert error.code == "ERR_DUPLICATE_TERM"


def test_uncompressed_payload_with_a_number_as_field_name_is_malformed() -> None:
    assert malformed(bytes.fromhex("d90500") + cbor2.dumps({1: 2})).code == "ERR_NOT_JSON"


def test_unknown_compressed_url_prefix_is_malformed() -> None:
    data = legacy({0: 0x11, 2: [99, "x"]})
    assert malformed(data).code == "ERR_UNKNOWN_COMPRESSED_VALUE"


def test_bytes_for_a_url_in_a_1_0_payload_must_be_in_its_table() -> None:
    assert malformed(v1(1, {2: b"\x01"})).code == "ERR_UNKNOWN_COMPRESSED_VALUE"


def test_overlong_base58_value_is_malformed() -> None:
    loader = mapping_loader(
        {
            "urn:x": {
                "@context": {"k": {"@id": "ex:k", "@type": "https://w3id.org/security#multibase"}}
            }
        }
    )
    data = legacy({0: 0x8000, 100: b"z" + b"\x01" * (MAX_BASE58_BYTES + 1)})
    assert malformed(data, loader=loader, app_context_codes={0x8000: "urn:x"}).code == (
        "ERR_VALUE_TOO_LONG"
    )


def test_date_out_of_javascripts_range_is_malformed() -> None:
    loader = mapping_loader(
        {
            "urn:x": {
                "@context": {
                    "d": {"@id": "ex:d", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}
                }
            }
        }
    )
    data = legacy({0: 0x8000, 100: 9_000_000_000_000})
    assert malformed(data, loader=loader, app_context_codes={0x8000: "urn:x"}).code == (
        "ERR_INVALID_DATE"
    )


def test_redefining_a_protected_term_is_malformed() -> None:
    loader = chain_loaders(
        bundled_contexts(), mapping_loader({"urn:x": {"@context": {"id": "ex:not-an-id"}}})
    )
    data = legacy({1: [0x11, 0x8000]})
    error = malformed(data, loader=loader, app_context_codes={0x8000: "urn:x"})
    assert 'protected term "id"' in error.reason


def test_a_compact_iri_loop_is_malformed() -> None:
    loader = mapping_loader({"urn:x": {"@context": {"a": "b:x", "b": "a:y"}}})
    data = legacy({0: 0x8000})
    error = malformed(data, loader=loader, app_context_codes={0x8000: "urn:x"})
    assert "without end" in error.reason


def test_a_context_list_document_is_refused_by_name() -> None:
    loader = mapping_loader({"urn:x": {"@context": ["urn:y"]}})
    error = unsupported(legacy({0: 0x8000}), loader=loader, app_context_codes={0x8000: "urn:x"})
    assert error.context_urls == ("urn:x",)


# -- forms the decoder reads ---------------------------------------------------------------------


def test_legacy_range_tag_carries_the_registry_entry() -> None:
    data = cbor2.dumps(cbor2.CBORTag(0x0601, {0: VC_V1}))
    assert decode_cborld(data, bundled_contexts()) == {"@context": VC_V1}
    assert decode_cborld(cbor2.dumps(cbor2.CBORTag(0x0600, {"a": 1})), bundled_contexts()) == {
        "a": 1
    }


def test_legacy_range_varint_registry_entry() -> None:
    # first varint byte 0x80 (in the tag), then 0x01: entry 128
    data = cbor2.dumps(cbor2.CBORTag(0x0680, [b"\x01", {}]))
    assert "registry entry 128" in unsupported(data).reason
    bad = cbor2.dumps(cbor2.CBORTag(0x0680, [b"\x81", {}]))
    assert "badly encoded" in malformed(bad).reason


def test_terms_no_context_defines_pass_through_as_text_keys() -> None:
    payload = {0: VC_V1, "custom:term": {"nested": [1, 2.5, True, None, "x"]}}
    assert decode_cborld(legacy(payload), bundled_contexts()) == {
        "@context": VC_V1,
        "custom:term": {"nested": [1, 2.5, True, None, "x"]},
    }


def test_a_list_of_documents_decodes_to_a_list() -> None:
    assert decode_cborld(legacy([{0: VC_V1}, {}]), bundled_contexts()) == [{"@context": VC_V1}, {}]


def test_null_property_scoped_context_clears_the_terms() -> None:
    # VC 2.0: verifiableCredential's scoped context is null; the inner object brings its own
    loader = bundled_contexts()
    v2 = "https://www.w3.org/ns/credentials/v2"
    codes = TermCodes(loader)  # number the terms in the order the decoder will load them
    codes.load(v2)
    document = loader(v2)
    assert document is not None
    codes.load(document["@context"]["VerifiablePresentation"]["@context"])
    ids = codes.term_to_id
    payload = {
        0: 0x21,
        ids["type"]: ids["VerifiablePresentation"],
        ids["verifiableCredential"]: {0: 0x21, ids["type"]: ids["VerifiableCredential"]},
    }
    assert decode_cborld(legacy(payload), loader) == {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "VerifiablePresentation",
        "verifiableCredential": {
            "@context": "https://www.w3.org/ns/credentials/v2",
            "type": "VerifiableCredential",
        },
    }


def test_thousands_of_typed_objects_decode_quickly() -> None:
    loader = bundled_contexts()
    codes = TermCodes(loader)  # number the terms in the order the decoder will load them
    codes.load(VC_V1)
    document = loader(VC_V1)
    assert document is not None
    codes.load(document["@context"]["VerifiablePresentation"]["@context"])
    codes.load(document["@context"]["VerifiableCredential"]["@context"])
    ids = codes.term_to_id
    credential = {ids["type"]: ids["VerifiableCredential"], ids["issuer"]: "x"}
    count = (MAX_ITEMS - 10) // 5
    payload = {
        0: 0x11,
        ids["type"]: ids["VerifiablePresentation"],
        ids["verifiableCredential"] + 1: [credential] * count,
    }
    start = time.perf_counter()
    decoded = decode_cborld(legacy(payload), loader)
    assert time.perf_counter() - start < 2.0
    assert len(decoded["verifiableCredential"]) == count
    assert decoded["verifiableCredential"][-1] == {
        "type": "VerifiableCredential",
        "issuer": "x",
    }
