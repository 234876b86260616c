"""The limits table: payloads up to the 256 KB limit built to be slow, each in a fresh process.

    .venv/bin/python bench/bench_limits.py

For each case a child process builds the input, verifies it once with the kiosk's default
settings (offline, the shipped trust lists, the 10 s deadline unless the case sets another)
and reports the verdict, the headline reason, the wall and CPU time and the peak RSS (ru_maxrss,
imports included). Baseline: the same for the valid demo credential. The worst cases are the
shapes that were quadratic (issue 12, finding 4) or still cost the most per byte.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
from datetime import UTC, datetime
from kiosk.context_setup import build_context
from kiosk.settings import KioskSettings
from kiosk.verification import verify_payload
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import make_key, ob3_unsigned
from tests.large_payloads import compact, empty_subjects, signed_distinct_subjects

case, deadline = sys.argv[1], float(sys.argv[2])
V2 = "https://www.w3.org/ns/credentials/v2"
demo = open("kiosk/demo/credentials/01-valid.json", "rb").read()

def signed(edit):
    key = make_key()
    document = ob3_unsigned(key)
    edit(document)
    return compact(sign_eddsa_rdfc_2022(document, key, "2026-01-15T09:00:00Z"))

def long_list(doc):
    doc["@context"].append({"l": {"@id": "https://example.org/l", "@container": "@list"}})
    doc["credentialSubject"]["l"] = list(range(38_000))

def many_values(doc):
    doc["@context"].append({"v": "https://example.org/v"})
    doc["credentialSubject"]["v"] = [f"{n:x}" for n in range(28_000)]

def blank_nodes(doc):
    doc["@context"].append({"v": "https://example.org/v"})
    doc["credentialSubject"]["v"] = [{"v": n} for n in range(20_000)]

def graphs(doc):
    doc["@context"].append({"g": {"@id": "https://example.org/g", "@container": "@graph"},
                            "v": "https://example.org/v"})
    doc["credentialSubject"]["g"] = [{"v": n} for n in range(20_000)]

def many_terms(doc):
    terms = {f"t{n}": f"https://example.org/{n}" for n in range(5_000)}
    doc["@context"].append(terms)
    doc["credentialSubject"].update({f"t{n}": n for n in range(5_000)})

def nested(depth):
    document = ob3_unsigned(make_key())
    document["@context"].append({"v": "https://example.org/v"})
    document["credentialSubject"] = "SUBJECT"
    return compact(document).replace(b'"SUBJECT"', b'{"v":' * depth + b"{}" + b"}" * depth)

INPUTS = {
    "valid demo credential (baseline)": lambda: demo,
    "80,000 empty subjects (was ~1 h)": empty_subjects,
    "9,000 subjects with distinct ids, signed": signed_distinct_subjects,
    "28,000 distinct strings in one property, signed": lambda: signed(many_values),
    "20,000 blank-node objects in one property, signed": lambda: signed(blank_nodes),
    "@list of 38,000 numbers, signed": lambda: signed(long_list),
    "5,000 terms in one inline context, signed": lambda: signed(many_terms),
    "20,000 named graphs (@graph container), signed": lambda: signed(graphs),
    "subject nested 10,000 deep": lambda: nested(10_000),
    "6,000 repeats of the v2 context URL": lambda: compact(
        {**ob3_unsigned(make_key()), "@context": [V2] * 6_000}),
    "deadline 0.5 s: 80,000 empty subjects": empty_subjects,
}
data = INPUTS[case]()
trusted = Path(tempfile.mkdtemp()) / "bench-trust-list.json"
trusted.write_text(json.dumps({"format": "credential-kiosk-trust-list/1", "name": "Bench",
    "publisher": "bench", "issuers": [{"id": did_key_for(make_key()), "name": "Test issuer"}]}))
settings = KioskSettings(offline=True, verification_deadline_seconds=deadline,
                         trust_list_paths=(trusted, Path("trust_lists/shipped/demo.json")))
context = build_context(settings, now=datetime(2026, 11, 24, tzinfo=UTC))
start, cpu = time.perf_counter(), time.process_time()
report = verify_payload(data, context)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"case": case, "bytes": len(data), "verdict": report.verdict.value,
                  "s": elapsed, "cpu": cpu, "peak_mb": peak,
                  "reason": report.headline_reason[:80]}))
"""

CASES: list[tuple[str, float]] = [
    ("valid demo credential (baseline)", 10.0),
    ("80,000 empty subjects (was ~1 h)", 10.0),
    ("9,000 subjects with distinct ids, signed", 10.0),
    ("28,000 distinct strings in one property, signed", 10.0),
    ("20,000 blank-node objects in one property, signed", 10.0),
    ("@list of 38,000 numbers, signed", 10.0),
    ("5,000 terms in one inline context, signed", 10.0),
    ("20,000 named graphs (@graph container), signed", 10.0),
    ("subject nested 10,000 deep", 10.0),
    ("6,000 repeats of the v2 context URL", 10.0),
    ("deadline 0.5 s: 80,000 empty subjects", 0.5),
]


def main() -> None:
    header = "| verdict        | time s | CPU s | peak RSS MB | reason"
    print(f"| {'input':<50} | {'bytes':>7} {header}")
    print(f"|{'-' * 52}|{'-' * 9}|----------------|--------|-------|-------------|--------")
    for case, deadline in CASES:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, case, str(deadline)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"| {row['case']:<50} | {row['bytes']:>7} | {row['verdict']:<14} | {row['s']:>6.2f} "
            f"| {row['cpu']:>5.2f} "
            f"| {row['peak_mb']:>11.0f} | {row['reason']}"
        )


if __name__ == "__main__":
    main()
