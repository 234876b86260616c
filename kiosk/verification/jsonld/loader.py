"""The only JSON-LD document loader: contexts bundled with the kiosk, pinned by sha256.

Any other URL raises `UnknownContextError`; nothing is ever fetched. The pins are checked
once, when a context is first loaded; a file that does not match its pin is refused.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any

from kiosk.verification.errors import UnknownContextError, VerificationError

_PACKAGE = "kiosk.verification.jsonld"


class BundledContexts:
    """URL → parsed context document, for the URLs in `contexts/index.json`."""

    def __init__(self, index: dict[str, dict[str, str]]) -> None:
        self._index = index
        self._loaded: dict[str, dict[str, Any]] = {}

    @property
    def urls(self) -> frozenset[str]:
        return frozenset(self._index)

    def document(self, url: str) -> dict[str, Any]:
        """The parsed context for `url`, checked against its sha256 pin."""
        loaded = self._loaded.get(url)
        if loaded is not None:
            return loaded
        entry = self._index.get(url)
        if entry is None:
            raise UnknownContextError(url)
        raw = resources.files(_PACKAGE).joinpath("contexts", entry["file"]).read_bytes()
        if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
            raise VerificationError(f"The bundled context for {url} does not match its pin.")
        parsed: dict[str, Any] = json.loads(raw)
        self._loaded[url] = parsed
        return parsed

    def pyld_loader(self, url: str, options: object = None) -> dict[str, Any]:
        """A document loader in the shape pyld expects."""
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": self.document(url),
            "contentType": "application/ld+json",
        }


@cache
def bundled_contexts() -> BundledContexts:
    """The process-wide bundled context set (read once)."""
    raw = resources.files(_PACKAGE).joinpath("contexts", "index.json").read_text("utf-8")
    index: dict[str, dict[str, str]] = json.loads(raw)["contexts"]
    return BundledContexts(index)
