"""The profiles: one per kind of document, as data (see `docs/architecture.md`).

| profile                | steps (in order)                                 | required      |
|------------------------|--------------------------------------------------|---------------|
| credential (VC 1.1/2.0,| part count, format, issuer key, proof, dates,    | format, key,  |
| OB 3.0, CLR 2.0, JWT)  | status, trust, nested                            | proof, dates, |
|                        |                                                  | trust         |
| Blockcerts certificate | format, Merkle proof, anchor, issuing address,   | the same and  |
|                        | dates, status or revocation list, trust, nested  | anchor        |
| status-list credential | format, issuer key, proof, dates                 | all four      |
| presentation (JSON-LD, | format, holder proof, holder, nested             | all four      |
| JWT)                   |                                                  |               |

Which profile: the pipeline asks `credential_profile` for a parsed credential (Blockcerts or
not); presentations and status lists are chosen by where the document comes from (a presentation
envelope or type; a list fetched for a status entry), never by a flag read inside a check.
"""

from __future__ import annotations

from kiosk.verification.blockcerts.certificate import is_blockcerts
from kiosk.verification.blockcerts.fields import blockcerts_fields
from kiosk.verification.blockcerts.issuer_check import check_issuing_key
from kiosk.verification.blockcerts.proof_check import check_merkle_proof
from kiosk.verification.blockcerts.status_check import applies_to_blockcerts, check_revocation
from kiosk.verification.checks.anchor import check_anchor
from kiosk.verification.checks.dates import check_dates
from kiosk.verification.checks.format import check_format
from kiosk.verification.checks.issuer_key import check_issuer_key
from kiosk.verification.checks.nested import check_nested, has_included_credentials
from kiosk.verification.checks.part_count import check_part_count, has_too_many_parts
from kiosk.verification.checks.proof import check_proof
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.checks.status import check_status, has_status_entry
from kiosk.verification.checks.trust import check_trust
from kiosk.verification.credential import ParsedCredential
from kiosk.verification.fields import shown_fields
from kiosk.verification.model import CheckId, CheckStatus, ShownFields
from kiosk.verification.presentation import (
    PresentationState,
    check_credentials,
    check_holder,
    check_holder_proof,
    check_presentation_format,
    presentation_fields,
)
from kiosk.verification.steps import DATES_NOT_CONFIRMED, Profile, ProofNeed, Statuses, Step

CredentialStep = Step[CredentialState]

_PART_COUNT: CredentialStep = Step(
    CheckId.NESTED,
    check_part_count,
    "counting the included credentials",
    stops_if_not_done=True,
    applies=has_too_many_parts,
)
_FORMAT: CredentialStep = Step(
    CheckId.FORMAT, check_format, "reading the credential", stops_on_failure=True, parses=True
)
_ISSUER_KEY: CredentialStep = Step(CheckId.ISSUER_KEY, check_issuer_key, "finding the issuer's key")
_PROOF: CredentialStep = Step(CheckId.PROOF, check_proof, "checking the signature")
_DATES: CredentialStep = Step(
    CheckId.DATES,
    check_dates,
    "checking the dates",
    proof_need=ProofNeed.PASSED_TO_PASS,
    not_done_reason=DATES_NOT_CONFIRMED,
)
_STATUS: CredentialStep = Step(
    CheckId.STATUS,
    check_status,
    "checking for revocation",
    proof_need=ProofNeed.NOT_FAILED,
    applies=has_status_entry,
)
_TRUST: CredentialStep = Step(
    CheckId.TRUST, check_trust, "checking the trust list", proof_need=ProofNeed.PASSED
)
_NESTED: CredentialStep = Step(
    CheckId.NESTED,
    check_nested,
    "checking the included credentials",
    proof_need=ProofNeed.NOT_FAILED,
    applies=has_included_credentials,
)


def _credential_fields(state: CredentialState, statuses: Statuses) -> ShownFields:
    """Nothing is shown of a document that was not read as a credential."""
    if statuses.get(CheckId.FORMAT) is not CheckStatus.PASSED:
        return ShownFields()
    return shown_fields(state, dict(statuses))


