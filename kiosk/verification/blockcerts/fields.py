"""What the verdict screen shows for a Blockcerts certificate.

The same fields as any credential (`kiosk.verification.fields`), read from where Blockcerts puts
them: v2 recipient name in `recipientProfile.name`, badge name in `badge.name`; v3 badge name in
`credentialSubject.claim.name`. Values count as signed only when the Merkle proof, the issuing
key *and the anchor* passed: an unanchored certificate's content is a claim. The chain and the
transaction are in the anchor check's line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.fields import shown_fields
from kiosk.verification.model import CheckId, CheckStatus, FieldSource, ShownField, ShownFields
from kiosk.verification.plain_text import plain_text


def blockcerts_fields(state: CredentialState, statuses: dict[CheckId, CheckStatus]) -> ShownFields:
    """The shown fields of a Blockcerts certificate."""
    anchored = statuses.get(CheckId.ANCHOR) is CheckStatus.PASSED
    seen = dict(statuses) if anchored else {**statuses, CheckId.PROOF: CheckStatus.NOT_DONE}
    fields = shown_fields(state, seen)
    source = (
        FieldSource.SIGNED
        if seen.get(CheckId.PROOF) is CheckStatus.PASSED
        and seen.get(CheckId.ISSUER_KEY) is CheckStatus.PASSED
        else FieldSource.CLAIMED
    )
    document = state.credential.document

    def shown(value: Any) -> ShownField | None:
        text = plain_text(value, limit=120) if isinstance(value, str) else ""
        return ShownField(text, source) if text else None

    if state.credential.vc_version == "ob2":
        badge = _object(document.get("badge"))
        holder = shown(_v2_recipient_name(document))
        issuer = fields.issuer
        if issuer is not None and issuer.source is FieldSource.CLAIMED:
            claimed = shown(_object(badge.get("issuer")).get("name"))
            issuer = ShownField(claimed.value, FieldSource.CLAIMED) if claimed else issuer
        return dataclasses.replace(
            fields,
            issuer=issuer,
            holder=holder or fields.holder,
            achievement=shown(badge.get("name")) or fields.achievement,
        )
    subject = document.get("credentialSubject")
    first = _object(subject[0] if isinstance(subject, list) and subject else subject)
    claim = _object(first.get("claim"))
    return dataclasses.replace(fields, achievement=shown(claim.get("name")) or fields.achievement)


def _v2_recipient_name(document: Mapping[str, Any]) -> Any:
    for holder in (document, _object(document.get("recipient"))):
        name = _object(holder.get("recipientProfile")).get("name")
        if isinstance(name, str) and name.strip():
            return name
    return None


def _object(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
