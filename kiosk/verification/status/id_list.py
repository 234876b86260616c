"""Lists of revoked credential ids (1EdTech Revocation List, Blockcerts / Open Badges 2.0
RevocationList): find the credential's id among the list's entries.

These lists are not signed: they are believed because they sit at the address the issuer
published (in the signed credential, or in its issuer profile), read over HTTPS through the
guarded fetcher. A list naming the credential revokes it; a list not naming it passes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.verification.status.errors import StatusUnavailableError

UNSIGNED_NOTE = "the list is not signed: it is read from the address the issuer published"
MAX_LIST_ENTRIES = 200_000
"""More entries than this are refused as not a list (the document is capped at 1 MiB anyway)."""


@dataclass(frozen=True, slots=True)
class Revocation:
    """The list's entry for the credential."""

    reason: object
    """The list's `revocationReason` (not yet sanitised), or None."""


def find_revocation(
    document: Any, fields: tuple[str, ...], credential_id: str, label: str
) -> Revocation | None:
    """The entry naming `credential_id` in the first of `fields` that `document` has.

    Entries are ids (strings) or objects with `id` (or OB 2.0 `uid`), an optional
    `revocationReason` and — 1EdTech — an optional `revoked` flag (false: not revoked).

    Raises:
        StatusUnavailableError: `document` is not an object with a list under one of `fields`.
    """
    if not isinstance(document, Mapping):
        raise StatusUnavailableError(f"{label} is not a JSON object")
    entries = next((document[f] for f in fields if f in document), None)
    if not isinstance(entries, list) or len(entries) > MAX_LIST_ENTRIES:
        raise StatusUnavailableError(f"{label} is not a revocation list ({fields[0]} missing)")
    for item in entries:
        if isinstance(item, str) and item == credential_id:
            return Revocation(None)
        if not isinstance(item, Mapping):
            continue
        if credential_id in (item.get("id"), item.get("uid")) and _revoked(item.get("revoked")):
            return Revocation(item.get("revocationReason"))
    return None


def _revoked(flag: Any) -> bool:
    """`revoked` true or absent means revoked; false (or "false") means it was reinstated."""
    return not (flag is False or (isinstance(flag, str) and flag.strip().lower() == "false"))
