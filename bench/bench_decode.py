"""Benchmark: ``scanners.decode_qr`` against a bare zxing-cpp call on camera-like frames.

Renders a few 1280x720 frames (a ~1.5 KB JSON credential as a segno QR code pasted onto
a grey textured background, slight blur and sensor noise; seeded, so reproducible), then
times, in the same run and interleaved frame by frame:

* raw:   ``zxingcpp.read_barcodes(grey, formats=QRCode)`` on a pre-converted grey frame
  (its results turned into a list of bytes, as decode_qr also does)
* decode_qr(grey) and decode_qr(BGR frame), the latter including the grey conversion
* for reference, a frame with no code (the idle case), where decode_qr also asks zbar

and prints median and p95 milliseconds for each and the ratio of medians.

Run:  .venv/bin/python bench/bench_decode.py [--n 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import segno
import zxingcpp
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scanners import decode_qr
from scanners._opencv import cv2

WIDTH, HEIGHT = 1280, 720
QR_FORMATS = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def credential_payload(rng: np.random.Generator, size: int = 1500) -> bytes:
    """A JSON credential-like document padded to about ``size`` bytes."""
    document = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:" + rng.bytes(16).hex(),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:key:z6Mk" + rng.bytes(20).hex(), "name": "Example College"},
        "validFrom": "2026-09-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {"id": "https://example.org/a/1", "name": "Welding level 2"},
        },
        "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"},
    }
    body = json.dumps(document, separators=(",", ":"))
    filler = size - len(body) - len(',"note":""')
    document["note"] = rng.bytes(max(filler, 0) // 2 + 1).hex()[: max(filler, 0)]
    return json.dumps(document, separators=(",", ":")).encode()


def render_frame(payload: bytes | None, seed: int) -> NDArray[np.uint8]:
    """A camera-like 1280x720 BGR frame holding ``payload`` as a QR code (None: a blank card)."""
    rng = np.random.default_rng(seed)
    if payload is None:
        card = np.full((560, 560), 225, dtype=np.uint8)
    else:
        code = segno.make(payload, mode="byte", error="m", micro=False, boost_error=False)
        modules = np.array([list(row) for row in code.matrix], dtype=np.uint8)
        card = np.pad(np.where(modules == 1, 30, 225).astype(np.uint8), 4, constant_values=225)
        card = np.kron(card, np.ones((4, 4), dtype=np.uint8))
    # Grey textured background: low-frequency blotches plus fine grain.
    blotches = rng.normal(120, 25, (HEIGHT // 40, WIDTH // 40)).astype(np.float32)
    scene = cv2.resize(blotches, (WIDTH, HEIGHT), interpolation=cv2.INTER_CUBIC)
    scene += rng.normal(0, 6, (HEIGHT, WIDTH)).astype(np.float32)
    h, w = card.shape
    top = int(rng.integers(0, HEIGHT - h + 1))
    left = int(rng.integers(0, WIDTH - w + 1))
    scene[top : top + h, left : left + w] = card
    scene = cv2.GaussianBlur(scene, (0, 0), 0.8)
    scene += rng.normal(0, 3, scene.shape).astype(np.float32)
    grey = np.clip(scene, 0, 255).astype(np.uint8)
    tint = np.array([1.0, 0.97, 0.93], dtype=np.float32)  # slightly warm light, BGR
    return np.clip(grey[:, :, None] * tint, 0, 255).astype(np.uint8)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="timed decodes per method")
    parser.add_argument("--frames", type=int, default=4, help="distinct frames to cycle")
    args = parser.parse_args()

    cv2.setNumThreads(1)
    rng = np.random.default_rng(20261124)
    payload = credential_payload(rng)
    frames = [render_frame(payload, seed) for seed in range(args.frames)]
    greys = [np.ascontiguousarray(cv2.cvtColor(f, cv2.COLOR_BGR2GRAY)) for f in frames]
    version = segno.make(payload, mode="byte", error="m", micro=False).designator

    def raw(i: int) -> list[bytes]:
        return [bytes(r.bytes) for r in zxingcpp.read_barcodes(greys[i], formats=QR_FORMATS)]

    def ours_grey(i: int) -> list[bytes]:
        return [code.data for code in decode_qr(greys[i])]

    def ours_bgr(i: int) -> list[bytes]:
        return [code.data for code in decode_qr(frames[i])]

    empty = render_frame(None, seed=99)  # the idle case: nothing in view
    empty_grey = np.ascontiguousarray(cv2.cvtColor(empty, cv2.COLOR_BGR2GRAY))

    def raw_empty(_: int) -> list[bytes]:
        return [bytes(r.bytes) for r in zxingcpp.read_barcodes(empty_grey, formats=QR_FORMATS)]

    def ours_empty(_: int) -> list[bytes]:
        return [code.data for code in decode_qr(empty)]

    def ours_empty_no_zbar(_: int) -> list[bytes]:
        return [code.data for code in decode_qr(empty, use_zbar=False)]

    methods: dict[str, Callable[[int], list[bytes]]] = {
        "raw zxingcpp.read_barcodes(grey)": raw,
        "scanners.decode_qr(grey)": ours_grey,
        "scanners.decode_qr(BGR frame)": ours_bgr,
        "no code: raw zxing (grey)": raw_empty,
        "no code: decode_qr (zbar fallback)": ours_empty,
        "no code: decode_qr(use_zbar=False)": ours_empty_no_zbar,
    }
    times: dict[str, list[float]] = {name: [] for name in methods}
    found: dict[str, int] = dict.fromkeys(methods, 0)

    for i in range(len(frames) * 2):  # warm-up
        for method in methods.values():
            method(i % len(frames))
    for i in range(args.n):
        for name, method in methods.items():
            started = time.perf_counter()
            payloads = method(i % len(frames))
            times[name].append((time.perf_counter() - started) * 1000.0)
            found[name] += payload in payloads

    print(
        f"{len(frames)} frames {WIDTH}x{HEIGHT}, payload {len(payload)} bytes "
        f"(QR {version}, 4 px/module), n={args.n} per method, cv2 threads=1"
    )
    print(f"{'method':36} {'median ms':>10} {'p95 ms':>8} {'decoded':>9}")
    medians = {}
    for name, values in times.items():
        medians[name] = float(np.median(values))
        p95 = float(np.percentile(values, 95))
        print(f"{name:36} {medians[name]:10.2f} {p95:8.2f} {found[name]:>5}/{args.n}")
    raw_median = medians["raw zxingcpp.read_barcodes(grey)"]
    for name in ("scanners.decode_qr(grey)", "scanners.decode_qr(BGR frame)"):
        print(f"ratio of medians {name} / raw: {medians[name] / raw_median:.2f}")
    empty_raw = medians["no code: raw zxing (grey)"]
    for name in ("no code: decode_qr (zbar fallback)", "no code: decode_qr(use_zbar=False)"):
        print(f"ratio of medians {name} / raw: {medians[name] / empty_raw:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
