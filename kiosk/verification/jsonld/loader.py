"""The JSON-LD document loader of the core: the bundled, sha256-pinned contexts only.

The files and their pins live in `payloads/contexts/`, read by the one bundled-context loader
(`payloads.bundled_contexts`); this module gives it the core's shape: an unknown URL raises
`UnknownContextError` and a file that does not match its pin is refused. Nothing is fetched.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from kiosk.verification.errors import UnknownContextError, VerificationError
from payloads import bundled_contexts as pinned


class BundledContexts:
    """URL → parsed context document, for the URLs in `payloads/contexts/index.json`."""

    def __init__(self, source: pinned.BundledContexts, urls: frozenset[str] | None = None) -> None:
        self._source = source
        self.urls: frozenset[str] = source.urls() if urls is None else urls & source.urls()

    def without(self, *urls: str) -> BundledContexts:
        """The same pinned set less `urls` (a narrower set, e.g. for a test)."""
        return BundledContexts(self._source, self.urls - set(urls))

    def document(self, url: str) -> dict[str, Any]:
        """The parsed context for `url`, checked against its sha256 pin."""
        if url not in self.urls:
            raise UnknownContextError(url)
        document = self._source(url)
        if document is None:
            raise VerificationError(f"The bundled context for {url} does not match its pin.")
        return dict(document) if not isinstance(document, dict) else document

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
    return BundledContexts(pinned.bundled_contexts())
