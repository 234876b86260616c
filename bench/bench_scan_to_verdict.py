"""Benchmark: scan to verdict, from a camera-like frame to a `VerificationReport`.

Frames: the bundled demo payloads (`kiosk/demo/credentials/`, the same codes the demo mode
shows) rendered as 1280x720 webcam frames by `bench/frames.py` (clean, perspective, phone
screen and JPEG conditions, several seeds). For each frame, in the same run and interleaved:

* raw     `zxingcpp.read_barcodes(frame, formats=QRCode)` on the BGR frame: the decoder
          library called directly, the floor for decoding (and, for reference, the same call
          on a grey copy made beforehand, i.e. without the colour conversion);
* decode  `scanners.decode_qr(frame)`: what the kiosk's scan loop calls;
* verify  `verify_payload(data, context)` on the decoded bytes (trust lists loaded once,
          as the kiosk does; offline);
* total   decode + verify, timed as one step.

Prints median and p95 in milliseconds for each, the verdicts reached, and decode / raw as a
ratio of medians and of p95s.

    .venv/bin/python bench/bench_scan_to_verdict.py [--n 300] [--seeds 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import zxingcpp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from frames import make_frame  # noqa: E402

from kiosk.context_setup import build_context  # noqa: E402
from kiosk.settings import KioskSettings  # noqa: E402
from kiosk.verification import verify_payload  # noqa: E402
from scanners import decode_qr  # noqa: E402
from scanners._opencv import cv2  # noqa: E402

DEMO = ROOT / "kiosk" / "demo" / "credentials"
CONDITIONS = ("clean", "perspective", "phone", "jpeg")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
QR_FORMATS = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def stats(values: list[float]) -> tuple[float, float]:
    return float(np.median(values)), float(np.percentile(values, 95))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="timed scans")
    parser.add_argument("--seeds", type=int, default=3, help="frames per payload and condition")
    args = parser.parse_args()
    cv2.setNumThreads(1)

    payloads = {path.name: path.read_bytes().strip() for path in sorted(DEMO.iterdir())}
    frames = [
        (name, make_frame(payload, condition, seed))
        for name, payload in payloads.items()
        for condition in CONDITIONS
        for seed in range(args.seeds)
    ]
    context = build_context(KioskSettings(offline=True), now=NOW)

    def raw(frame: np.ndarray) -> list[bytes]:  # type: ignore[type-arg]
        return [bytes(b.bytes) for b in zxingcpp.read_barcodes(frame, formats=QR_FORMATS)]

    greys = [cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) for _, frame in frames]
    times: dict[str, list[float]] = {
        "raw": [],
        "raw-grey": [],
        "decode": [],
        "verify": [],
        "total": [],
    }
    verdicts: Counter[str] = Counter()
    verify_by_payload: dict[str, list[float]] = {name: [] for name in payloads}
    misses = 0
    for warm in range(len(frames)):  # warm-up: caches, JSON-LD contexts, zxing tables
        _, frame = frames[warm]
        for code in decode_qr(frame)[:1]:
            verify_payload(code.data, context)
    for index in range(args.n):
        name, frame = frames[index % len(frames)]
        started = time.perf_counter()
        raw(frame)
        times["raw"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        raw(greys[index % len(frames)])
        times["raw-grey"].append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        codes = decode_qr(frame)
        decoded = time.perf_counter()
        if not codes or codes[0].data != payloads[name]:
            misses += 1
            continue
        report = verify_payload(codes[0].data, context)
        done = time.perf_counter()
        times["decode"].append((decoded - started) * 1000)
        times["verify"].append((done - decoded) * 1000)
        verify_by_payload[name].append((done - decoded) * 1000)
        times["total"].append((done - started) * 1000)
        verdicts[f"{name}: {report.verdict.value}"] += 1

    print(
        f"{len(frames)} frames 1280x720 ({len(payloads)} demo payloads x {CONDITIONS} x "
        f"{args.seeds} seeds), n={args.n}, cv2 threads=1, {misses} frames not decoded"
    )
    print(f"{'step':44} {'median ms':>10} {'p95 ms':>8}")
    labels = {
        "raw": "raw zxingcpp.read_barcodes(frame, QRCode)",
        "raw-grey": "  same, on a grey copy made beforehand",
        "decode": "decode: scanners.decode_qr(frame)",
        "verify": "verify: verify_payload(bytes, context)",
        "total": "scan to verdict (decode + verify)",
    }
    for key, label in labels.items():
        median, p95 = stats(times[key])
        print(f"{label:44} {median:10.2f} {p95:8.2f}")
    raw_median, raw_p95 = stats(times["raw"])
    decode_median, decode_p95 = stats(times["decode"])
    grey_median, grey_p95 = stats(times["raw-grey"])
    print(
        f"decode / raw: {decode_median / raw_median:.2f} (medians), "
        f"{decode_p95 / raw_p95:.2f} (p95); decode / raw on grey (grey conversion not "
        f"counted for raw): {decode_median / grey_median:.2f} (medians), "
        f"{decode_p95 / grey_p95:.2f} (p95)"
    )
    print("verdicts, and verify median per payload:")
    for verdict, count in sorted(verdicts.items()):
        name = verdict.split(":")[0]
        print(f"  {count:4} x {verdict:40} verify {np.median(verify_by_payload[name]):6.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
