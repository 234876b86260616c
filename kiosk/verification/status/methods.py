"""The table of status methods, keyed by `credentialStatus.type`, and checking every entry.

| `credentialStatus.type`       | module                         | list                          |
|-------------------------------|--------------------------------|-------------------------------|
| `BitstringStatusListEntry`    | `bitstring_status_list`        | BitstringStatusListCredential |
| `StatusList2021Entry`         | `status_list_2021`             | StatusList2021Credential      |
| `RevocationList2020Status`    | `revocation_list_2020`         | RevocationList2020Credential  |
| `1EdTechRevocationList`       | `one_edtech_revocation_list`   | 1EdTech revocation list JSON  |
| `RevocationList`              | `blockcerts_revocation_list`   | Blockcerts / OB 2.0 list JSON |

A credential may name several entries (a list): every one is checked. A type not in the table
is "not supported" (unknown), never passed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from kiosk.verification.plain_text import plain_text
from kiosk.verification.status import (
    bitstring_status_list,
    blockcerts_revocation_list,
    one_edtech_revocation_list,
    revocation_list_2020,
    status_list_2021,
)
from kiosk.verification.status.entry import StatusSubject, entry_types
from kiosk.verification.status.list_credential import ListVerifier, StatusLists
from kiosk.verification.status.outcome import StatusOutcome

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

StatusMethod = Callable[[Mapping[str, Any], StatusSubject, StatusLists], StatusOutcome]

STATUS_METHODS: Mapping[str, StatusMethod] = {
    bitstring_status_list.ENTRY_TYPE: bitstring_status_list.check,
    status_list_2021.ENTRY_TYPE: status_list_2021.check,
    revocation_list_2020.ENTRY_TYPE: revocation_list_2020.check,
    one_edtech_revocation_list.ENTRY_TYPE: one_edtech_revocation_list.check,
    blockcerts_revocation_list.ENTRY_TYPE: blockcerts_revocation_list.check,
}
MAX_ENTRIES = 16
"""More status entries than this in one credential are refused as malformed."""


def check_entries(
    credential_status: Any,
    subject: StatusSubject,
    context: VerificationContext,
    verify_list: ListVerifier | None,
) -> tuple[StatusOutcome, ...]:
    """Answer every entry of a credential's `credentialStatus` (one object or a list).

    Args:
        verify_list: verifies a fetched status list credential (the pipeline's status-list
            profile); None when none can be verified (those entries are then unknown).
    """
    entries = credential_status if isinstance(credential_status, list) else [credential_status]
    if not entries:
        return (StatusOutcome.malformed("its credentialStatus is empty"),)
    if len(entries) > MAX_ENTRIES:
        return (StatusOutcome.malformed(f"it names more than {MAX_ENTRIES} status entries"),)
    lists = StatusLists(context, verify_list)
    return tuple(_check_one(entry, subject, lists) for entry in entries)


def _check_one(entry: Any, subject: StatusSubject, lists: StatusLists) -> StatusOutcome:
    if not isinstance(entry, Mapping):
        return StatusOutcome.malformed("a credentialStatus entry is not an object")
    types = entry_types(entry)
    method = next((STATUS_METHODS[t] for t in types if t in STATUS_METHODS), None)
    if method is None:
        shown = plain_text(types[0], 60) if types else "(none)"
        return StatusOutcome.unknown(f"the status method {shown} is not supported")
    return method(entry, subject, lists)
