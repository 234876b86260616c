"""Timing shared by the benchmarks: warm-up, n timed calls, several runs, median of medians.

Sides that are compared (kiosk, floor, peer) are measured interleaved: `Rounds` runs one block
of each side in turn, then again, so a machine that slows down or speeds up mid-run affects
every side alike; each ratio is taken within a round and the median of those is reported.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timing:
    """One function's figures, in milliseconds."""

    first_ms: float
    """The first call in this process (cold caches)."""
    median_ms: float
    """The median of the run medians: the figure to compare."""
    run_medians: tuple[float, ...]


def time_runs(fn: Callable[[], object], n: int, warmup: int, runs: int) -> Timing:
    """Call `fn` once cold, then `runs` times: `warmup` untimed calls and `n` timed ones."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    medians = []
    for _ in range(runs):
        for _ in range(warmup):
            fn()
        samples = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
        medians.append(statistics.median(samples))
    return Timing(first, statistics.median(medians), tuple(medians))


def joined(values: tuple[float, ...] | list[float]) -> str:
    """Run medians as "1.23, 1.25, 1.22"."""
    return ", ".join(f"{v:.2f}" for v in values)


def block_median_ms(fn: Callable[[], object], n: int, warmup: int) -> float:
    """One block: `warmup` untimed calls, then the median of `n` timed ones, in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


class Rounds:
    """Block medians per side, one per round, recorded as the rounds run."""

    def __init__(self) -> None:
        self._medians: dict[str, dict[int, float]] = {}
        """side -> round number -> that round's block median."""
        self._first: dict[str, float] = {}

    def first_call(self, side: str, fn: Callable[[], object]) -> None:
        """Time the first (cold) call of `side`."""
        start = time.perf_counter()
        fn()
        self._first[side] = (time.perf_counter() - start) * 1000

    def record(self, side: str, round_number: int, median_ms: float | None) -> None:
        """`side`'s block median in round `round_number` (None: it could not run this round)."""
        if median_ms is not None:
            self._medians.setdefault(side, {})[round_number] = median_ms

    def timing(self, side: str) -> Timing | None:
        medians = tuple(self._medians.get(side, {}).values())
        if not medians:
            return None
        return Timing(self._first.get(side, medians[0]), statistics.median(medians), medians)

    def ratio(self, side: str, baseline: str) -> float | None:
        """The median over rounds of `side` / `baseline`, each pair from the same round."""
        mine, theirs = self._medians.get(side, {}), self._medians.get(baseline, {})
        ratios = [mine[r] / theirs[r] for r in mine.keys() & theirs.keys() if theirs[r] > 0]
        return statistics.median(ratios) if ratios else None
