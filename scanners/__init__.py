"""Provides the kiosk's scanning side, headless: frame sources, QR decoding, payloads.

* frames: ``Frame``, ``FrameSource``, ``FrameSourceError``
* ``ImageFolderSource`` (demo/test images) and ``CameraSource`` / ``list_cameras``
* ``decode_qr`` / ``decode_image_file`` -> ``DecodedCode`` (raw bytes), ``DecodeError``
* ``ScanDebouncer``: act once per payload held in view

What a payload holds (envelopes, CBOR-LD, safe text) is ``payloads``, shared with the
verification core. Nothing here imports Textual, Rich or ``kiosk``.
"""

import logging

from scanners.camera import CameraSource, list_cameras
from scanners.debounce import ScanDebouncer
from scanners.frames import Frame, FrameSource, FrameSourceError
from scanners.image_files import ImageFileError, read_image_file
from scanners.image_source import ImageFolderSource
from scanners.qr_decoder import (
    DecodedCode,
    DecodeError,
    decode_image_file,
    decode_qr,
    decode_qr_in_image_bytes,
)
from scanners.zbar_binary import zbar_available

# A library logs only where the application says (and never to the kiosk's stderr screen).
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "CameraSource",
    "DecodeError",
    "DecodedCode",
    "Frame",
    "FrameSource",
    "FrameSourceError",
    "ImageFileError",
    "ImageFolderSource",
    "ScanDebouncer",
    "decode_image_file",
    "decode_qr",
    "decode_qr_in_image_bytes",
    "list_cameras",
    "read_image_file",
    "zbar_available",
]
