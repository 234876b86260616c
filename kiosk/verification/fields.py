"""The fields shown to staff, read from the signed graph, each marked with its source.

Sources: the issuer's name comes from the trust list when a list vouches for the issuer and the
signature passed; every credential field is then `SIGNED`. When the signature passed but no
list names the issuer, every field — the issuer's own name included — is `ISSUER_CLAIM`: anyone
can sign a credential. When the signature did not pass (failed or not checked), every field is
`CLAIMED`: nothing is shown as fact. Values are read by full IRI from the graph the signature
covers (`signed_graph`), so a value the JSON spells in another way is still the one shown, and
a JSON value the graph does not hold is never shown.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.verification.achievement_details import Association
from kiosk.verification.achievement_reading import read_associations, read_details
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.graph_values import first_text
from kiosk.verification.model import CheckId, CheckStatus, FieldSource, ShownField, ShownFields
from kiosk.verification.plain_text import plain_text
from kiosk.verification.signed_graph import Node, SignedGraph
from kiosk.verification.vocab import (
    ACHIEVEMENT,
    CLR_CREDENTIAL,
    CREDENTIAL_SUBJECT,
    HASHED,
    IDENTIFIER,
    IDENTITY_HASH,
    IDENTITY_TYPE,
    ISSUER,
    NAME,
    local_name,
)


def format_instant(moment: datetime) -> str:
    """An instant as shown and exported: '2026-01-15 09:00 UTC'."""
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def field_source(statuses: dict[CheckId, CheckStatus]) -> FieldSource:
    """Where the credential's fields count as coming from, by the checks that passed."""
    signed = (
        statuses.get(CheckId.PROOF) is CheckStatus.PASSED
        and statuses.get(CheckId.ISSUER_KEY) is CheckStatus.PASSED
    )
    if not signed:
        return FieldSource.CLAIMED
    if statuses.get(CheckId.TRUST) is CheckStatus.PASSED:
        return FieldSource.SIGNED
    return FieldSource.ISSUER_CLAIM


def shown_fields(state: CredentialState, statuses: dict[CheckId, CheckStatus]) -> ShownFields:
    """Build the shown fields from the signed graph, each with its source."""
    source = field_source(statuses)
    credential = state.credential
    graph, root = credential.graph, credential.root

    def field(value: str | None) -> ShownField | None:
        text = plain_text(value) if value else ""
        return ShownField(text, source) if text else None

    def when(moment: datetime | None) -> ShownField | None:
        return None if moment is None else ShownField(format_instant(moment), source)

    issuer: ShownField | None
    if source is FieldSource.SIGNED and state.trust_match is not None:
        issuer = ShownField(plain_text(state.trust_match.issuer.name), FieldSource.TRUST_LIST)
    else:  # only the trust list names an issuer; what the credential says is a claim
        claimed = None if graph is None or root is None else _issuer_name(graph, root)
        text = plain_text(claimed or credential.issuer_id)
        issuer_source = FieldSource.CLAIMED if source is FieldSource.CLAIMED else source
        issuer = ShownField(text, issuer_source if text else source) if text else None
    if graph is None or root is None:
        holder = achievement = None
        details = None
        associations: tuple[Association, ...] = ()
    else:
        subject = next(iter(graph.nodes(root, CREDENTIAL_SUBJECT)), None)
        holder = field(None if subject is None else _holder_name(graph, subject))
        if CLR_CREDENTIAL in root.types:
            # A learner record names no achievement of its own: its subject node merges with
            # its included credentials' subjects (same id), whose achievements are theirs.
            achievement, details = field(first_text(root, NAME)), None
        else:
            achievement = field(_achievement_name(graph, root, subject))
            details = read_details(graph, root, source)
        associations = read_associations(graph, root)
    return ShownFields(
        issuer=issuer,
        holder=holder,
        achievement=achievement,
        issued=when(credential.issued),
        valid_from=when(credential.valid_from),
        valid_until=when(credential.valid_until),
        credential_type=credential.label,
        details=details,
        associations=associations,
        credential_id="" if root is None or root.is_blank else plain_text(root.id, limit=200),
    )


def _issuer_name(graph: SignedGraph, root: Node) -> str | None:
    for issuer in graph.nodes(root, ISSUER):
        name = first_text(issuer, NAME)
        if name:
            return name
    return None


def _holder_name(graph: SignedGraph, subject: Node) -> str | None:
    name = first_text(subject, NAME)
    if name:
        return name
    for identity in graph.nodes(subject, IDENTIFIER):
        kinds = {*graph.texts(identity, IDENTITY_TYPE)}
        kinds |= {local_name(i) for i in graph.ids(identity, IDENTITY_TYPE)}
        if kinds == {"name"} and graph.texts(identity, HASHED) == ("false",):
            plain = first_text(identity, IDENTITY_HASH)
            if plain:
                return plain
    return None if subject.is_blank else subject.id


def _achievement_name(graph: SignedGraph, root: Node, subject: Node | None) -> str | None:
    for achievement in graph.nodes(subject, ACHIEVEMENT) if subject is not None else ():
        name = first_text(achievement, NAME)
        if name:
            return name
    return first_text(root, NAME)
