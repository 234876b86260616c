"""payloads.cborld: real VPQR / CBOR-LD samples decode to the JSON-LD their sources give.

Every test here reads real data from ``../shared/vectors/cborld/`` (see
``tests/unit/scanners/cborld_samples.py``; ``SOURCE.md`` there names each source): QR
texts from wallets' and libraries' tests and docs, the reference implementation's example
files and decode vectors, and the extra JSON-LD contexts (age, cit, citizenship,
activitystreams) some samples need. That data was taken from public repositories, so it is
not in this repository: the tests are marked ``shared`` and skip cleanly when the folder is
absent. Set ``KIOSK_CBORLD_SAMPLES=<folder>`` to read a copy with the same layout instead.

The always-run tests, on self-made payloads, are in ``test_scanner_cborld_roundtrip.py``,
``test_scanner_cborld_errors.py`` and ``test_scanner_cborld_envelope.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from payloads import EnvelopeKind, open_envelope
from payloads.bundled_contexts import DocumentLoader
from payloads.cborld import (
    CborldError,
    CborldMalformedError,
    CborldUnsupportedError,
    RegistryEntry,
    VpQrStatus,
    bundled_contexts,
    chain_loaders,
    decode_cborld,
    mapping_loader,
    read_vp_qr,
    registry_entry,
)
from payloads.cborld.tables import CRYPTOSUITE_TYPE, LEGACY_CONTEXT_CODES
from payloads.cborld.vpqr import vp_qr_bytes
from tests.unit.payloads.cborld_builder import base45_encode
from tests.unit.payloads.cborld_samples import (
    cborld_samples,
    collected,
    extra_contexts,
    find_samples,
    params,
    read_json,
)

pytestmark = pytest.mark.shared

SAMPLES: list[dict[str, Any]] = collected("samples.json", "samples")
VECTORS: list[dict[str, Any]] = collected("vectors.json", "vectors")
_FOUND = find_samples()
EXAMPLES = sorted(p.stem for p in (_FOUND / "cborld-examples").glob("*.cborld")) if _FOUND else []


def _sample_text(sample: dict[str, Any]) -> bytes:
    return str(sample["text"]).encode("ascii")


def _sample_bytes(sample: dict[str, Any]) -> bytes:
    data = vp_qr_bytes(_sample_text(sample))
    assert isinstance(data, bytes)
    return data


def _named(name: str) -> dict[str, Any]:
    cborld_samples()
    return next(s for s in SAMPLES if s["name"] == name)


def _sample_loader() -> DocumentLoader:
    """The kiosk's bundled contexts, then the samples' extra (test-only) contexts."""
    extra: dict[str, Mapping[str, Any]] = extra_contexts()
    return chain_loaders(bundled_contexts(), mapping_loader(extra))


def _expected(sample: dict[str, Any]) -> Any:
    return read_json(sample["expected"])


def _field(document: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        document = document[part]
    return document


def assert_plain(reason: str) -> None:
    assert reason and reason.endswith(".")
    assert all(0x20 <= ord(char) < 0x7F for char in reason)


# -- real VPQR samples -------------------------------------------------------------------------


@pytest.mark.parametrize("sample", params(SAMPLES, lambda s: s["name"]))
def test_real_vpqr_samples_decode_to_the_sources_json(sample: dict[str, Any]) -> None:
    cborld_samples()
    document = decode_cborld(_sample_bytes(sample), _sample_loader())
    if sample["expected"]:
        assert document == _expected(sample)
    for dotted, value in sample.get("expected_fields", {}).items():
        assert _field(document, dotted) == value
    assert document["type"] in ("VerifiablePresentation", ["VerifiablePresentation"])


@pytest.mark.parametrize("sample", params(SAMPLES, lambda s: s["name"]))
def test_with_only_the_kiosks_contexts_samples_open_or_name_what_is_missing(
    sample: dict[str, Any],
) -> None:
    cborld_samples()
    result = read_vp_qr(_sample_text(sample))
    if not sample["contexts_not_bundled"]:
        assert result.status is VpQrStatus.DOCUMENT
        if sample["expected"]:
            assert result.document == _expected(sample)
        return
    assert result.status is VpQrStatus.UNSUPPORTED
    assert result.document is None
    assert result.context_urls == tuple(sample["contexts_not_bundled"])
    for url in sample["contexts_not_bundled"]:
        assert url in result.reason
    assert "does not bundle" in result.reason


def test_the_dcc_sample_names_the_legacy_code_of_its_missing_context() -> None:
    dcc = _named("dcc-vpqr-exampleQrCodeData")
    result = read_vp_qr(_sample_text(dcc))
    assert result.reason == (
        "The code uses a JSON-LD context this kiosk does not bundle "
        "(https://w3id.org/age/v1, code 0x16)."
    )


def test_one_presentation_in_four_encodings_decodes_the_same() -> None:
    cborld_samples()
    age = [s for s in SAMPLES if s["expected"] == "expected/age-over-token-vp.json"]
    forms = {_sample_bytes(s)[:3].hex() for s in age}
    assert forms == {"d90501", "d9cb1d"}  # legacy tag and CBOR-LD 1.0 tag
    assert {s["text"][4] for s in age} == {"B", "R"}  # base32 and base45
    loader = _sample_loader()
    decoded = [decode_cborld(_sample_bytes(s), loader) for s in age]
    assert all(document == decoded[0] for document in decoded)


def test_every_sample_names_its_source() -> None:
    cborld_samples()
    for item in [*SAMPLES, *VECTORS]:
        assert item["repository"] and item["path"] and len(item["commit"]) == 40


# -- the reference implementation's example files and decode vectors ---------------------------


@pytest.mark.parametrize("name", params(EXAMPLES, str))
def test_reference_example_files_decode_to_their_json_ld(name: str) -> None:
    folder = cborld_samples() / "cborld-examples"
    data = (folder / f"{name}.cborld").read_bytes()
    expected = json.loads((folder / f"{name}.jsonld").read_text("utf-8"))
    assert decode_cborld(data, _sample_loader()) == expected


def _vector_registry(vector: dict[str, Any]) -> dict[int, RegistryEntry] | None:
    tables = vector.get("type_tables")
    if tables is None:
        return None
    table: dict[str, dict[int, str]] = {}
    if tables.get("reference_type_table"):
        # the reference implementation's TYPE_TABLE: its string table for context, url and
        # none, and its cryptosuite table
        strings = dict(LEGACY_CONTEXT_CODES)
        table = {"context": dict(strings), "url": strings, "none": strings}
        table[CRYPTOSUITE_TYPE] = {
            1: "ecdsa-rdfc-2019",
            2: "ecdsa-sd-2023",
            3: "eddsa-rdfc-2022",
            4: "ecdsa-xi-2023",
        }
    for kind, extra in tables.items():
        if kind != "reference_type_table":
            table.setdefault(kind, {}).update({int(code): value for code, value in extra.items()})
    return {vector["registry"]: registry_entry(vector["registry"], table)}


@pytest.mark.parametrize("vector", params(VECTORS, lambda v: v["name"]))
def test_reference_decode_vectors(vector: dict[str, Any]) -> None:
    named = read_json("vectors.json")["contexts"]
    loader = mapping_loader({url: named[name] for url, name in vector.get("contexts", {}).items()})
    app_codes = {int(code): url for code, url in vector.get("app_context_codes", {}).items()}
    data = bytes.fromhex(vector["hex"])
    options: dict[str, Any] = {
        "app_context_codes": app_codes,
        "registry_entries": _vector_registry(vector),
    }
    if "error" in vector:
        error = {"malformed": CborldMalformedError, "unsupported": CborldUnsupportedError}
        with pytest.raises(error[vector["error"]["kind"]]) as raised:
            decode_cborld(data, loader, **options)
        assert isinstance(raised.value, CborldMalformedError | CborldUnsupportedError)
        assert raised.value.code == vector["error"]["code"]
        return
    assert decode_cborld(data, loader, **options) == vector["expected"]


# -- real samples through the envelope row, damaged and corrupted --------------------------------


def _learncard_text(base: str) -> bytes:
    """The LearnCard sample as found (base32) or re-encoded by the tests in base45."""
    learncard = _named("learncard-docs-vpqr")
    if base == "B":
        return _sample_text(learncard)
    return b"VP1-R" + base45_encode(_sample_bytes(learncard)).encode("ascii")


@pytest.mark.parametrize("base", ["B", "R"])
def test_real_vpqr_text_opens_as_a_json_document(base: str) -> None:
    envelope = open_envelope(_learncard_text(base) + b"\r\n")
    assert envelope.kind is EnvelopeKind.JSON
    assert envelope.reason == "The code holds a compressed presentation (CBOR-LD)."
    assert envelope.document == _expected(_named("learncard-docs-vpqr"))
    assert envelope.preview.startswith("VP1-" + base)


def test_real_sample_with_an_unbundled_context_is_unrecognised_naming_it() -> None:
    envelope = open_envelope(_sample_text(_named("dcc-vpqr-exampleQrCodeData")))
    assert envelope.kind is EnvelopeKind.UNRECOGNISED
    assert envelope.document is None
    assert "https://w3id.org/age/v1, code 0x16" in envelope.reason


def test_read_vp_qr_uses_the_loader_it_is_given() -> None:
    result = read_vp_qr(_sample_text(_named("learncard-docs-vpqr")), loader=lambda url: None)
    assert result.status is VpQrStatus.UNSUPPORTED
    assert result.context_urls == ("https://www.w3.org/2018/credentials/v1",)


def test_truncated_real_example_is_malformed() -> None:
    data = (cborld_samples() / "cborld-examples" / "cit.cborld").read_bytes()
    for cut in range(len(data)):
        with pytest.raises(CborldMalformedError) as raised:
            decode_cborld(data[:cut], bundled_contexts())
        reason = raised.value.reason
        assert "damaged" in reason or "does not start" in reason


def _real_bytes() -> list[bytes]:
    """The real CBOR-LD byte strings (for hypothesis to pick from), or [] when absent."""
    if _FOUND is None:
        return []
    found = [(_FOUND / "cborld-examples" / "cit.cborld").read_bytes()]
    found.extend(_sample_bytes(sample) for sample in SAMPLES)
    return found


@settings(max_examples=400)
@given(
    st.sampled_from(_real_bytes() or [b"\xd9\x05\x01\xa0"]),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=4),
)
def test_corrupted_real_samples_raise_only_cborld_errors(
    data: bytes, changes: list[tuple[int, int]]
) -> None:
    cborld_samples()
    mutated = bytearray(data)
    for index, value in changes:
        mutated[index % len(mutated)] = value
    try:
        decoded = decode_cborld(bytes(mutated), bundled_contexts())
    except CborldError as exc:
        assert_plain(exc.reason)
        return
    json.dumps(decoded)  # whatever decodes is plain JSON
