"""`kiosk sync`: before going offline, fetch and cache what the issuers on the trust lists publish.

For each trusted issuer, each provider in `SYNC_PROVIDERS` fetches what it knows how to find,
in order, through one `SyncSession` (which stores every document in the cache and records an
outcome row). Later providers read what earlier ones fetched:

1. `sync_issuer_document`: the issuer's DID document (did:web, or another method through the
   operator's universal resolver) or https profile; did:key and did:jwk need nothing.
2. `sync_external_keys`: documents holding keys the issuer lists under assertionMethod that
   live elsewhere (another did:web document, an https key document or JWKS).
3. `sync_revocation_list`: the revocation list a Blockcerts / Open Badges 2.0 profile names.
4. `sync_status_lists`: status lists already in the cache that the issuer published
   (`kiosk.sync.status_lists`).

To sync more (status lists, registries), add a provider: a function taking the session.
Headless: progress goes to an `on_progress` callback, the CLI (`cli_sync.py`) prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urldefrag

from kiosk.net import DocumentCache, FetchError, GuardedFetcher, HttpStatusError
from kiosk.sync.jwt_vc_issuers import sync_jwt_vc_issuer
from kiosk.sync.status_lists import sync_status_lists
from kiosk.verification.errors import VerificationError
from kiosk.verification.keys.controller_document import ControllerDocument
from kiosk.verification.keys.did_web import did_web_location
from kiosk.verification.keys.issuer_profile import read_issuer_profile
from kiosk.verification.keys.resolver import did_method, universal_resolver_url
from trust_lists import TrustedIssuer

__all__ = [
    "SYNC_PROVIDERS",
    "Outcome",
    "SyncItem",
    "SyncProvider",
    "SyncSession",
    "run_sync",
]


class Outcome(StrEnum):
    FETCHED = "fetched"
    FAILED = "failed"
    NOT_NEEDED = "not needed"
    NOT_SUPPORTED = "not supported"


@dataclass(frozen=True, slots=True)
class SyncItem:
    """One row of the sync report: an issuer, what was synced, and how it went."""

    issuer_id: str
    issuer_name: str
    what: str
    """"DID document", "issuer profile", "key document", "revocation list", …"""
    outcome: Outcome
    reason: str = ""
    url: str = ""
    fetched_at: datetime | None = None
    """When the copy now in the cache was fetched (for a failure: the older copy kept, if any)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer_id,
            "name": self.issuer_name,
            "what": self.what,
            "outcome": self.outcome.value,
            "reason": self.reason,
            "url": self.url,
            "fetched_at": None if self.fetched_at is None else self.fetched_at.isoformat(),
        }


@dataclass
class SyncSession:
    """What the providers share while syncing one issuer."""

    issuer: TrustedIssuer
    fetcher: GuardedFetcher
    cache: DocumentCache
    universal_resolver: str | None = None
    record: Callable[[SyncItem], None] = lambda _item: None
    documents: dict[str, Any] = field(default_factory=dict)
    """URL → parsed document, for everything fetched for this issuer so far."""

    def fetch(
        self,
        what: str,
        url: str,
        check: Callable[[Any], str | None] | None = None,
        *,
        optional: bool = False,
    ) -> Any | None:
        """Fetch `url`, cache it and record the outcome; the parsed document, or None.

        Args:
            check: says why a fetched document is unusable (then it is not cached), or None.
            optional: a document many issuers do not publish; a 404 / 410 adds no row.
        """
        if url in self.documents:
            return self.documents[url]
        try:
            value, document = self.fetcher.fetch_json(url)
            problem = None if check is None else check(value)
        except FetchError as error:
            if optional and isinstance(error, HttpStatusError) and error.definitive:
                return None
            problem = error.description
        if problem is not None:
            kept = self.cache.get(url)
            note = "" if kept is None else " The older saved copy is kept."
            fetched_at = None if kept is None else kept.fetched_at
            self.note(what, Outcome.FAILED, problem + note, url, fetched_at)
            return None
        try:
            self.cache.put(document)
        except OSError as error:
            self.note(what, Outcome.FAILED, f"could not save it: {error.strerror}", url)
            return None
        self.documents[url] = value
        self.note(what, Outcome.FETCHED, "", url, document.fetched_at)
        return value

    def note(
        self,
        what: str,
        outcome: Outcome,
        reason: str = "",
        url: str = "",
        fetched_at: datetime | None = None,
    ) -> None:
        """Record a row without fetching (not needed, not supported, invalid)."""
        self.record(
            SyncItem(self.issuer.id, self.issuer.name, what, outcome, reason, url, fetched_at)
        )

    def issuer_document_url(self) -> str | None:
        """Where the issuer's own document is fetched from (None: nowhere)."""
        issuer_id = self.issuer.id
        if issuer_id.startswith("https://"):
            return issuer_id
        if issuer_id.startswith("did:web:"):
            try:
                return did_web_location(issuer_id).url
            except VerificationError:
                return None
        if issuer_id.startswith("did:") and self.universal_resolver is not None:
            return universal_resolver_url(self.universal_resolver, issuer_id)
        return None


