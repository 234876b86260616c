"""Regenerate `expected_nquads.json`: stock pyld's canonical N-Quads of the fixture credentials.

    .venv/bin/python -m tests.unit.jsonld.make_expected_nquads

Made once with stock `pyld.jsonld.normalize` (URDNA2015, SHA-256) before the kiosk's
canonicalization was optimised; `test_canonical_output.py` checks that the kiosk still produces
these bytes. For proofs that hash with SHA-384 (P-384 keys) the labels come from the same
algorithm run with SHA-384 (pyld's URDNA2015 class with only the hash swapped). Rerun it only when
a fixture is added, and with stock pyld.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyld.canon import URDNA2015

from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.suites.rdfc_hashing import proof_configuration

ROOT = Path(__file__).resolve().parents[3]
OUTPUT = Path(__file__).resolve().parent / "expected_nquads.json"
SOURCES = (
    "tests/fixtures/vectors/peer-generated",
    "tests/fixtures/vectors/w3c",
    "kiosk/demo/credentials",
)
NORMALIZE = {"algorithm": "URDNA2015", "format": "application/n-quads"}


class _Sha384Urdna2015(URDNA2015):  # type: ignore[misc]
    def create_hash(self) -> Any:
        return hashlib.sha384()


def stock_nquads(document: dict[str, Any], hash_name: str) -> str:
    """Stock pyld: `normalize` for SHA-256, `to_rdf` + URDNA2015 with SHA-384 otherwise."""
    loader = bundled_contexts().pyld_loader
    if hash_name == "sha256":
        result: str = jsonld.normalize(document, {**NORMALIZE, "documentLoader": loader})
        return result
    dataset = jsonld.to_rdf(document, {"documentLoader": loader})
    canonical: str = _Sha384Urdna2015().main(dataset, NORMALIZE)
    return canonical


def expected_for(document: dict[str, Any]) -> dict[str, Any]:
    """Canonical N-Quads of the unsecured document and of each proof's configuration."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proofs = document["proof"] if isinstance(document["proof"], list) else [document["proof"]]
    entry: dict[str, Any] = {"document": stock_nquads(unsecured, "sha256"), "proofs": []}
    for proof in proofs:
        hash_name = "sha384" if proof["verificationMethod"].startswith("did:key:z82") else "sha256"
        config = proof_configuration(unsecured, proof)
        entry["proofs"].append(
            {
                "hash": hash_name,
                "config": stock_nquads(config, hash_name),
                "document": stock_nquads(unsecured, hash_name),
            }
        )
    return entry


def main() -> None:
    expected: dict[str, Any] = {}
    for source in SOURCES:
        for path in sorted((ROOT / source).glob("*.json")):
            document = json.loads(path.read_text("utf-8"))
            if isinstance(document, dict) and "proof" in document:
                expected[f"{source}/{path.name}"] = expected_for(document)
    OUTPUT.write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {len(expected)} credentials to {OUTPUT}")


if __name__ == "__main__":
    main()
