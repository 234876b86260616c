"""Per-credential verification time, against the raw-library floor measured in the same run.

    .venv/bin/python bench/bench_verify.py [--n 300] [--warmup 50] [--runs 3]

Kiosk: `verify_document` (the whole pipeline: format with safe-mode JSON-LD, did:key, proof,
dates, trust) on an Open Badges 3.0 eddsa-rdfc-2022 credential.
Floor: what any pyld + cryptography verifier must do at least — stock `pyld.jsonld.normalize`
(URDNA2015) of the credential without its proof and of its proof options, two SHA-256 and one
Ed25519 verify — with the same bundled contexts. Prints medians (of run medians) and the ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519
from pyld import jsonld
from timing import joined, time_runs

from kiosk.verification import Verdict, verify_document
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.keys.did_key import resolve_did_key
from kiosk.verification.keys.multibase import multibase_decode
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

ROOT = Path(__file__).resolve().parent.parent
CREDENTIALS = {
    "demo OB3 eddsa-rdfc-2022": ROOT / "kiosk/demo/credentials/01-valid.json",
    "peer OB3 eddsa-rdfc-2022 (Digital Bazaar-signed)": ROOT
    / "tests/fixtures/vectors/peer-generated/ob3-vc2-eddsa-rdfc-2022.json",
}


def kiosk_verifier(document: dict[str, Any]) -> Callable[[], None]:
    from datetime import UTC, datetime

    issuer = document["issuer"]["id"]
    registry = TrustRegistry(
        (TrustList("bench", "bench", {issuer: TrustedIssuer(issuer, "X")}, ""),)
    )
    context = VerificationContext(datetime(2026, 12, 1, tzinfo=UTC), registry, bundled_contexts())

    def run() -> None:
        if verify_document(document, context).verdict is not Verdict.VERIFIED:
            raise SystemExit("the benchmark credential did not verify")

    return run


def floor_verifier(document: dict[str, Any]) -> Callable[[], None]:
    loader = bundled_contexts().pyld_loader
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof = document["proof"]
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = document["@context"]
    key = resolve_did_key(proof["verificationMethod"]).public_key.key
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise SystemExit("the benchmark credentials are signed with Ed25519 keys")
    signature = multibase_decode(proof["proofValue"])
    normalize_options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": loader,
    }

    def run() -> None:
        doc_nquads = jsonld.normalize(unsecured, normalize_options)
        options_nquads = jsonld.normalize(options, normalize_options)
        message = (
            hashlib.sha256(options_nquads.encode()).digest()
            + hashlib.sha256(doc_nquads.encode()).digest()
        )
        key.verify(signature, message)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = []
    print(
        f"{'credential':<50} {'kiosk ms':>9} {'floor ms':>9} {'ratio':>6}  first call kiosk/floor"
    )
    for label, path in CREDENTIALS.items():
        document = json.loads(path.read_text("utf-8"))
        floor = time_runs(floor_verifier(document), args.n, args.warmup, args.runs)
        kiosk = time_runs(kiosk_verifier(document), args.n, args.warmup, args.runs)
        ratio = kiosk.median_ms / floor.median_ms
        print(
            f"{label:<50} {kiosk.median_ms:>9.2f} {floor.median_ms:>9.2f} {ratio:>6.2f}  "
            f"{kiosk.first_ms:.1f} / {floor.first_ms:.1f} ms   (run medians kiosk "
            f"{joined(kiosk.run_medians)}; floor {joined(floor.run_medians)})"
        )
        results.append(
            {
                "credential": label,
                "kiosk_ms": kiosk.median_ms,
                "floor_ms": floor.median_ms,
                "ratio": ratio,
                "kiosk_runs": list(kiosk.run_medians),
                "floor_runs": list(floor.run_medians),
            }
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
