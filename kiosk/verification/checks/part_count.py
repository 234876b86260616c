"""Part count: a credential including more credentials than the kiosk checks (a CLR 2.0
transcript past `MAX_PARTS`) is refused before any costly work.

Reading the whole outer credential (JSON-LD expansion and canonicalization of every included
credential, for the outer proof) costs in proportion to its size, so the count is read first,
from the JSON as it arrives: more than `MAX_PARTS` included credentials is "not done — too many
to check here" (CHECK MANUALLY: a long transcript is not a forgery, but this kiosk cannot vouch
for it) and the run stops. A transcript that spells its included credentials another way (a
full IRI, an alias) is counted again from the signed graph by the nested check, which refuses
the same number after the format check.
"""

from __future__ import annotations

from typing import Any

from kiosk.verification.checks.nested import MAX_PARTS
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult


def counted_parts(document: dict[str, Any]) -> int:
    """How many credentials the subjects of `document` include (`verifiableCredential`)."""
    subjects = document.get("credentialSubject")
    count = 0
    for subject in subjects if isinstance(subjects, list) else [subjects]:
        items = subject.get("verifiableCredential") if isinstance(subject, dict) else None
        count += len(items) if isinstance(items, list) else int(items is not None)
    return count


def has_too_many_parts(state: CredentialState) -> bool:
    return counted_parts(state.credential.document) > MAX_PARTS


def check_part_count(state: CredentialState) -> CheckResult:
    """Not done (the profile stops the run): too many included credentials to check here."""
    count = counted_parts(state.credential.document)
    return CheckResult.not_done(
        CheckId.NESTED,
        f"Too many to check here: it includes {count} credentials and the kiosk checks at most "
        f"{MAX_PARTS}. Check it by other means.",
    )
