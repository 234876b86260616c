"""Provides `run_one(case)`: verify one fuzz case and check the invariants; `Finding`, what
breaks one. Used by the bounded pytest run (`test_fuzz_verify.py`) and the long run
(`long_run.py`).

Invariants, for every mutated payload:
1. `verify_payload` returns (never raises);
2. nothing is written to stderr and no ERROR is logged (a check that raised unexpectedly is
   logged with its traceback: that is a crash, even though the verdict is a safe "not done");
3. it returns within `DEADLINE_SECONDS` (a hang, not a speed test: the bound is generous);
4. the verdict is never VERIFIED for a mutated signed payload, unless the mutation left the
   signed data as it was (the same canonical N-Quads: an RDF-equivalent spelling, or a change
   outside the signature such as JSON whitespace);
5. every text of the report, in every output form, passes the kiosk's text policy (checked
   with the test's own definition of forbidden code points).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.verification import Verdict, VerificationReport, verify_payload
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.suites.signing import did_key_for
from tests.fuzz.mutations import mutate
from tests.helpers import DEMO_TRUST_LIST, make_key
from tests.unit.verification.test_outgoing_text import assert_every_output_clean
from trust_lists import TrustedIssuer, TrustList, TrustRegistry, load_trust_list

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
DEADLINE_SECONDS = 60.0


def fuzz_context() -> VerificationContext:
    """Offline (no network, no cache), trusting the test key and the demo issuer, at a fixed
    instant: the seeds that are signed verify, so a mutation that still verifies is seen."""
    test_issuer = did_key_for(make_key())
    tests = TrustList("Fuzz list", "tests", {test_issuer: TrustedIssuer(test_issuer, "Test")}, "")
    registry = TrustRegistry((tests, load_trust_list(DEMO_TRUST_LIST)))
    return VerificationContext(
        now=NOW,
        trust=registry,
        contexts=bundled_contexts(),
        clock_skew=timedelta(minutes=5),
        offline=True,
    )


@dataclass(frozen=True, slots=True)
class Finding:
    """An invariant broken by one case."""

    kind: str
    """"raised", "logged", "stderr", "hang", "verified", "text"."""
    signature: str
    """What makes two findings the same crash (kind and exception type and place)."""
    detail: str


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _where(error: BaseException) -> str:
    trace = error.__traceback__
    last = None
    while trace is not None:
        if "/kiosk/" in trace.tb_frame.f_code.co_filename or last is None:
            last = trace
        trace = trace.tb_next
    if last is None:
        return type(error).__name__
    code = last.tb_frame.f_code
    return f"{type(error).__name__} at {code.co_filename.rsplit('/', 2)[-1]}:{last.tb_lineno}"


def _signed_data_unchanged(seed: bytes, mutated: bytes) -> bool:
    """True when `mutated` signs the same data as `seed`: the same JSON, or the same canonical
    N-Quads of the whole document, proofs included (a proof repeated counts once). So an
    RDF-equivalent spelling, or a keyword entry JSON-LD drops, keeps the verdict; a change to
    anything signed, the proof value included, does not."""
    from kiosk.verification.jsonld.canonicalize import canonicalize

    try:
        before, after = json.loads(seed), json.loads(mutated)
    except ValueError:
        return seed.strip() == mutated.strip()
    if before == after:
        return True
    if not (isinstance(before, dict) and isinstance(after, dict)):
        return False
    try:
        return canonicalize(_proofs_once(before)) == canonicalize(_proofs_once(after))
    except Exception:  # not JSON-LD at all: the signed data differs
        return False


def _proofs_once(document: dict[str, object]) -> dict[str, object]:
    unique: list[object] = []
    for proof in _as_list(document.get("proof")):
        if proof not in unique:
            unique.append(proof)
    return {**document, "proof": unique[0] if len(unique) == 1 else unique}


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def run_one(
    seed: bytes, seed_verified: bool, mutated: bytes, context: VerificationContext
) -> tuple[VerificationReport | None, Finding | None]:
    """Verify `mutated` and check the invariants; the report and the first finding, if any."""
    records = _Records()
    root = logging.getLogger()
    root.addHandler(records)
    stderr = io.StringIO()
    started = time.monotonic()
    try:
        with contextlib.redirect_stderr(stderr):
            report = verify_payload(mutated, context)
    except Exception as error:  # the invariant under test
        return None, Finding("raised", f"raised {_where(error)}", repr(error)[:300])
    finally:
        root.removeHandler(records)
    elapsed = time.monotonic() - started
    if records.records:
        record = records.records[0]
        place = _where(record.exc_info[1]) if record.exc_info and record.exc_info[1] else ""
        return report, Finding("logged", f"logged {record.getMessage()} {place}", place)
    if stderr.getvalue():
        return report, Finding("stderr", "stderr", stderr.getvalue()[:300])
    if elapsed > DEADLINE_SECONDS:
        return report, Finding("hang", "hang", f"{elapsed:.1f} s")
    if (
        seed_verified
        and report.verdict is Verdict.VERIFIED
        and not _signed_data_unchanged(seed, mutated)
    ):
        return report, Finding("verified", "verified after mutation", mutated[:300].hex())
    try:
        assert_every_output_clean(report)
    except AssertionError as error:
        return report, Finding("text", "unsanitised text", str(error)[:300])
    return report, None


FAVOURED = ("made/", "demo/")
"""Seeds made with real keys here and the demo credentials: they verify, so their mutations
test invariant 4; a third of the cases start from one of them."""


def case(seeds: tuple[tuple[str, bytes], ...], number: int) -> tuple[str, bytes, bytes]:
    """Fuzz case `number`: which seed, and its mutation (deterministic)."""
    rng = random.Random(number)
    favoured = [item for item in seeds if item[0].startswith(FAVOURED)]
    pool = favoured if favoured and rng.random() < 1 / 3 else seeds
    name, seed = pool[rng.randrange(len(pool))]
    mutated = seed
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        mutated = mutate(mutated, rng)
    return name, seed, mutated
