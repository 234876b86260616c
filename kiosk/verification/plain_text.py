"""Provides `plain_text` for the core: the kiosk's one text policy, from `payloads.safe_text`.

Kept as its own module so the checks keep one short import; the policy itself (which code
points never leave the kiosk, how marks are capped and lines cut) lives in `payloads.safe_text`.
"""

from __future__ import annotations

from payloads.safe_text import is_forbidden, plain_text, strip_unsafe

__all__ = ["is_forbidden", "plain_text", "strip_unsafe"]
