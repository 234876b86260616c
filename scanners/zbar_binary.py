"""Provides the optional zbar QR decoder (``zbar_decode``) with raw bytes and inverted codes.

zbar is reached through pyzbar's ctypes wrapper (``pyzbar.wrapper``), because pyzbar's
own ``decode()`` cannot set the two scanner options the kiosk needs:

* ``ZBAR_CFG_BINARY`` on the QR symbology: without it zbar re-encodes the symbol's bytes
  as UTF-8, corrupting binary payloads;
* ``ZBAR_CFG_TEST_INVERTED``: without it zbar never reads light-on-dark codes.

pyzbar is imported lazily on first use. When pyzbar or the libzbar shared library is
missing, or libzbar refuses either option, zbar is simply unavailable
(``zbar_unavailable_reason()`` says why) and ``zbar_decode`` returns no results.
Always pass an 8-bit greyscale image (pyzbar itself would use only the blue channel of
a colour image).
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

import numpy as np
from numpy.typing import NDArray

# Values from zbar.h (0.23.92).
_ZBAR_NONE = 0
_ZBAR_QRCODE = 64
_ZBAR_CFG_ENABLE = 0
_ZBAR_CFG_BINARY = 4
_ZBAR_CFG_TEST_INVERTED = 0x81
_FOURCC_Y800 = int.from_bytes(b"Y800", "little")  # 8-bit greyscale

Points = tuple[tuple[int, int], ...]

_lock = threading.Lock()
_wrapper: Any = None
_unavailable: str | None = None
_loaded = False


def _configure(wrapper: Any, scanner: Any) -> bool:
    """Enable only QR, raw bytes and the inverted pass; True if libzbar accepted all."""
    settings = (
        (_ZBAR_NONE, _ZBAR_CFG_ENABLE, 0),
        (_ZBAR_QRCODE, _ZBAR_CFG_ENABLE, 1),
        (_ZBAR_QRCODE, _ZBAR_CFG_BINARY, 1),
        (_ZBAR_NONE, _ZBAR_CFG_TEST_INVERTED, 1),
    )
    return all(
        wrapper.zbar_image_scanner_set_config(scanner, symbology, config, value) == 0
        for symbology, config, value in settings
    )


def _load() -> Any:
    """Import pyzbar's wrapper once; return it, or None when zbar cannot be used."""
    global _wrapper, _unavailable, _loaded
    with _lock:
        if _loaded:
            return _wrapper
        _loaded = True
        try:
            from pyzbar import wrapper
        except (ImportError, OSError) as exc:
            _unavailable = f"zbar is not available ({exc})."
            return None
        scanner = wrapper.zbar_image_scanner_create()
        if not scanner:
            _unavailable = "zbar could not create a scanner."
            return None
        try:
            accepted = _configure(wrapper, scanner)
        finally:
            wrapper.zbar_image_scanner_destroy(scanner)
        if not accepted:
            _unavailable = "This libzbar does not support binary or inverted QR scanning."
            return None
        _wrapper = wrapper
        return wrapper


def zbar_available() -> bool:
    """True when pyzbar and libzbar are installed and support the needed options."""
    return _load() is not None


def zbar_unavailable_reason() -> str | None:
    """Why zbar cannot be used, or None when it can."""
    _load()
    return _unavailable


def _symbols(wrapper: Any, image: Any) -> list[tuple[bytes, Points]]:
    found: list[tuple[bytes, Points]] = []
    symbol = wrapper.zbar_image_first_symbol(image)
    while symbol:
        if symbol.contents.type == _ZBAR_QRCODE:
            length = wrapper.zbar_symbol_get_data_length(symbol)
            data = ctypes.string_at(wrapper.zbar_symbol_get_data(symbol), length)
            points = tuple(
                (
                    int(wrapper.zbar_symbol_get_loc_x(symbol, i)),
                    int(wrapper.zbar_symbol_get_loc_y(symbol, i)),
                )
                for i in range(wrapper.zbar_symbol_get_loc_size(symbol))
            )
            found.append((data, points))
        symbol = wrapper.zbar_symbol_next(symbol)
    return found


def zbar_decode(grey: NDArray[np.uint8]) -> list[tuple[bytes, Points]]:
    """Decode QR codes in an 8-bit greyscale image with zbar; ``(raw bytes, corners)``.

    Returns an empty list when zbar is unavailable or finds nothing.
    """
    wrapper = _load()
    if wrapper is None or grey.ndim != 2 or grey.size == 0:
        return []
    pixels = np.ascontiguousarray(grey, dtype=np.uint8)
    height, width = pixels.shape
    scanner = wrapper.zbar_image_scanner_create()
    if not scanner:
        return []
    try:
        if not _configure(wrapper, scanner):
            return []
        image = wrapper.zbar_image_create()
        if not image:
            return []
        try:
            wrapper.zbar_image_set_format(image, _FOURCC_Y800)
            wrapper.zbar_image_set_size(image, width, height)
            wrapper.zbar_image_set_data(
                image, pixels.ctypes.data_as(ctypes.c_void_p), pixels.nbytes, None
            )
            if wrapper.zbar_scan_image(scanner, image) <= 0:
                return []
            return _symbols(wrapper, image)
        finally:
            wrapper.zbar_image_destroy(image)
    finally:
        wrapper.zbar_image_scanner_destroy(scanner)
