"""`kiosk decode IMAGE...`: what is in these QR codes? (support staff, decoder measurements)."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

from kiosk.cli import dump_json
from payloads.safe_text import safe_text
from scanners.qr_decoder import DecodeError, decode_image_file


def run_decode(images: list[Path], as_json: bool) -> int:
    """Print each code found in each image. Exit 0 when every image held a code, else 1."""
    found: list[dict[str, object]] = []
    all_had_codes = True
    for image in images:
        try:
            codes = decode_image_file(image)
        except DecodeError as error:
            all_had_codes = False
            print(f"{safe_text(str(image))}: {error.reason}", file=sys.stderr)
            continue
        all_had_codes &= bool(codes)
        if not codes and not as_json:
            print(f"{safe_text(str(image))}: no QR code found")
        for code in codes:
            found.append(
                {
                    "image": str(image),
                    "base64": base64.b64encode(code.data).decode("ascii"),
                    "text": code.text,
                    "decoder": code.decoder,
                    "position": [list(point) for point in code.position],
                }
            )
            if not as_json:
                shown = safe_text(code.text) if code.text is not None else "(binary)"
                print(
                    f"{safe_text(str(image))}: {len(code.data)} bytes via {code.decoder}: {shown}"
                )
    if as_json:
        print(dump_json(found))
    return 0 if all_had_codes else 1
