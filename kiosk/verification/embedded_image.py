"""An achievement's image, only when the signed data embeds it as a `data:` URI.

A remote image is never fetched (fetching would tell a third party who is being checked, and
what it returns is not what was signed); it is named as not shown. Embedded images are capped:
the base64 text before decoding, the bytes after, and the media type must be a raster image the
terminal preview can draw.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote_to_bytes

from kiosk.verification.achievement_details import EmbeddedImage

MAX_IMAGE_BYTES = 64 * 1024
"""Largest embedded image drawn, in decoded bytes."""
MEDIA_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})
REMOTE_NOTE = "The achievement's image is stored elsewhere and is not fetched."


def read_image(uris: tuple[str, ...]) -> tuple[EmbeddedImage | None, str]:
    """The first embedded image among `uris` (an achievement's `image` ids), and a note saying
    why none is shown when the achievement names an image that is not drawn."""
    note = ""
    for uri in uris:
        if not uri.lower().startswith("data:"):
            note = note or REMOTE_NOTE
            continue
        image, problem = _decode(uri)
        if image is not None:
            return image, ""
        note = problem
    return None, note


def _decode(uri: str) -> tuple[EmbeddedImage | None, str]:
    header, comma, body = uri[5:].partition(",")
    if not comma:
        return None, "The achievement's embedded image is malformed."
    parts = [p.strip().lower() for p in header.split(";")]
    media_type = parts[0] or "text/plain"
    if media_type not in MEDIA_TYPES:
        return None, "The achievement's embedded image is not a PNG, JPEG or GIF picture."
    if len(body) > MAX_IMAGE_BYTES * 4 // 3 + 4 * 3:
        return None, "The achievement's embedded image is too large to show."
    try:
        data = (
            base64.b64decode(body, validate=True)
            if "base64" in parts[1:]
            else unquote_to_bytes(body)
        )
    except (binascii.Error, ValueError):
        return None, "The achievement's embedded image is malformed."
    if len(data) > MAX_IMAGE_BYTES:
        return None, "The achievement's embedded image is too large to show."
    return EmbeddedImage(media_type, data), ""
