"""Oversized and hostile payloads: time to verdict and peak memory, each in a fresh process.

    .venv/bin/python bench/bench_size_caps.py

For each case a child process builds the input, records its peak RSS (ru_maxrss), verifies it,
and reports the verdict, the time and how much the peak RSS grew during verification. The input
itself is built before the first reading, so its own size is not counted as verification memory.
Baseline: the same measurement around verifying the valid demo credential.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time, base64, gzip
from kiosk.settings import KioskSettings
from kiosk.context_setup import build_context
from kiosk.verification import verify_payload
from datetime import datetime, UTC
case = sys.argv[1]
demo = open("kiosk/demo/credentials/01-valid.json", "rb").read()
def jws(payload):
    header = base64.urlsafe_b64encode(b'{"alg":"EdDSA","typ":"JWT"}').rstrip(b"=")
    return header + b"." + base64.urlsafe_b64encode(payload).rstrip(b"=") + b".c2ln"
inputs = {
    "valid demo credential (baseline)": lambda: demo,
    "50 MB payload": lambda: b"{" + b" " * (50 * 1024 * 1024) + b"}",
    "220 KB JSON of many keys (just under the cap)":
        lambda: json.dumps({f"k{i}": i for i in range(14_000)}).encode(),
    "JSON nested 100,000 deep": lambda: b"[" * 100_000 + b"]" * 100_000,
    "1 MB JWT": lambda: jws(b"{" + b" " * (1024 * 1024) + b"}"),
    "180 KB JWT (just under the cap)":
        lambda: jws(json.dumps({"vc": {f"k{i}": "v" * 8 for i in range(9_000)}}).encode()),
    "gzip bomb as a payload (1 GB of zeros, 1 MB gzipped)":
        lambda: gzip.compress(b"\0" * (1 << 30), 9),
    "VP1 CBOR-LD of 200 KB":
        lambda: b"VP1-B" + base64.b32encode(b"\xd9\x05\x01" + b"\x9f" * 150_000).rstrip(b"="),
}
data = inputs[case]()
context = build_context(KioskSettings(offline=True), now=datetime(2026, 11, 24, tzinfo=UTC))
verify_payload(demo, context)  # warm imports and caches
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
report = verify_payload(data, context)
elapsed = (time.perf_counter() - start) * 1000
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"case": case, "verdict": report.verdict.value, "ms": elapsed,
                  "rss_growth_mb": (after - before) / 1024, "reason": report.headline_reason[:90]}))
"""

CASES = [
    "valid demo credential (baseline)",
    "50 MB payload",
    "220 KB JSON of many keys (just under the cap)",
    "JSON nested 100,000 deep",
    "1 MB JWT",
    "180 KB JWT (just under the cap)",
    "gzip bomb as a payload (1 GB of zeros, 1 MB gzipped)",
    "VP1 CBOR-LD of 200 KB",
]


def main() -> None:
    print(f"{'case':<52} {'verdict':<15} {'ms':>8} {'peak RSS +MB':>13}  reason")
    for case in CASES:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, case],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{row['case']:<52} {row['verdict']:<15} {row['ms']:>8.1f} "
            f"{row['rss_growth_mb']:>13.1f}  {row['reason']}"
        )


if __name__ == "__main__":
    main()
