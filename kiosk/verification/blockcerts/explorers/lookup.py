"""Asking every configured explorer about a transaction, and the agreement rule.

The rule (docs/blockcerts.md):

- Every explorer configured for the chain is asked at once (one per operator: two explorers on
  the same host count once), each through the guarded fetcher, each within its time limits.
- **Agreed**: at least `MIN_AGREEING` (2) explorers of different operators found the
  transaction and agree on its data (OP_RETURN / input data), its paying address and its block;
  no explorer said it does not exist; no two found answers differ. Confirmations are the
  fewest any of them reports.
- **Disagree**: two explorers gave different answers (different data, address or block; or one
  found it and another says it does not exist). Both answers are kept for the reason.
- **Not found**: at least two explorers said they do not know the transaction, none found it.
- **Too few**: fewer than two usable answers (down, slow, rate-limited, malformed) — or fewer
  than two operators configured. The anchor is then not checked (unless a cached copy helps).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from enum import StrEnum

from kiosk.net import GuardedFetcher
from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.explorers import blockcypher, esplora, etherscan
from kiosk.verification.blockcerts.explorers.base import (
    ExplorerApi,
    ExplorerEndpoint,
    ExplorerFailure,
    TxFacts,
)

log = logging.getLogger(__name__)

MIN_AGREEING = 2
"""Independent explorers that must agree before an anchor is believed."""
MAX_EXPLORERS = 5
"""At most this many explorers are asked about one transaction."""

LookUp = Callable[[ExplorerEndpoint, str, GuardedFetcher], TxFacts]
LOOK_UPS: dict[ExplorerApi, LookUp] = {
    ExplorerApi.ESPLORA: esplora.look_up,
    ExplorerApi.BLOCKCYPHER: blockcypher.look_up,
    ExplorerApi.ETHERSCAN: etherscan.look_up,
}


class Outcome(StrEnum):
    AGREED = "agreed"
    DISAGREE = "disagree"
    NOT_FOUND = "not found"
    TOO_FEW = "too few answers"
    NO_EXPLORERS = "no explorers"


@dataclass(frozen=True, slots=True)
class ExplorerAnswer:
    """What one explorer said: the facts, or why there are none."""

    endpoint: ExplorerEndpoint
    facts: TxFacts | None = None
    failure: str = ""
    not_found: bool = False

    def line(self) -> str:
        """One detail line: "blockstream.info (esplora): data 71fd…, from mj9W…, block 4200000"."""
        said = self.facts.summary() if self.facts is not None else self.failure
        return f"{self.endpoint.operator} ({self.endpoint.api.value}): {said}"


@dataclass(frozen=True, slots=True)
class TransactionLookup:
    """The explorers' combined answer about one transaction."""

    outcome: Outcome
    answers: tuple[ExplorerAnswer, ...] = ()
    facts: TxFacts | None = None
    """The agreed facts (only for `Outcome.AGREED`), with the fewest confirmations reported."""

    def details(self) -> tuple[str, ...]:
        return tuple(answer.line() for answer in self.answers)


def explorers_for(chain: Chain, endpoints: tuple[ExplorerEndpoint, ...]) -> list[ExplorerEndpoint]:
    """The configured explorers for `chain`, one per operator, at most `MAX_EXPLORERS`."""
    chosen: list[ExplorerEndpoint] = []
    operators: set[str] = set()
    for endpoint in endpoints:
        if endpoint.chain is chain and endpoint.operator not in operators:
            chosen.append(endpoint)
            operators.add(endpoint.operator)
    return chosen[:MAX_EXPLORERS]


def look_up_transaction(
    chain: Chain,
    tx_id: str,
    endpoints: tuple[ExplorerEndpoint, ...],
    fetcher: GuardedFetcher,
) -> TransactionLookup:
    """Ask every explorer configured for `chain` about `tx_id` (in parallel) and apply the rule."""
    chosen = explorers_for(chain, endpoints)
    if not chosen:
        return TransactionLookup(Outcome.NO_EXPLORERS)
    others = [_explorer_pool().submit(_ask, endpoint, tx_id, fetcher) for endpoint in chosen[1:]]
    first = _ask(chosen[0], tx_id, fetcher)  # asked here meanwhile: one thread fewer
    return decide((first, *(future.result() for future in others)))


@functools.cache
def _explorer_pool() -> ThreadPoolExecutor:
    """Threads kept for asking explorers together (starting threads per lookup costs ~1 ms)."""
    return ThreadPoolExecutor(max_workers=MAX_EXPLORERS, thread_name_prefix="explorer")


def decide(answers: tuple[ExplorerAnswer, ...]) -> TransactionLookup:
    """The agreement rule over the explorers' answers (see the module docstring)."""
    found = [answer for answer in answers if answer.facts is not None]
    missing = [answer for answer in answers if answer.not_found]
    if found:
        first = found[0].facts
        assert first is not None
        if missing or any(
            answer.facts is not None and not answer.facts.same_transaction_as(first)
            for answer in found[1:]
        ):
            return TransactionLookup(Outcome.DISAGREE, answers)
        if len(found) < MIN_AGREEING:
            return TransactionLookup(Outcome.TOO_FEW, answers)
        fewest = min(answer.facts.confirmations for answer in found if answer.facts is not None)
        return TransactionLookup(Outcome.AGREED, answers, replace(first, confirmations=fewest))
    if len(missing) >= MIN_AGREEING:
        return TransactionLookup(Outcome.NOT_FOUND, answers)
    return TransactionLookup(Outcome.TOO_FEW, answers)


def _ask(endpoint: ExplorerEndpoint, tx_id: str, fetcher: GuardedFetcher) -> ExplorerAnswer:
    try:
        facts = LOOK_UPS[endpoint.api](endpoint, tx_id, fetcher)
    except ExplorerFailure as failure:
        return ExplorerAnswer(endpoint, failure=failure.reason, not_found=failure.not_found)
    except Exception:  # an explorer must never crash the kiosk: its answer is just unusable
        log.exception("explorer %s raised unexpectedly", endpoint)
        return ExplorerAnswer(endpoint, failure="could not be read (internal error)")
    return ExplorerAnswer(endpoint, facts)
