"""Provides where the decoder gets JSON-LD contexts from: never the network.

A ``DocumentLoader`` maps a context URL to its parsed document (a dict holding
``"@context"``) or ``None`` when the URL is not available. ``BundledContexts`` serves the
contexts the kiosk bundles in ``payloads/contexts/`` (listed in its ``index.json``), each
checked against its sha256 pin. This is the one bundled-context loader: the CBOR-LD decoder
uses it directly, and the verification core wraps it for pyld (``kiosk.verification.jsonld``).
``mapping_loader`` wraps a plain mapping (tests, tools).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

DocumentLoader = Callable[[str], Mapping[str, Any] | None]

DEFAULT_CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
"""The kiosk's bundled, pinned contexts."""

_log = logging.getLogger(__name__)


class BundledContexts:
    """The kiosk's bundled JSON-LD contexts, by URL, each verified against its sha256 pin."""

    def __init__(self, directory: Path = DEFAULT_CONTEXTS_DIR) -> None:
        self._directory = directory
        self._index: dict[str, tuple[str, str]] | None = None
        self._documents: dict[str, Mapping[str, Any] | None] = {}
        self._lock = threading.Lock()

    def urls(self) -> frozenset[str]:
        """Every context URL in the bundle's index."""
        return frozenset(self._load_index())

    def __call__(self, url: str) -> Mapping[str, Any] | None:
        """The parsed context document for ``url``, or None when it is not bundled."""
        with self._lock:
            if url not in self._documents:
                self._documents[url] = self._read(url)
            return self._documents[url]

    def _load_index(self) -> dict[str, tuple[str, str]]:
        if self._index is None:
            index: dict[str, tuple[str, str]] = {}
            try:
                raw = json.loads((self._directory / "index.json").read_text("utf-8"))
                for url, entry in raw["contexts"].items():
                    index[str(url)] = (str(entry["file"]), str(entry["sha256"]))
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                _log.warning("bundled JSON-LD contexts not found in %s", self._directory)
            self._index = index
        return self._index

    def _read(self, url: str) -> Mapping[str, Any] | None:
        entry = self._load_index().get(url)
        if entry is None:
            return None
        name, pin = entry
        try:
            raw = (self._directory / Path(name).name).read_bytes()
        except OSError:
            _log.warning("bundled context %s is missing", name)
            return None
        if hashlib.sha256(raw).hexdigest() != pin:
            _log.warning("bundled context %s does not match its sha256 pin", name)
            return None
        document = json.loads(raw)
        return document if isinstance(document, dict) else None


def mapping_loader(documents: Mapping[str, Mapping[str, Any]]) -> DocumentLoader:
    """A loader serving exactly the documents in ``documents`` (URL -> parsed document)."""

    def load(url: str) -> Mapping[str, Any] | None:
        return documents.get(url)

    return load


def chain_loaders(*loaders: DocumentLoader) -> DocumentLoader:
    """A loader asking each of ``loaders`` in turn."""

    def load(url: str) -> Mapping[str, Any] | None:
        for loader in loaders:
            document = loader(url)
            if document is not None:
                return document
        return None

    return load


_BUNDLED: BundledContexts | None = None


def bundled_contexts() -> BundledContexts:
    """The process-wide ``BundledContexts`` for the default directory."""
    global _BUNDLED
    if _BUNDLED is None:
        _BUNDLED = BundledContexts()
    return _BUNDLED
