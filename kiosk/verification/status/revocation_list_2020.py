"""`RevocationList2020Status` (W3C CCG Revocation List 2020): one revocation bit per credential,
at `revocationListIndex` of the `RevocationList2020Credential` at `revocationListCredential`.
No purpose field: every bit means revoked. The rule is `bit_list.check_bit_list`'s.

Its JSON-LD context (`https://w3id.org/vc-revocation-list-2020/v1`) is not among the bundled
contexts, so a credential using it is refused by the format check before status is asked,
unless it defines the terms itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.verification.status.bit_list import BitListFlavor, check_bit_list
from kiosk.verification.status.entry import StatusSubject
from kiosk.verification.status.outcome import StatusOutcome

if TYPE_CHECKING:
    from kiosk.verification.status.list_credential import StatusLists

ENTRY_TYPE = "RevocationList2020Status"
FLAVOR = BitListFlavor(
    name="Revocation List 2020",
    index_field="revocationListIndex",
    list_field="revocationListCredential",
    credential_types=frozenset({"RevocationList2020Credential"}),
    subject_types=frozenset({"RevocationList2020"}),
    has_purpose=False,
)


def check(entry: Mapping[str, Any], subject: StatusSubject, lists: StatusLists) -> StatusOutcome:
    """Answer one `RevocationList2020Status` entry."""
    return check_bit_list(FLAVOR, entry, subject, lists)
