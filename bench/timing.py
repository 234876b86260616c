"""Timing shared by the benchmarks: warm-up, n timed calls, several runs, median of medians."""

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
