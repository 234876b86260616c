"""Camera-like frames for the benchmarks, and the decoder's success rate per distortion.

A QR code (segno, byte mode, error correction M) is printed on a card, or shown on a phone's
lit screen, placed in a 1280x720 picture of a room with a perspective warp, softened by a
webcam lens (0.6 px blur) and sensor noise, then given one distortion:

    clean        code 560-640 px, tilted up to 4 degrees
    small        code 290-340 px (held further away)
    rotate       15-75 degrees plus a multiple of 90, code 470-500 px
    perspective  15-25 % keystone and jittered corners
    blur         defocus, Gaussian sigma 1.6-2.2 px
    motion       9-13 px linear motion blur
    noise        sensor noise sigma 18-24
    lowcontrast  modules about 100 against 145 grey
    glare        a saturated highlight 10-16 % of the code wide, over the code
    phone        a phone's lit screen in a dark room: bloom and faint moire
    inverted     light modules on dark (dark-mode wallets)
    jpeg         MJPEG quality 30-44
    combo        8-15 % tilt, blur 1-1.3, noise 7, uneven light and JPEG 55

Everything is seeded: `make_frame(payload, distortion, seed)` returns the same pixels every
time. Run this file to measure `scanners.decode_qr` on every distortion:

    .venv/bin/python bench/frames.py [--seeds 8] [--write DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import segno
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scanners import decode_qr  # noqa: E402
from scanners._opencv import cv2  # noqa: E402

WIDTH, HEIGHT = 1280, 720
DISTORTIONS = (
    "clean",
    "small",
    "rotate",
    "perspective",
    "blur",
    "motion",
    "noise",
    "lowcontrast",
    "glare",
    "phone",
    "inverted",
    "jpeg",
    "combo",
)
Image = NDArray[np.uint8]
Corners = NDArray[np.float32]


def demo_payloads() -> dict[str, bytes]:
    """The payloads measured: the demo credential (JSON) and a 300-byte wallet link."""
    credential = (ROOT / "kiosk" / "demo" / "credentials" / "01-valid.json").read_bytes().strip()
    link = ("https://wallet.example.org/c/" + "9f2c4e1a" * 34)[:300].encode()
    return {"demo-json": credential, "url300": link}


def code_card(payload: bytes, *, px: int = 6, dark: int = 30, light: int = 225) -> Image:
    """The code as printed: `px` pixels per module, a 4-module quiet zone."""
    code = segno.make(payload, mode="byte", error="m", micro=False, boost_error=False)
    modules = np.array([list(row) for row in code.matrix], dtype=np.uint8)
    card = np.where(modules == 1, dark, light).astype(np.uint8)
    card = np.pad(card, 4, constant_values=light)
    return np.kron(card, np.ones((px, px), dtype=np.uint8))


def room(rng: np.random.Generator, brightness: float = 1.0) -> NDArray[np.float32]:
    """A grey-green room: soft blotches, a light gradient and fine grain (float, 0-255)."""
    blotches = rng.normal(125, 28, (HEIGHT // 48 + 1, WIDTH // 48 + 1)).astype(np.float32)
    scene = cv2.resize(blotches, (WIDTH, HEIGHT), interpolation=cv2.INTER_CUBIC)
    ramp = np.linspace(0.85, 1.1, WIDTH, dtype=np.float32)[None, :]
    scene = scene * ramp + rng.normal(0, 5, (HEIGHT, WIDTH)).astype(np.float32)
    return np.clip(scene * brightness, 0, 255)


def square(rng: np.random.Generator, side: float, angle: float) -> Corners:
    """Corners (TL, TR, BR, BL) of a `side` square turned by `angle` degrees, inside the frame."""
    half = side / 2
    radius = half * math.sqrt(2)
    cx = rng.uniform(radius + 10, WIDTH - radius - 10)
    cy = rng.uniform(min(radius + 10, HEIGHT / 2), max(HEIGHT - radius - 10, HEIGHT / 2))
    theta = math.radians(angle)
    cos, sin = math.cos(theta), math.sin(theta)
    points = [(-half, -half), (half, -half), (half, half), (-half, half)]
    return np.array(
        [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in points], dtype=np.float32
    )


def keystone(corners: Corners, rng: np.random.Generator, amount: float) -> Corners:
    """Shrink one edge by `amount` of its length (a card tilted away) and jitter the corners."""
    tilted = corners.copy()
    edge = int(rng.integers(0, 4))
    a, b = edge, (edge + 1) % 4
    shift = (tilted[b] - tilted[a]) * amount / 2
    tilted[a] += shift
    tilted[b] -= shift
    side = float(np.linalg.norm(corners[1] - corners[0]))
    tilted += rng.normal(0, side * 0.01, tilted.shape).astype(np.float32)
    return tilted


def paste(scene: NDArray[np.float32], card: Image, corners: Corners) -> NDArray[np.float32]:
    """Warp `card` onto `corners` of `scene` (float), with anti-aliased edges."""
    h, w = card.shape
    source = np.array([(0, 0), (w, 0), (w, h), (0, h)], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners)
    warped = cv2.warpPerspective(card.astype(np.float32), matrix, (WIDTH, HEIGHT))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (WIDTH, HEIGHT))
    return scene * (1 - mask) + warped * mask


def camera(scene: NDArray[np.float32], rng: np.random.Generator) -> Image:
    """What every webcam adds: a little lens blur and sensor noise; BGR with a warm cast."""
    soft = cv2.GaussianBlur(scene, (0, 0), 0.6)
    soft += rng.normal(0, 2.5, soft.shape).astype(np.float32)
    grey = np.clip(soft, 0, 255)
    tint = np.array([0.97, 1.0, 1.03], dtype=np.float32)
    return np.clip(grey[:, :, None] * tint, 0, 255).astype(np.uint8)


def jpeg(image: Image, quality: int) -> Image:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    decoded: Image = cv2.imdecode(encoded, cv2.IMREAD_COLOR)
    return decoded


def motion_blur(image: Image, length: int, angle: float) -> Image:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rotation = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (length, length))
    kernel /= kernel.sum()
    blurred: Image = cv2.filter2D(image, -1, kernel)
    return blurred


def make_frame(payload: bytes, distortion: str, seed: int) -> Image:
    """A 1280x720 BGR frame of `payload` under one distortion (deterministic for a seed)."""
    if distortion not in DISTORTIONS:
        raise ValueError(f"unknown distortion {distortion!r}")
    rng = np.random.default_rng([seed, DISTORTIONS.index(distortion), len(payload)])
    dark, light = (100, 145) if distortion == "lowcontrast" else (30, 225)
    if distortion == "inverted":
        dark, light = light, dark
    card = code_card(payload, dark=dark, light=light)
    side = {"small": rng.uniform(290, 340), "rotate": rng.uniform(470, 500)}.get(
        distortion, rng.uniform(560, 640)
    )
    angle = rng.uniform(-4, 4)
    if distortion == "rotate":
        angle = rng.uniform(15, 75) + 90 * int(rng.integers(0, 4))
    corners = square(rng, side, angle)
    if distortion == "perspective":
        corners = keystone(corners, rng, rng.uniform(0.15, 0.25))
    elif distortion == "combo":
        corners = keystone(corners, rng, rng.uniform(0.08, 0.15))
    if distortion == "phone":
        scene = room(rng, brightness=0.3)
        body = np.full((card.shape[0] + 80, card.shape[1] + 40), 18, np.uint8)
        body[40:-40, 20:-20] = np.clip(card.astype(np.int16) + 10, 0, 255).astype(np.uint8)
        grow = (body.shape[0] / card.shape[0], body.shape[1] / card.shape[1])
        centre = corners.mean(axis=0)
        phone_corners = centre + (corners - centre) * np.array([grow[1], grow[0]], np.float32)
        scene = paste(scene, body, phone_corners.astype(np.float32))
        bloom = cv2.GaussianBlur(np.where(scene > 150, scene, 0), (0, 0), 6)
        scene = scene + 0.35 * bloom
        yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
        scene *= 1 + 0.03 * np.sin((xx * 0.9 + yy * 0.4) * 0.7)
    else:
        scene = paste(room(rng), card, corners)
    if distortion == "glare":
        centre = corners.mean(axis=0) + rng.uniform(-0.25, 0.25, 2) * side
        radius = side * rng.uniform(0.10, 0.16)
        yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
        distance = np.hypot(xx - centre[0], yy - centre[1])
        scene += 400 * np.exp(-((distance / radius) ** 4))
    if distortion == "combo":
        yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
        scene *= 0.75 + 0.35 * (xx / WIDTH)
        scene = cv2.GaussianBlur(scene, (0, 0), rng.uniform(1.0, 1.3))
        scene += rng.normal(0, 7, scene.shape).astype(np.float32)
    if distortion == "blur":
        scene = cv2.GaussianBlur(scene, (0, 0), rng.uniform(1.6, 2.2))
    if distortion == "noise":
        scene += rng.normal(0, rng.uniform(18, 24), scene.shape).astype(np.float32)
    frame = camera(scene, rng)
    if distortion == "motion":
        frame = motion_blur(frame, int(rng.integers(9, 14)), rng.uniform(0, 180))
    if distortion == "jpeg":
        frame = jpeg(frame, int(rng.integers(30, 45)))
    if distortion == "combo":
        frame = jpeg(frame, 55)
    return frame


def success_table(
    payloads: dict[str, bytes],
    seeds: int,
    decode: Callable[[Image], list[bytes]],
) -> tuple[dict[str, dict[str, int]], list[float]]:
    """Decoded frames per distortion and payload (out of `seeds`), and every decode time (ms)."""
    table: dict[str, dict[str, int]] = {d: dict.fromkeys(payloads, 0) for d in DISTORTIONS}
    times: list[float] = []
    for distortion in DISTORTIONS:
        for name, payload in payloads.items():
            for seed in range(seeds):
                frame = make_frame(payload, distortion, seed)
                started = time.perf_counter()
                found = decode(frame)
                times.append((time.perf_counter() - started) * 1000)
                table[distortion][name] += payload in found
    return table, times


def main() -> int:
    parser = argparse.ArgumentParser(description="decode_qr success rate per distortion")
    parser.add_argument("--seeds", type=int, default=8, help="frames per distortion and payload")
    parser.add_argument("--write", type=Path, help="also save seed-0 frames as JPEG here")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    args = parser.parse_args()
    cv2.setNumThreads(1)
    payloads = demo_payloads()
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for distortion in DISTORTIONS:
            for name, payload in payloads.items():
                frame = make_frame(payload, distortion, 0)
                cv2.imwrite(str(args.write / f"{name}-{distortion}.jpg"), frame)

    def decode(frame: Image) -> list[bytes]:
        return [code.data for code in decode_qr(frame)]

    table, times = success_table(payloads, args.seeds, decode)
    if args.json:
        print(json.dumps(table, indent=2))
        return 0
    sizes = ", ".join(
        f"{name} {len(p)} B (QR {segno.make(p, mode='byte', error='m', micro=False).designator})"
        for name, p in payloads.items()
    )
    print(f"scanners.decode_qr on 1280x720 frames; {args.seeds} seeds per cell; {sizes}")
    print(f"{'distortion':12} " + " ".join(f"{name:>10}" for name in payloads) + f" {'all':>6}")
    total = 0
    for distortion, row in table.items():
        cells = " ".join(f"{100 * row[name] / args.seeds:9.0f}%" for name in payloads)
        hits = sum(row.values())
        total += hits
        print(f"{distortion:12} {cells} {100 * hits / (args.seeds * len(payloads)):5.0f}%")
    frames = args.seeds * len(payloads) * len(DISTORTIONS)
    print(f"{'all':12} {'':>{11 * len(payloads) - 1}} {100 * total / frames:5.0f}%")
    print(
        f"decode time per frame: median {np.median(times):.1f} ms, "
        f"p95 {np.percentile(times, 95):.1f} ms ({frames} frames)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
