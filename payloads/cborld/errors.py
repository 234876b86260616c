"""Provides the errors the CBOR-LD decoder raises, each carrying one plain sentence.

* ``CborldError``: the base; ``reason`` is a sentence fit for a receptionist's screen
  (untrusted text in it is already escaped with ``payloads.safe_text``), ``code`` a short
  machine-readable name in the style of the reference implementation's error codes.
* ``CborldMalformedError``: the data is damaged, too large, too deep, or breaks the format.
* ``CborldUnsupportedError``: well-formed CBOR-LD the kiosk cannot read: a registry entry,
  compressed context code or JSON-LD context it does not have, or a multibase it does not
  read. ``context_codes`` and ``context_urls`` name what was missing.
"""

from __future__ import annotations

from collections.abc import Sequence


class CborldError(Exception):
    """A CBOR-LD payload that cannot be decoded; ``reason`` is one plain sentence."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class CborldMalformedError(CborldError):
    """Damaged, oversized or invalid CBOR-LD."""


class CborldUnsupportedError(CborldError):
    """Valid CBOR-LD that needs something the kiosk does not have (a table or a context)."""

    def __init__(
        self,
        code: str,
        reason: str,
        *,
        context_codes: Sequence[int] = (),
        context_urls: Sequence[str] = (),
    ) -> None:
        super().__init__(code, reason)
        self.context_codes = tuple(context_codes)
        self.context_urls = tuple(context_urls)
