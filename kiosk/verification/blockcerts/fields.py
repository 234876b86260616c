"""What the verdict screen shows for a Blockcerts certificate.

The same fields as any credential (`kiosk.verification.fields`), read from where Blockcerts puts
them: v3 badge name in `credentialSubject.claim.name`, from the signed graph like every v3 field;
v2 (Open Badges 2.0) recipient name in `recipientProfile.name` and badge name in `badge.name`,
still from the JSON (a v2 certificate is not read from its graph yet). Values count as signed
only when the Merkle proof, the issuing key *and the anchor* passed: an unanchored
certificate's content is a claim; with no trust list naming the issuer, the issuer's claim.
The chain and the transaction are in the anchor check's line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.fields import field_source, shown_fields
from kiosk.verification.model import CheckId, CheckStatus, FieldSource, ShownField, ShownFields
from kiosk.verification.plain_text import plain_text
from kiosk.verification.vocab import CLAIM, CREDENTIAL_SUBJECT, NAME


def blockcerts_fields(state: CredentialState, statuses: dict[CheckId, CheckStatus]) -> ShownFields:
    """The shown fields of a Blockcerts certificate."""
    anchored = statuses.get(CheckId.ANCHOR) is CheckStatus.PASSED
    seen = dict(statuses) if anchored else {**statuses, CheckId.PROOF: CheckStatus.NOT_DONE}
    fields = shown_fields(state, seen)
    source = field_source(seen)
    document = state.credential.document

    def shown(value: Any) -> ShownField | None:
        text = plain_text(value, limit=120) if isinstance(value, str) else ""
        return ShownField(text, source) if text else None

    if state.credential.vc_version == "ob2":
        badge = _object(document.get("badge"))
        holder = shown(_v2_recipient_name(document))
        issuer = fields.issuer
        if issuer is not None and issuer.source is not FieldSource.TRUST_LIST:
            issuer = shown(_object(badge.get("issuer")).get("name")) or issuer
        return dataclasses.replace(
            fields,
            issuer=issuer,
            holder=holder or fields.holder,
            achievement=shown(badge.get("name")) or fields.achievement,
        )
    graph, root = state.credential.graph, state.credential.root
    if graph is None or root is None:
        return fields
    names = [  # v3: credentialSubject.claim.name (schema.org), read from the signed graph
        text
        for subject in graph.nodes(root, CREDENTIAL_SUBJECT)
        for claim in graph.nodes(subject, CLAIM)
        for text in graph.texts(claim, NAME)
    ]
    return dataclasses.replace(fields, achievement=shown(names[0]) if names else fields.achievement)


def _v2_recipient_name(document: Mapping[str, Any]) -> Any:
    for holder in (document, _object(document.get("recipient"))):
        name = _object(holder.get("recipientProfile")).get("name")
        if isinstance(name, str) and name.strip():
            return name
    return None


def _object(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
