"""Provides ``read_image_file``: PNG/JPEG files read into pixels, refusing hostile files.

Only PNG and JPEG are accepted (OpenCV can parse many more formats; fewer parsers means
less attack surface). Before any pixel is decoded the file size is capped, the header is
checked and the image dimensions are read from it, so an image above
``MAX_IMAGE_PIXELS`` (a decompression bomb) is refused without allocating it. PNG chunk
checksums are verified first as well: libpng reports damaged PNGs by printing to the
process's stderr, which would scribble over the kiosk screen.

Every failure raises ``ImageFileError`` whose ``reason`` names the file.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from payloads.safe_text import safe_text
from scanners._opencv import cv2

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
"""File name endings (lower case) treated as images when a folder is expanded."""

MAX_IMAGE_PIXELS = 40_000_000
"""Largest image accepted, in pixels (40 megapixels)."""

MAX_IMAGE_FILE_BYTES = 64 * 1024 * 1024
"""Largest image file accepted, in bytes."""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SOI = b"\xff\xd8"
# Start-of-frame markers that carry the image size (not DHT C4, JPG C8, DAC CC).
_JPEG_SOF = frozenset(
    {*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC), *range(0xCD, 0xD0)}
)
_JPEG_STANDALONE = frozenset({0x01, 0xD8, *range(0xD0, 0xD8)})


class ImageFileError(Exception):
    """An image file cannot be used; ``reason`` is one plain sentence naming the file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def display_name(path: str | os.PathLike[str]) -> str:
    """Return ``path`` as printable ASCII, safe to show in a message."""
    return safe_text(os.fspath(path), 120)


def _png_size(data: bytes, name: str) -> tuple[int, int]:
    damaged = ImageFileError(f"{name} is a damaged or incomplete PNG image.")
    pos = len(_PNG_SIGNATURE)
    size: tuple[int, int] | None = None
    while True:
        if pos + 12 > len(data):
            raise damaged
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if length > 0x7FFFFFFF or end > len(data):
            raise damaged
        body = data[pos + 8 : pos + 8 + length]
        (stored_crc,) = struct.unpack_from(">I", data, pos + 8 + length)
        if zlib.crc32(kind + body) != stored_crc:
            raise damaged
        if size is None:
            if kind != b"IHDR" or length != 13:
                raise damaged
            size = struct.unpack_from(">II", body)
        if kind == b"IEND":
            return size
        pos = end


def _jpeg_size(data: bytes, name: str) -> tuple[int, int]:
    damaged = ImageFileError(f"{name} is a damaged or incomplete JPEG image.")
    pos = len(_JPEG_SOI)
    while pos < len(data):
        if data[pos] != 0xFF:
            raise damaged
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1  # fill bytes
        if pos >= len(data):
            break
        marker = data[pos]
        pos += 1
        if marker in _JPEG_STANDALONE:
            continue
        if marker in (0xD9, 0xDA) or pos + 2 > len(data):
            break  # end of image or scan data before any frame header
        (length,) = struct.unpack_from(">H", data, pos)
        if length < 2 or pos + length > len(data):
            break
        if marker in _JPEG_SOF:
            if length < 7:
                break
            height, width = struct.unpack_from(">HH", data, pos + 3)
            return width, height
        pos += length
    raise damaged


def image_size(data: bytes, name: str = "The image") -> tuple[int, int]:
    """Return ``(width, height)`` of PNG or JPEG ``data`` from its header.

    Raises ``ImageFileError`` when ``data`` is not a PNG or JPEG image or is damaged.
    """
    if data.startswith(_PNG_SIGNATURE):
        width, height = _png_size(data, name)
    elif data.startswith(_JPEG_SOI):
        width, height = _jpeg_size(data, name)
    else:
        raise ImageFileError(f"{name} is not a PNG or JPEG image.")
    if width == 0 or height == 0:
        raise ImageFileError(f"{name} has no pixels (its header says {width}x{height}).")
    return width, height


def _normalise(image: NDArray[np.generic], name: str) -> NDArray[np.uint8]:
    """Make a decoded image 8-bit BGR or 8-bit grey; transparency is laid on white."""
    if image.dtype == np.uint16:
        image = (image.astype(np.uint16) >> 8).astype(np.uint8)
    if image.dtype != np.uint8 or image.ndim not in (2, 3):
        raise ImageFileError(f"{name} uses a pixel format this kiosk cannot read.")
    pixels: NDArray[np.uint8] = image.astype(np.uint8, copy=False)
    if pixels.ndim == 2:
        return pixels
    channels = pixels.shape[2]
    if channels == 1:
        return np.ascontiguousarray(pixels[:, :, 0])
    if channels == 3:
        return pixels
    if channels == 4:
        alpha = pixels[:, :, 3:4].astype(np.uint16)
        colour = pixels[:, :, :3].astype(np.uint16)
        blended = (colour * alpha + 255 * (255 - alpha) + 127) // 255
        return blended.astype(np.uint8)
    raise ImageFileError(f"{name} uses a pixel format this kiosk cannot read.")


def decode_image_bytes(
    data: bytes, name: str = "The image", *, max_pixels: int = MAX_IMAGE_PIXELS
) -> NDArray[np.uint8]:
    """Decode PNG or JPEG ``data`` to 8-bit BGR (or grey); raises ``ImageFileError``."""
    width, height = image_size(data, name)
    if width * height > max_pixels:
        raise ImageFileError(
            f"{name} is {width}x{height} pixels ({width * height / 1e6:.1f} megapixels); "
            f"the limit is {max_pixels / 1e6:g} megapixels."
        )
    buffer = np.frombuffer(data, dtype=np.uint8)
    try:
        decoded = cv2.imdecode(buffer, cv2.IMREAD_UNCHANGED)
    except cv2.error as exc:
        raise ImageFileError(f"{name} is a damaged image.") from exc
    if decoded is None or decoded.size == 0:
        raise ImageFileError(f"{name} is a damaged or incomplete image.")
    if decoded.shape[0] * decoded.shape[1] > max_pixels:  # header and pixels disagree
        raise ImageFileError(f"{name} is a damaged image.")
    return _normalise(np.asarray(decoded), name)


def read_image_file(
    path: str | os.PathLike[str],
    *,
    max_pixels: int = MAX_IMAGE_PIXELS,
    max_file_bytes: int = MAX_IMAGE_FILE_BYTES,
) -> NDArray[np.uint8]:
    """Read a PNG or JPEG file into 8-bit BGR (or grey) pixels.

    Raises ``ImageFileError`` (naming the file) when the file is missing, unreadable,
    larger than ``max_file_bytes``, not PNG/JPEG, damaged, or above ``max_pixels``.
    """
    name = display_name(path)
    try:
        with Path(path).open("rb") as file:
            data = file.read(max_file_bytes + 1)
    except OSError as exc:
        why = (exc.strerror or type(exc).__name__).lower()
        raise ImageFileError(f"{name} cannot be read: {why}.") from exc
    if len(data) > max_file_bytes:
        raise ImageFileError(
            f"{name} is larger than {max_file_bytes} bytes, the limit for an image file."
        )
    return decode_image_bytes(data, name, max_pixels=max_pixels)
