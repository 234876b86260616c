"""Per-credential verification time with JSON Schema validation on vs off, interleaved.

    .venv/bin/python bench/bench_schemas.py [--n 40] [--rounds 5]

Credentials (each verified VERIFIED, whole pipeline, issuer trusted):

- `ob3-vc11-declared`: a VC 1.1 Open Badges 3.0 credential declaring the bundled OB 3.0 schema
  (`credentialSchema`), so it is validated against the 60 KB draft-04 schema;
- `ob3-vc11-kiosk-pick`: the same without `credentialSchema` (the kiosk's own pick, a warning);
- `ob3-vc2`: a VC 2.0 credential (no bundled schema applies: the cost of looking).

For each, rounds alternate: a block of n verifications with schemas on, then a block with them
off (`VerificationContext.check_schemas`), repeated; the figure is the median per block, and
the ratio on/off is printed per round and as the median of the rounds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.verification import Verdict, verify_document
from kiosk.verification.schemas import OB3_SCHEMA_ID
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, make_key, ob3_unsigned

KEY = make_key("bench schemas")


def vc11(declare: bool) -> dict[str, Any]:
    document = ob3_unsigned(KEY, valid_until=None)
    document["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        "https://w3id.org/security/data-integrity/v2",
    ]
    document["issuanceDate"] = document.pop("validFrom")
    del document["credentialSubject"]["name"]
    document["credentialSubject"]["achievement"]["description"] = "Passed the test."
    if declare:
        document["credentialSchema"] = [
            {"id": OB3_SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}
        ]
    return sign_eddsa_rdfc_2022(document, KEY, "2026-01-15T09:00:00Z")


def block(document: dict[str, Any], ctx: Any, n: int) -> float:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        report = verify_document(document, ctx)
        samples.append((time.perf_counter() - start) * 1000)
        assert report.verdict is Verdict.VERIFIED, report.checks
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    on = context({did_key_for(KEY): "Bench College"})
    off = replace(on, check_schemas=False)
    cases = {
        "ob3-vc11-declared": vc11(True),
        "ob3-vc11-kiosk-pick": vc11(False),
        "ob3-vc2": sign_eddsa_rdfc_2022(ob3_unsigned(KEY), KEY, "2026-01-15T09:00:00Z"),
    }
    print(f"n={args.n} per block, {args.rounds} rounds (on block, off block), median ms")
    for name, document in cases.items():
        block(document, on, 5)
        block(document, off, 5)  # warm both paths
        ratios, ons, offs = [], [], []
        for _ in range(args.rounds):
            with_schemas = block(document, on, args.n)
            without = block(document, off, args.n)
            ons.append(with_schemas)
            offs.append(without)
            ratios.append(with_schemas / without)
        print(
            f"{name:22} on {statistics.median(ons):7.2f} ms  off {statistics.median(offs):7.2f} ms"
            f"  ratio on/off {statistics.median(ratios):.3f}"
            f"  (rounds: {', '.join(f'{r:.3f}' for r in ratios)})"
        )


if __name__ == "__main__":
    main()
