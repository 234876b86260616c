"""`BitstringStatusListEntry` (W3C Bitstring Status List v1.0, VC 2.0).

Purposes `revocation`, `suspension`, `message` and `refresh`; `statusSize` above 1 with
`statusMessage`; the list must be a `BitstringStatusListCredential` holding a
`BitstringStatusList` whose `statusPurpose` includes the entry's. The rule is
`bit_list.check_bit_list`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.verification.status.bit_list import BitListFlavor, check_bit_list
from kiosk.verification.status.entry import StatusSubject
from kiosk.verification.status.outcome import StatusOutcome

if TYPE_CHECKING:
    from kiosk.verification.status.list_credential import StatusLists

ENTRY_TYPE = "BitstringStatusListEntry"
FLAVOR = BitListFlavor(
    name="Bitstring Status List",
    index_field="statusListIndex",
    list_field="statusListCredential",
    credential_types=frozenset({"BitstringStatusListCredential"}),
    subject_types=frozenset({"BitstringStatusList"}),
    has_sizes=True,
)


def check(entry: Mapping[str, Any], subject: StatusSubject, lists: StatusLists) -> StatusOutcome:
    """Answer one `BitstringStatusListEntry`."""
    return check_bit_list(FLAVOR, entry, subject, lists)
