"""The bounded fuzz run inside the normal test run: deterministic cases over `verify_payload`.

`FUZZ_CASES` cases (10,000 by default: numbers 0 to N-1, each a seed and its structure-aware
mutation, see `harness.case`), split into batches so a failure names its case number; about a
minute on this machine. Reproduce one: `python -m tests.fuzz.long_run --replay NUMBER`. The
longer run by hand is in `tests/fuzz/README.md`.
"""

from __future__ import annotations

import functools
import os

import pytest

from kiosk.verification import Verdict, verify_payload
from tests.fuzz.harness import case, fuzz_context, run_one
from tests.fuzz.seeds import seeds

FUZZ_CASES = int(os.environ.get("KIOSK_FUZZ_CASES", "10000"))
BATCHES = 10
CONTEXT = fuzz_context()


@functools.cache
def verified_seeds() -> frozenset[str]:
    """The seeds that verify in the fuzz context: their mutations must not."""
    return frozenset(
        name for name, data in seeds() if verify_payload(data, CONTEXT).verdict is Verdict.VERIFIED
    )


def test_some_seeds_verify_so_that_mutations_are_judged() -> None:
    names = verified_seeds()
    assert {"made/ob3-signed.json", "made/vc-jose.jwt", "demo/01-valid.json"} <= names


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_payloads_keep_every_invariant(batch: int) -> None:
    all_seeds = seeds()
    problems = []
    for number in range(batch, FUZZ_CASES, BATCHES):
        name, seed, mutated = case(all_seeds, number)
        _report, finding = run_one(seed, name in verified_seeds(), mutated, CONTEXT)
        if finding is not None:
            problems.append(f"case {number} ({name}): {finding.signature}: {finding.detail}")
    assert not problems, "\n".join(problems)
