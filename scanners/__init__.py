"""Provides the kiosk's scanning side, headless: frame sources, QR decoding, payloads.

* frames: ``Frame``, ``FrameSource``, ``FrameSourceError``
* ``ImageFolderSource`` (demo/test images) and ``CameraSource`` / ``list_cameras``
* ``decode_qr`` / ``decode_image_file`` -> ``DecodedCode`` (raw bytes), ``DecodeError``
* ``open_envelope`` -> ``Envelope`` / ``EnvelopeKind``: what a payload holds
* ``ScanDebouncer``: act once per payload held in view
* ``safe_preview`` / ``safe_text``: untrusted data as printable ASCII

Nothing here imports Textual, Rich or ``kiosk``.
"""

import logging

from scanners.camera import CameraSource, list_cameras
from scanners.debounce import ScanDebouncer
from scanners.envelopes import Envelope, EnvelopeKind, open_envelope
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
from scanners.safe_text import safe_preview, safe_text
from scanners.zbar_binary import zbar_available

# A library logs only where the application says (and never to the kiosk's stderr screen).
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "CameraSource",
    "DecodeError",
    "DecodedCode",
    "Envelope",
    "EnvelopeKind",
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
    "open_envelope",
    "read_image_file",
    "safe_preview",
    "safe_text",
    "zbar_available",
]
