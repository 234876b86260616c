"""`1EdTechRevocationList` (1EdTech Revocation List Status Method, Open Badges 3.0 / CLR 2.0).

The entry's `id` is the list's URL; the list is a JSON object whose `revokedCredentials` (the
1EdTech validator currently reads `revokedCredential`; both are accepted) holds
`{"id", "revoked"?, "revocationReason"?}` objects. The credential is revoked when its `id` is
listed and `revoked` is true or absent. Rule for unsigned lists: `id_list`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.verification.status.entry import StatusSubject, read_url
from kiosk.verification.status.errors import MalformedEntryError, StatusUnavailableError
from kiosk.verification.status.fetching import retrieve_list
from kiosk.verification.status.id_list import UNSIGNED_NOTE, find_revocation
from kiosk.verification.status.outcome import ListSource, StatusOutcome

if TYPE_CHECKING:
    from kiosk.verification.status.list_credential import StatusLists

ENTRY_TYPE = "1EdTechRevocationList"
WHAT = "the revocation list"
FIELDS = ("revokedCredentials", "revokedCredential")


def check(entry: Mapping[str, Any], subject: StatusSubject, lists: StatusLists) -> StatusOutcome:
    """Answer one `1EdTechRevocationList` entry."""
    try:
        url = read_url(entry, "id")
    except MalformedEntryError as error:
        return StatusOutcome.malformed(error.description)
    if not subject.credential_id:
        return StatusOutcome.unknown("the credential has no id to look up in its revocation list")
    try:
        retrieved = retrieve_list(url, WHAT, lists.context)
        source = ListSource.of(WHAT, retrieved)
        found = find_revocation(retrieved.value, FIELDS, subject.credential_id, source.label)
    except StatusUnavailableError as error:
        return StatusOutcome.unknown(error.description)
    if found is not None:
        return StatusOutcome.revoked(found.reason, source, UNSIGNED_NOTE)
    return StatusOutcome.ok(source, UNSIGNED_NOTE)
