"""Provides `plain`, the one way text from a credential is put on screen.

Everything a credential says (names, reasons, details) is untrusted. It is never read as
Textual/Rich markup: it is wrapped in a `Content` object as-is, after the core's `plain_text`
has removed control characters (escape sequences), bidirectional overrides and other invisible
format characters.
"""

from __future__ import annotations

from textual.content import Content

from kiosk.verification.plain_text import plain_text

SCREEN_TEXT_LIMIT = 600
"""Longest text shown in one place; longer text is cut with an ellipsis."""


def plain(value: str) -> Content:
    """Wrap untrusted text as plain `Content`: no markup is parsed, no control codes survive."""
    return Content(plain_text(value, limit=SCREEN_TEXT_LIMIT), strip_control_codes=False)
