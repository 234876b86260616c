"""The long fuzz run, by hand: `python -m tests.fuzz.long_run --minutes 15 [--start N]`.

Runs cases N, N+1, … (the same deterministic cases as the bounded run, which covers 0 to 9,999)
until the time is up, and prints executions, time, and each distinct finding (by signature)
with the first case number that showed it and how many did. `--replay NUMBER` runs one case
and prints its payload and report. Crashing payloads are written to `--out` (default
`/tmp/kiosk-fuzz`) as `case-NUMBER.bin`, to become regression tests.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kiosk.verification import Verdict, verify_payload
from tests.fuzz.harness import case, fuzz_context, run_one
from tests.fuzz.seeds import seeds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=15.0)
    parser.add_argument("--start", type=int, default=10000)
    parser.add_argument("--replay", type=int)
    parser.add_argument("--out", type=Path, default=Path("/tmp/kiosk-fuzz"))
    args = parser.parse_args()
    all_seeds, context = seeds(), fuzz_context()
    verified = {n for n, d in all_seeds if verify_payload(d, context).verdict is Verdict.VERIFIED}
    if args.replay is not None:
        name, seed, mutated = case(all_seeds, args.replay)
        report, finding = run_one(seed, name in verified, mutated, context)
        print(f"seed {name}; {len(mutated)} bytes: {mutated[:400]!r}")
        print(json.dumps(report.as_dict() if report else None, indent=2, ensure_ascii=False))
        print(f"finding: {finding}")
        return 1 if finding else 0
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{len(all_seeds)} seeds ({len(verified)} verify); cases from {args.start}", flush=True)
    found: dict[str, tuple[int, int]] = {}
    number, started = args.start, time.monotonic()
    deadline = started + args.minutes * 60
    while time.monotonic() < deadline:
        name, seed, mutated = case(all_seeds, number)
        _report, finding = run_one(seed, name in verified, mutated, context)
        if finding is not None:
            first, count = found.get(finding.signature, (number, 0))
            found[finding.signature] = (first, count + 1)
            if count == 0:
                (args.out / f"case-{number}.bin").write_bytes(mutated)
                print(f"case {number} ({name}): {finding.signature}: {finding.detail}", flush=True)
        number += 1
    elapsed = time.monotonic() - started
    executions = number - args.start
    print(
        f"{executions} executions in {elapsed:.0f} s ({executions / elapsed:.1f}/s), "
        f"cases {args.start}..{number - 1}; {len(found)} distinct findings"
    )
    for signature, (first, count) in sorted(found.items()):
        print(f"  {count:5d}x first case {first}: {signature}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