def _blockcerts_fields(state: CredentialState, statuses: Statuses) -> ShownFields:
    if statuses.get(CheckId.FORMAT) is not CheckStatus.PASSED:
        return ShownFields()
    return blockcerts_fields(state, dict(statuses))


CREDENTIAL: Profile[CredentialState] = Profile(
    name="credential",
    steps=(_PART_COUNT, _FORMAT, _ISSUER_KEY, _PROOF, _DATES, _STATUS, _TRUST, _NESTED),
    required=frozenset(
        {CheckId.FORMAT, CheckId.ISSUER_KEY, CheckId.PROOF, CheckId.DATES, CheckId.TRUST}
    ),
    signature=frozenset({CheckId.ISSUER_KEY, CheckId.PROOF}),
    shows=_credential_fields,
)
"""VC 1.1 / 2.0 credentials (Open Badges 3.0, CLR 2.0), Data Integrity or JWT-secured."""

BLOCKCERTS: Profile[CredentialState] = Profile(
    name="Blockcerts certificate",
    steps=(
        _FORMAT,
        Step(CheckId.PROOF, check_merkle_proof, "checking the Merkle proof"),
        Step(
            CheckId.ANCHOR,
            check_anchor,
            "asking the blockchain explorers",
            proof_need=ProofNeed.NOT_FAILED,
        ),
        Step(
            CheckId.ISSUER_KEY,
            check_issuing_key,
            "checking the issuing address",
            proof_need=ProofNeed.NOT_FAILED,
        ),
        _DATES,
        _STATUS,
        Step(
            CheckId.STATUS,
            check_revocation,
            "checking for revocation",
            proof_need=ProofNeed.NOT_FAILED,
            applies=applies_to_blockcerts,
        ),
        _TRUST,
        _NESTED,
    ),
    required=CREDENTIAL.required | {CheckId.ANCHOR},
    signature=frozenset({CheckId.PROOF, CheckId.ANCHOR, CheckId.ISSUER_KEY}),
    shows=_blockcerts_fields,
)
"""A Blockcerts certificate is VERIFIED only with its blockchain anchor checked and passed: its
signature is the Merkle proof, the anchor and the issuing address together."""

STATUS_LIST: Profile[CredentialState] = Profile(
    name="status list credential",
    steps=(_FORMAT, _ISSUER_KEY, _PROOF, _DATES),
    required=frozenset({CheckId.FORMAT, CheckId.ISSUER_KEY, CheckId.PROOF, CheckId.DATES}),
    signature=CREDENTIAL.signature,
)
"""A status list fetched for a credential's status entry: no status of its own (no recursion),
no trust (it inherits the credential issuer's), nothing shown."""

PRESENTATION: Profile[PresentationState] = Profile(
    name="presentation",
    steps=(
        Step(
            CheckId.FORMAT,
            check_presentation_format,
            "checking the presentation",
            stops_on_failure=True,
            stops_if_not_done=True,
            parses=True,
        ),
        Step(CheckId.PROOF, check_holder_proof, "checking the presenter's signature"),
        Step(CheckId.HOLDER, check_holder, "checking the holder"),
        Step(CheckId.NESTED, check_credentials, "checking the credentials inside"),
    ),
    required=frozenset({CheckId.FORMAT, CheckId.PROOF, CheckId.HOLDER, CheckId.NESTED}),
    signature=frozenset({CheckId.PROOF}),
    shows=lambda state, _statuses: presentation_fields(state),
)
"""A presentation's credentials are checked one by one whatever its holder proof says."""


def credential_profile(credential: ParsedCredential) -> Profile[CredentialState]:
    """The profile for a credential met on its own or inside another."""
    return BLOCKCERTS if is_blockcerts(credential) else CREDENTIAL


PROFILES = (CREDENTIAL, BLOCKCERTS, STATUS_LIST, PRESENTATION)
"""Every profile (for documentation and tests)."""

__all__ = [
    "BLOCKCERTS",
    "CREDENTIAL",
    "PRESENTATION",
    "PROFILES",
    "STATUS_LIST",
    "credential_profile",
]