SyncProvider = Callable[[SyncSession], None]


def sync_issuer_document(session: SyncSession) -> None:
    """The issuer's DID document or profile, checked to be the issuer's own."""
    issuer_id = session.issuer.id
    what = "issuer profile" if issuer_id.startswith("https://") else "DID document"
    if did_method(issuer_id) in ("did:key", "did:jwk"):
        session.note("keys", Outcome.NOT_NEEDED, "the key is in the identifier itself")
        return
    url = session.issuer_document_url()
    if url is None:
        reason = (
            f"The DID method {did_method(issuer_id)} is not supported."
            if issuer_id.startswith("did:") and not issuer_id.startswith("did:web:")
            else "The issuer's id is not a DID or an https address."
        )
        session.note(what, Outcome.NOT_SUPPORTED, reason)
        return
    session.fetch(what, url, lambda value: _not_own_document(value, issuer_id))


def _not_own_document(value: Any, issuer_id: str) -> str | None:
    """Why `value` is not `issuer_id`'s own document, or None when it is."""
    if isinstance(value, Mapping) and isinstance(value.get("didDocument"), Mapping):
        value = value["didDocument"]  # a universal resolver's DID Resolution Result
    if not isinstance(value, Mapping):
        return "The document is not a JSON object."
    if value.get("id") != issuer_id:
        return f"The document is for another identifier ({str(value.get('id'))[:80]})."
    return None


def sync_external_keys(session: SyncSession) -> None:
    """Documents holding keys the issuer lists for signing but publishes elsewhere."""
    issuer_document = _issuer_document(session)
    if issuer_document is None:
        return
    wanted: list[str] = []
    for entry in _entries(issuer_document.document.get("assertionMethod")):
        if not isinstance(entry, str):
            continue
        method_id = issuer_document.absolute(entry)
        base = urldefrag(method_id)[0] if method_id.startswith("https://") else None
        if method_id.startswith("did:web:"):
            try:
                base = did_web_location(method_id.partition("#")[0]).url
            except VerificationError:
                base = None
        if base and base != session.issuer_document_url() and base not in wanted:
            wanted.append(base)
    for url in wanted:
        session.fetch("key document", url)


def sync_revocation_list(session: SyncSession) -> None:
    """The revocation list a Blockcerts or Open Badges 2.0 profile names."""
    url = session.issuer_document_url()
    value = session.documents.get(url) if url else None
    if not isinstance(value, Mapping) or not session.issuer.id.startswith("https://"):
        return
    try:
        location = read_issuer_profile(value).revocation_list
    except VerificationError:
        return
    if location:
        session.fetch("revocation list", location)


SYNC_PROVIDERS: list[SyncProvider] = [
    sync_issuer_document,
    sync_external_keys,
    sync_revocation_list,
    sync_status_lists,
    sync_jwt_vc_issuer,
]


def run_sync(
    issuers: Iterable[TrustedIssuer],
    *,
    fetcher: GuardedFetcher,
    cache: DocumentCache,
    universal_resolver: str | None = None,
    providers: Iterable[SyncProvider] = SYNC_PROVIDERS,
    on_progress: Callable[[int, int, TrustedIssuer], None] | None = None,
) -> list[SyncItem]:
    """Sync every issuer with every provider; return the report rows in order."""
    chosen = list(issuers)
    steps = list(providers)
    items: list[SyncItem] = []
    for position, issuer in enumerate(chosen, start=1):
        if on_progress is not None:
            on_progress(position, len(chosen), issuer)
        session = SyncSession(issuer, fetcher, cache, universal_resolver, items.append)
        for provider in steps:
            provider(session)
    return items


def _issuer_document(session: SyncSession) -> ControllerDocument | None:
    url = session.issuer_document_url()
    value = session.documents.get(url) if url else None
    if isinstance(value, Mapping) and isinstance(value.get("didDocument"), Mapping):
        value = value["didDocument"]
    if not isinstance(value, Mapping) or value.get("id") != session.issuer.id:
        return None
    return ControllerDocument(session.issuer.id, value, "the issuer's document")


def _entries(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
