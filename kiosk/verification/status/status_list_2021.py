"""`StatusList2021Entry` (W3C CCG Status List 2021, the VC 1.1-era predecessor of Bitstring
Status List): one bit per credential, purposes `revocation` and `suspension`.

Blockcerts v3 certificates name `StatusList2021Entry` entries but publish the list itself as a
`BitstringStatusListCredential` (`BitstringStatusList`); both list types are read, since the bits
mean the same. The rule is `bit_list.check_bit_list`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.verification.status.bit_list import BitListFlavor, check_bit_list
from kiosk.verification.status.entry import StatusSubject
from kiosk.verification.status.outcome import StatusOutcome

if TYPE_CHECKING:
    from kiosk.verification.status.list_credential import StatusLists

ENTRY_TYPE = "StatusList2021Entry"
FLAVOR = BitListFlavor(
    name="Status List 2021",
    index_field="statusListIndex",
    list_field="statusListCredential",
    credential_types=frozenset({"StatusList2021Credential", "BitstringStatusListCredential"}),
    subject_types=frozenset({"StatusList2021", "BitstringStatusList"}),
)


def check(entry: Mapping[str, Any], subject: StatusSubject, lists: StatusLists) -> StatusOutcome:
    """Answer one `StatusList2021Entry`."""
    return check_bit_list(FLAVOR, entry, subject, lists)
