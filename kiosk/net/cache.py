"""The document cache on disk: what was fetched (DID documents, profiles, lists), and when.

One file per URL, named by the SHA-256 of the URL, holding the body (base64), the URL that
answered, the content type and the time it was fetched. Files are written atomically (a temporary
file in the same directory, then `os.replace`), so a kiosk switched off mid-write keeps the old
copy. A file that cannot be read, is for another URL or is damaged counts as absent (and is
logged); the cache never raises on reads.

A document fetched again with the same answer within `REWRITE_AFTER` of this cache's last write
of it is not written again: the kiosk's "as of" dates need minutes, not milliseconds, and each
durable write costs an fsync (most of an online verification's time when hosts answer fast).

Default location: `$XDG_CACHE_HOME/credential-kiosk`, else `~/.cache/credential-kiosk`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.net.fetcher import FetchedDocument

log = logging.getLogger(__name__)

CACHE_FORMAT = "credential-kiosk-cache/1"
MAX_ENTRY_BYTES = 8 * 1024 * 1024
"""Cache files larger than this are ignored (a fetched body is capped far below it)."""
REWRITE_AFTER = timedelta(minutes=1)
"""An unchanged document is written again only when its copy is older than this."""


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/credential-kiosk`, else `~/.cache/credential-kiosk`."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "credential-kiosk"


@dataclass(frozen=True, slots=True)
class CachedDocument:
    """A document read back from the cache."""

    url: str
    final_url: str
    content_type: str
    body: bytes
    fetched_at: datetime
    """When it was fetched from the network (timezone-aware)."""


class DocumentCache:
    """Fetched documents on disk, keyed by URL."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._written: dict[str, tuple[bytes, CachedDocument]] = {}
        """url -> (digest of what was written, the copy written), by this cache object."""
        self._lock = threading.Lock()

    def path_for(self, url: str) -> Path:
        """The file that holds (or would hold) `url`'s document."""
        return self.directory / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def get(self, url: str) -> CachedDocument | None:
        """The cached copy of `url`, or None (absent, unreadable or damaged)."""
        path = self.path_for(url)
        try:
            if path.stat().st_size > MAX_ENTRY_BYTES:
                log.warning("ignoring oversized cache file %s", path)
                return None
            entry = json.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            log.warning("ignoring unreadable cache file %s: %s", path, error)
            return None
        document = _decode(entry)
        if document is None or document.url != url:
            log.warning("ignoring damaged or mismatched cache file %s", path)
            return None
        return document

    def put(self, document: FetchedDocument) -> CachedDocument:
        """Store a fetched document (atomically replacing any older copy); return it as cached.

        Raises:
            OSError: the cache directory cannot be written.
        """
        if document.fetched_at.tzinfo is None:
            raise ValueError("fetched_at must carry a time zone")
        digest = hashlib.sha256(
            b"\0".join((document.final_url.encode(), document.content_type.encode(), document.body))
        ).digest()
        with self._lock:
            earlier = self._written.get(document.url)
        if (
            earlier is not None
            and earlier[0] == digest
            and timedelta(0) <= document.fetched_at - earlier[1].fetched_at < REWRITE_AFTER
        ):
            return earlier[1]
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        entry = {
            "format": CACHE_FORMAT,
            "url": document.url,
            "final_url": document.final_url,
            "content_type": document.content_type,
            "fetched_at": document.fetched_at.isoformat(),
            "body_base64": base64.b64encode(document.body).decode("ascii"),
        }
        target = self.path_for(document.url)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(json.dumps(entry).encode("utf-8"))
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        cached = CachedDocument(
            document.url,
            document.final_url,
            document.content_type,
            document.body,
            document.fetched_at,
        )
        with self._lock:
            self._written[document.url] = (digest, cached)
        return cached

    def fetch_times(self) -> Iterator[datetime]:
        """When each readable cached document was fetched (for the kiosk's status line)."""
        for document in self.entries():
            yield document.fetched_at

    def entries(self) -> Iterator[CachedDocument]:
        """Every readable cached document (for `kiosk sync` and support)."""
        if not self.directory.is_dir():
            return
        for path in sorted(self.directory.glob("*.json")):
            try:
                document = _decode(json.loads(path.read_bytes()))
            except (OSError, ValueError):
                continue
            if document is not None:
                yield document


def _decode(entry: object) -> CachedDocument | None:
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
        return None
    try:
        fetched_at = datetime.fromisoformat(str(entry["fetched_at"]))
        body = base64.b64decode(str(entry["body_base64"]), validate=True)
        url, final_url = str(entry["url"]), str(entry["final_url"])
        content_type = str(entry.get("content_type", ""))
    except (KeyError, ValueError, binascii.Error):
        return None
    if fetched_at.tzinfo is None:
        return None
    return CachedDocument(url, final_url, content_type, body, fetched_at)
