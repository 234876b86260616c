"""The kiosk's canonical N-Quads are byte-identical to stock pyld's (stored before any speed-up).

`expected_nquads.json` was made by `make_expected_nquads.py` with stock `pyld.jsonld.normalize`;
every optimisation of `kiosk.verification.jsonld` must keep these bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from kiosk.verification.errors import VerificationError
from kiosk.verification.jsonld.canonicalize import Canonicalizer, canonicalize
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.suites.rdfc_hashing import proof_configuration
from tests.conftest import shared_vectors

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
EXPECTED: dict[str, Any] = json.loads((HERE / "expected_nquads.json").read_text("utf-8"))
STOCK_OPTIONS = {"algorithm": "URDNA2015", "format": "application/n-quads", "base": ""}


def _proofs(document: dict[str, Any]) -> list[dict[str, Any]]:
    proof = document["proof"]
    return proof if isinstance(proof, list) else [proof]


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.rsplit("/", 1)[-1])
def test_canonical_nquads_match_stock_pyld(name: str) -> None:
    document = json.loads((ROOT / name).read_text("utf-8"))
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    expected = EXPECTED[name]
    assert canonicalize(unsecured) == expected["document"]
    for proof, want in zip(_proofs(document), expected["proofs"], strict=True):
        config = proof_configuration(unsecured, proof)
        assert canonicalize(config, hash_name=want["hash"]) == want["config"]
        assert canonicalize(unsecured, hash_name=want["hash"]) == want["document"]


@pytest.mark.parametrize("name", sorted(EXPECTED)[:3], ids=lambda n: n.rsplit("/", 1)[-1])
def test_repeated_canonicalization_is_stable(name: str) -> None:
    """Warm caches give the same bytes as the first call (no state leaks between calls)."""
    document = json.loads((ROOT / name).read_text("utf-8"))
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    first = Canonicalizer().canonicalize(unsecured)
    for _ in range(3):
        assert Canonicalizer().canonicalize(unsecured) == first == EXPECTED[name]["document"]


def _shared_jsonld_documents() -> list[Path]:
    root = shared_vectors()
    skipped_folders = {"contexts", "rdf-canon"}
    return [
        path
        for path in sorted(root.rglob("*.json*"))
        if not skipped_folders & set(path.relative_to(root).parts)
    ]


@pytest.mark.shared
def test_every_shared_jsonld_document_matches_stock_pyld() -> None:
    """Every JSON-LD document in ../shared/vectors the kiosk accepts canonicalizes to the same
    bytes as stock `pyld.jsonld.normalize` (computed now, same bundled contexts)."""
    loader = bundled_contexts().pyld_loader
    compared: list[str] = []
    for path in _shared_jsonld_documents():
        try:
            document = json.loads(path.read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(document, dict) or "@context" not in document:
            continue
        unsecured = {k: v for k, v in document.items() if k != "proof"}
        try:
            ours = canonicalize(unsecured)
        except VerificationError:
            continue  # refused in safe mode (unknown context, undefined term): nothing to compare
        stock = jsonld.normalize(unsecured, {**STOCK_OPTIONS, "documentLoader": loader})
        assert ours == stock, path
        compared.append(path.name)
    assert len(compared) >= 200, len(compared)
