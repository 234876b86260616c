"""Provides the ``cv2`` module, imported so that OpenCV's own logging stays off stderr.

Textual draws the kiosk screen on stderr, so anything OpenCV logs there corrupts the
display. ``OPENCV_LOG_LEVEL`` must be set before ``cv2`` is first imported; if some
other module imported ``cv2`` earlier, the level is lowered again through
``cv2.utils.logging``. Every module in this package imports ``cv2`` from here.
"""

from __future__ import annotations

import os

_QUIET_LEVELS = {"ERROR", "FATAL", "SILENT", "DISABLED", "OFF"}

if os.environ.get("OPENCV_LOG_LEVEL", "").upper() not in _QUIET_LEVELS:
    os.environ["OPENCV_LOG_LEVEL"] = "ERROR"

import cv2  # noqa: E402  (the environment must be set first)

if cv2.utils.logging.getLogLevel() > cv2.utils.logging.LOG_LEVEL_ERROR:
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

__all__ = ["cv2"]
