"""`kiosk sync` provider: refresh the status lists the kiosk has already met for an issuer.

Trust lists do not name status lists, and a credential names its list only when it is scanned;
so before going offline, `kiosk sync` refreshes every list in the cache that belongs to the
trusted issuer: status list credentials it issued (Bitstring, StatusList2021,
RevocationList2020) and unsigned revocation lists naming it as `issuer` (1EdTech). Blockcerts
lists named by the issuer profile are synced by `kiosk.sync.sync_revocation_list`; addresses
with a query (`?assertionId=…`) are skipped. A list the kiosk has never seen cannot be synced:
scan one credential of the issuer while online first (`docs/status.md`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.net import NotJsonError
from kiosk.net.body import parse_json

if TYPE_CHECKING:
    from kiosk.sync.session import SyncSession

LIST_CREDENTIAL_TYPES = frozenset(
    {"BitstringStatusListCredential", "StatusList2021Credential", "RevocationList2020Credential"}
)
ID_LIST_FIELDS = ("revokedCredentials", "revokedCredential")


def sync_status_lists(session: SyncSession) -> None:
    """Re-fetch (and re-cache) each cached status or revocation list of `session.issuer`."""
    for cached in session.cache.entries():
        if "?" in cached.url or not cached.url.startswith("https://"):
            continue
        try:
            value = parse_json(cached.body)
        except NotJsonError:
            continue
        if is_status_list(value) and list_issuer(value) == session.issuer.id:
            session.fetch("status list", cached.url, _not_a_status_list)


def is_status_list(value: Any) -> bool:
    """A status list credential, or an unsigned list of revoked credential ids (1EdTech)."""
    if not isinstance(value, Mapping):
        return False
    types = value.get("type")
    named = set(types) if isinstance(types, list) else {types}
    return bool(LIST_CREDENTIAL_TYPES & named) or any(f in value for f in ID_LIST_FIELDS)


def list_issuer(value: Mapping[str, Any]) -> str | None:
    """The list's `issuer` id (a string, or an object's `id`)."""
    issuer = value.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    return issuer_id if isinstance(issuer_id, str) else None


def _not_a_status_list(value: Any) -> str | None:
    return None if is_status_list(value) else "The document is no longer a status list."
