"""Provides ``decode_qr`` and ``decode_image_file``: QR codes in pictures, as exact bytes.

zxing-cpp (restricted to QR formats) decodes first; zbar (see ``scanners.zbar_binary``)
is asked only when zxing-cpp found nothing and libzbar is installed. Both hand back the
symbol's raw bytes, so binary, UTF-8 (with or without ECI) and Latin-1 payloads come back
byte-exact. OpenCV is used only to convert colour to grey; its QR detectors are not used
(they do not return raw bytes and fail on large codes).

Errors: ``DecodeError`` (with a plain-sentence ``reason``) for inputs that are not
usable images; finding no code is not an error (empty list).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import zxingcpp
from numpy.typing import NDArray

from scanners._opencv import cv2
from scanners.image_files import (
    MAX_IMAGE_PIXELS,
    ImageFileError,
    decode_image_bytes,
    read_image_file,
)
from scanners.zbar_binary import zbar_decode

ZXING = "zxing-cpp"
ZBAR = "zbar"

# The QR family (QR Code model 1/2, Micro QR, rMQR); scanning all formats is ~7x slower.
_QR_FORMATS = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

_log = logging.getLogger(__name__)


class DecodeError(Exception):
    """An image cannot be decoded at all; ``reason`` is one plain sentence for a person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DecodedCode:
    """One QR code found in an image.

    ``data`` is the exact raw bytes of the symbol; ``text`` is ``data`` decoded as
    UTF-8, or ``None`` when it is not valid UTF-8 (a binary payload); ``decoder`` is
    ``"zxing-cpp"`` or ``"zbar"``; ``position`` holds the corner points in image pixels
    (for zxing-cpp: top-left, top-right, bottom-right, bottom-left).
    """

    data: bytes
    text: str | None
    decoder: str
    position: tuple[tuple[int, int], ...]


def _as_text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def to_grey(image: Any, *, max_pixels: int = MAX_IMAGE_PIXELS) -> NDArray[np.uint8]:
    """Return an 8-bit grey, C-contiguous copy or view of a grey, BGR or BGRA image.

    Raises ``DecodeError`` for anything that is not an 8-bit image, an empty image, or
    one with more than ``max_pixels`` pixels.
    """
    if not isinstance(image, np.ndarray):
        raise DecodeError("The picture is not an image array.")
    if image.dtype != np.uint8:
        raise DecodeError("The picture is not an 8-bit image.")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise DecodeError("The picture is not a grey, BGR or BGRA image.")
    height, width = image.shape[:2]
    if height == 0 or width == 0:
        raise DecodeError("The picture is empty.")
    if height * width > max_pixels:
        raise DecodeError(f"The picture has {height * width} pixels; the limit is {max_pixels}.")
    pixels = np.ascontiguousarray(image)
    if pixels.ndim == 2:
        return pixels
    code = cv2.COLOR_BGR2GRAY if pixels.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
    grey: NDArray[np.uint8] = np.asarray(cv2.cvtColor(pixels, code), dtype=np.uint8)
    return grey


def _zxing(grey: NDArray[np.uint8]) -> list[DecodedCode]:
    try:
        barcodes = zxingcpp.read_barcodes(grey, formats=_QR_FORMATS)
    except Exception:  # native code: a failure here must not take the kiosk down
        _log.warning("zxing-cpp failed on a %s image", grey.shape, exc_info=True)
        return []
    codes = []
    for barcode in barcodes:
        data = bytes(barcode.bytes)
        p = barcode.position
        corners = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
        position = tuple((int(point.x), int(point.y)) for point in corners)
        codes.append(DecodedCode(data, _as_text(data), ZXING, position))
    return codes


def _zbar(grey: NDArray[np.uint8]) -> list[DecodedCode]:
    try:
        found = zbar_decode(grey)
    except Exception:  # native code, as above
        _log.warning("zbar failed on a %s image", grey.shape, exc_info=True)
        return []
    return [DecodedCode(data, _as_text(data), ZBAR, points) for data, points in found]


def decode_qr(image: NDArray[np.uint8], *, use_zbar: bool = True) -> list[DecodedCode]:
    """Find and decode the QR codes in a grey, BGR or BGRA 8-bit image.

    The image is converted to grey once; zxing-cpp runs first, zbar only when zxing-cpp
    found nothing (and ``use_zbar`` is true and libzbar is installed). Codes with
    identical data are reported once. Returns ``[]`` when there is no readable code;
    raises ``DecodeError`` when ``image`` is not a usable image.
    """
    grey = to_grey(image)
    codes = _zxing(grey)
    if not codes and use_zbar:
        codes = _zbar(grey)
    unique: dict[bytes, DecodedCode] = {}
    for code in codes:
        unique.setdefault(code.data, code)
    return list(unique.values())


def decode_image_file(path: str | os.PathLike[str], *, use_zbar: bool = True) -> list[DecodedCode]:
    """Decode the QR codes in a PNG or JPEG file.

    Raises ``DecodeError`` (naming the file) when it is missing, unreadable, not a PNG
    or JPEG image, damaged, or larger than 40 megapixels.
    """
    try:
        image = read_image_file(path)
    except ImageFileError as exc:
        raise DecodeError(exc.reason) from exc
    return decode_qr(image, use_zbar=use_zbar)


def decode_qr_in_image_bytes(data: bytes, *, use_zbar: bool = True) -> list[DecodedCode]:
    """Decode the QR codes in a PNG or JPEG held in memory (e.g. read from standard input).

    Raises ``DecodeError`` when the bytes are not a usable PNG or JPEG image.
    """
    try:
        image = decode_image_bytes(data)
    except ImageFileError as exc:
        raise DecodeError(exc.reason) from exc
    return decode_qr(image, use_zbar=use_zbar)
