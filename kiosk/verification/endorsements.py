"""Endorsements: `EndorsementCredential`s embedded in a credential, its issuer or its achievement.

Each is read from the outer credential's signed graph (OB 3.0 `endorsement` nodes, or
`endorsementJwt` compact JWS texts), re-compacted with the outer credential's bundled contexts
like a CLR's included credentials, and verified by the same pipeline (`CredentialState.
verify_part`, one level down). Each gets its own report and verdict; none changes the outer
credential's verdict, so a failed endorsement is shown as failed and lends no weight. Labels say
what is endorsed (never a name the endorsement claims): its verdict screen shows who signed it.
"""

from __future__ import annotations

from kiosk.verification.checks.nested import unreadable_part
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.errors import VerificationError, as_check_result
from kiosk.verification.jsonld.compaction import compact_node
from kiosk.verification.model import CheckId, CheckResult, PartReport, VerificationReport
from kiosk.verification.signed_graph import Literal, Node, Reference, SignedGraph
from kiosk.verification.vocab import (
    ACHIEVEMENT,
    CREDENTIAL_SUBJECT,
    ENDORSEMENT,
    ENDORSEMENT_JWT,
    ISSUER,
)

MAX_ENDORSEMENTS = 10
"""At most this many endorsements are verified; more are refused as one failed entry."""


def endorsement_items(graph: SignedGraph, root: Node) -> list[tuple[str, Node | str]]:
    """(what is endorsed, the endorsement node or JWS text), in the order the graph gives."""
    holders: list[tuple[str, Node]] = [("the credential", root)]
    holders += [("the issuer", node) for node in graph.nodes(root, ISSUER)]
    for subject in graph.nodes(root, CREDENTIAL_SUBJECT):
        holders += [("the achievement", node) for node in graph.nodes(subject, ACHIEVEMENT)]
    found: list[tuple[str, Node | str]] = []
    for what, holder in holders:
        for iri in (ENDORSEMENT, ENDORSEMENT_JWT):
            for value in holder.values(iri):
                if isinstance(value, Literal):
                    found.append((what, value.lexical))
                elif isinstance(value, Reference):
                    found.append((what, graph.node(value.id, holder.graph)))
    return found


def verify_endorsements(state: CredentialState) -> tuple[PartReport, ...]:
    """Each embedded endorsement's own report (empty when there are none)."""
    graph, root = state.credential.graph, state.credential.root
    if graph is None or root is None or state.verify_part is None:
        return ()
    items = endorsement_items(graph, root)
    if not items:
        return ()
    if len(items) > MAX_ENDORSEMENTS:
        refused = CheckResult.failed(
            CheckId.FORMAT, f"It carries more than {MAX_ENDORSEMENTS} endorsements."
        )
        return (PartReport("Endorsements", _alone(refused, state)),)
    context = state.credential.document.get("@context")
    contexts = context if isinstance(context, list) else [context]
    reports: list[PartReport] = []
    for what, item in items:
        label = f"Endorsement of {what}"
        if isinstance(item, str):
            reports.append(PartReport(label, state.verify_part(item)))
            continue
        problem = unreadable_part(graph, item, "An endorsement")
        if problem is not None:
            reports.append(PartReport(label, _alone(problem, state)))
            continue
        for occurrence in item.occurrences:
            try:
                document = compact_node(occurrence, contexts, state.context.contexts)
            except VerificationError as error:
                failed = as_check_result(CheckId.FORMAT, error)
                reports.append(PartReport(label, _alone(failed, state)))
                continue
            reports.append(PartReport(label, state.verify_part(document)))
    return tuple(reports)


def _alone(result: CheckResult, state: CredentialState) -> VerificationReport:
    return VerificationReport(checks=(result,), checked_at=state.context.now)


