"""Each crash the fuzzer found on the old main, kept as a regression test (`crashes/*.bin.gz`).

Found by `python -m tests.fuzz.long_run` (2 minutes, cases 0 to 21,553, seeds without
../shared) before the fixes of issue 12; the signature it reported on the old main is beside
each file. Every one must now keep every invariant of `harness.run_one`, and none may verify.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kiosk.verification import Verdict
from tests.fuzz.harness import fuzz_context, run_one

CRASHES = Path(__file__).resolve().parent / "crashes"
FOUND_ON_OLD_MAIN = {
    "case-10": "recognising the credential raised TypeError (a dict as first @context: "
    "blockcerts/certificate.py, unhashable in a set lookup)",
    "case-246": "raised TypeError out of verify_payload (JWT header typ a list: jwt_credential.py)",
    "case-582": "check format raised TypeError (inline term definition @id an object: pyld)",
    "case-1452": "check format raised TypeError (pyld, canonicalize.py expansion)",
    "case-2590": "check format raised OverflowError (a huge number in the JSON-LD: pyld)",
    "case-1366": 'pyld SyntaxWarning printed on stderr (\'values beginning with "@" are '
    "reserved'), and the term silently ignored",
    "case-39": "a reason of 100,079 characters (an undefined term of that length)",
}
CONTEXT = fuzz_context()


@pytest.mark.parametrize("name", sorted(FOUND_ON_OLD_MAIN))
def test_a_crash_found_by_the_fuzzer_stays_fixed(name: str) -> None:
    data = gzip.decompress((CRASHES / f"{name}.bin.gz").read_bytes())
    report, finding = run_one(b"", False, data, CONTEXT)
    assert finding is None, f"{name} ({FOUND_ON_OLD_MAIN[name]}): {finding}"
    assert report is not None and report.verdict is not Verdict.VERIFIED


def test_every_kept_crash_is_described() -> None:
    kept = {path.name.removesuffix(".bin.gz") for path in CRASHES.glob("*.bin.gz")}
    assert kept == set(FOUND_ON_OLD_MAIN)
