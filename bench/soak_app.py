"""Memory over time: the kiosk app in demo mode, headless, its RSS sampled (a bench, not a test).

    .venv/bin/python bench/soak_app.py [--minutes 60] [--every 30] [--tracemalloc]

Runs the real app (`make_app` on the demo images, offline, in a scratch data folder) under
Textual's headless driver at 110x40, with short demo and verdict times so it verifies a code
every few seconds, and prints the process's resident set size every `--every` seconds, then
the growth per minute after the warm-up (the first fifth). `--tracemalloc` also prints the
allocation sites that grew most between the end of the warm-up and the end; `--objects` the
Python object types whose live count grew most over the same span.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb(pid: int | str = "self") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child_pids(pid: int) -> list[int]:
    """Every descendant of `pid` (the verification worker and its fork server)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *child_pids(child)]
    return found


def children_rss_mb() -> float:
    return sum(rss_mb(child) for child in child_pids(os.getpid()))


def object_counts() -> collections.Counter[str]:
    gc.collect()
    return collections.Counter(type(item).__qualname__ for item in gc.get_objects())


async def soak(minutes: float, every: float, trace: bool, objects: bool = False) -> None:
    from kiosk.app.app import make_app
    from kiosk.demo_frames import frame_source_for
    from kiosk.settings import KioskSettings

    settings = (
        KioskSettings(offline=True, return_after_seconds=2.0, demo_interval_seconds=3.0, demo=True)
        if "demo" in KioskSettings.__dataclass_fields__
        else KioskSettings(offline=True, return_after_seconds=2.0, demo_interval_seconds=3.0)
    )
    app = make_app(settings, frame_source_for(settings))
    samples: list[tuple[float, float]] = []
    warm_snapshot = None
    warm_objects: collections.Counter[str] | None = None
    async with app.run_test(size=(110, 40)):
        start = time.monotonic()
        end = start + minutes * 60
        warm_until = start + minutes * 60 / 5
        while time.monotonic() < end:
            await asyncio.sleep(every)
            elapsed = (time.monotonic() - start) / 60
            samples.append((elapsed, rss_mb()))
            print(
                f"{elapsed:7.2f} min  RSS {samples[-1][1]:7.1f} MB  "
                f"(worker processes {children_rss_mb():6.1f} MB)",
                flush=True,
            )
            if trace and warm_snapshot is None and time.monotonic() >= warm_until:
                warm_snapshot = tracemalloc.take_snapshot()
            if objects and warm_objects is None and time.monotonic() >= warm_until:
                warm_objects = object_counts()
        if trace and warm_snapshot is not None:
            final = tracemalloc.take_snapshot()
            for stat in final.compare_to(warm_snapshot, "traceback")[:12]:
                print(stat)
                for line in stat.traceback.format()[-8:]:
                    print("   ", line)
        if warm_objects is not None:
            grown = object_counts()
            grown.subtract(warm_objects)
            for name, count in grown.most_common(15):
                print(f"  {count:+8d}  {name}")
        warm = [s for s in samples if s[0] >= minutes / 5]
        if len(warm) >= 2:
            (t0, r0), (t1, r1) = warm[0], warm[-1]
            growth = (r1 - r0) / (t1 - t0)
            print(f"after warm-up: {r0:.1f} MB -> {r1:.1f} MB, {growth:+.2f} MB/min", flush=True)
        os._exit(0)  # the report is out; skip tearing down the running workers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--every", type=float, default=30)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--objects", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.environ[name] = str(Path(scratch) / name.lower())
        if args.tracemalloc:
            tracemalloc.start(8)
        asyncio.run(soak(args.minutes, args.every, args.tracemalloc, args.objects))


if __name__ == "__main__":
    main()
