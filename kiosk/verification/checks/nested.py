"""Nested check: every credential inside this one (a CLR 2.0 transcript's achievements) is
verified by the same pipeline and the same rule, and reported one by one.

The included credentials are read from the signed graph (`clr:verifiableCredential` of a
`ClrCredential`'s subject), whatever spelling the JSON used: a compact JWS is a literal there,
a JSON credential a node, which is compacted back to JSON with the outer credential's bundled
contexts and verified as that (same graph, same signature for every RDF-canonicalized proof).
"""

from __future__ import annotations

from typing import Any

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.jsonld.compaction import compact_node
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    PartReport,
    Verdict,
    VerificationReport,
)
from kiosk.verification.plain_text import plain_text
from kiosk.verification.signed_graph import Literal, Node, Reference, SignedGraph
from kiosk.verification.vocab import (
    ACHIEVEMENT,
    CLR_CREDENTIAL,
    CLR_VERIFIABLE_CREDENTIAL,
    CREDENTIAL_SUBJECT,
    NAME,
    PROOF,
    SEC,
)

MAX_PARTS = 200
"""More included credentials than this are refused as malformed (a payload is not a library)."""
JCS_SUITES = frozenset({"eddsa-jcs-2022", "ecdsa-jcs-2019"})
"""Suites that sign the JSON text: an included credential read from the graph cannot be checked
against them (its JSON text is not what the graph keeps)."""


def included_credentials(state: CredentialState) -> list[Node | str]:
    """The credentials a CLR's subject carries, as the signed graph has them: a node, or the
    text of a compact JWS. (A node described in several places is checked once per place in
    `check_nested`: RDF merges them, but each was signed on its own.)"""
    graph, root = state.credential.graph, state.credential.root
    if graph is None or root is None or CLR_CREDENTIAL not in root.types:
        return []
    found: list[Node | str] = []
    for subject in graph.nodes(root, CREDENTIAL_SUBJECT):
        for value in subject.values(CLR_VERIFIABLE_CREDENTIAL):
            if isinstance(value, Literal):
                found.append(value.lexical)
            elif isinstance(value, Reference):
                found.append(graph.node(value.id, subject.graph))
    return found


def has_included_credentials(state: CredentialState) -> bool:
    return bool(included_credentials(state))


def check_nested(state: CredentialState) -> CheckResult:
    items = included_credentials(state)
    count = sum(len(i.occurrences) if isinstance(i, Node) else 1 for i in items)
    if count > MAX_PARTS or state.verify_part is None:
        return CheckResult.not_done(
            CheckId.NESTED,
            f"Too many to check here: it includes {count} credentials and the kiosk checks at "
            f"most {MAX_PARTS}. Check it by other means.",
        )
    graph = state.credential.graph
    assert graph is not None  # included_credentials found some
    context = state.credential.document.get("@context")
    contexts = context if isinstance(context, list) else [context]
    for position, item in enumerate(items, start=1):
        if isinstance(item, str):
            label = f"Credential {position}"
            state.parts.append(PartReport(label, state.verify_part(item)))
            continue
        problem = unreadable_part(graph, item)
        if problem is not None:
            report = VerificationReport(checks=(problem,), checked_at=state.context.now)
            state.parts.append(PartReport(f"Credential {position}", report))
            continue
        for occurrence in item.occurrences:
            label = part_label_of(occurrence, position)
            document = compact_node(occurrence, contexts, state.context.contexts)
            state.parts.append(PartReport(label, state.verify_part(document)))
    return summarise_parts(tuple(state.parts))


def unreadable_part(
    graph: SignedGraph, node: Node, what: str = "An included credential"
) -> CheckResult | None:
    """The format result of a credential inside another (`what`: "An included credential",
    "An endorsement") that cannot be verified from the graph, or None when it can."""
    if not node.occurrences:
        return CheckResult.failed(CheckId.FORMAT, f"{what} is given only by reference.")
    suites = {
        value.lexical
        for proof in graph.named_graph_nodes(node, PROOF)
        for value in proof.values(SEC + "cryptosuite")
        if isinstance(value, Literal)
    }
    if suites & JCS_SUITES:
        return CheckResult.not_done(
            CheckId.FORMAT,
            f"{what} signed over its JSON text (JCS) cannot be checked inside another "
            "credential yet: check it on its own.",
        )
    return None


def summarise_parts(parts: tuple[PartReport, ...]) -> CheckResult:
    """One `nested` result for included credentials, by the verdict rule applied to them."""
    failed = [p for p in parts if p.report.verdict is Verdict.NOT_VERIFIED]
    manual = [p for p in parts if p.report.verdict is Verdict.CHECK_MANUALLY]
    details = tuple(
        f"{p.label}: {p.report.verdict.value} — {p.report.headline_reason}" for p in parts
    )
    total = len(parts)
    if failed:
        return CheckResult.failed(
            CheckId.NESTED,
            f"{len(failed)} of {total} included credentials are NOT VERIFIED.",
            *details,
        )
    if manual:
        return CheckResult.not_done(
            CheckId.NESTED,
            f"{len(manual)} of {total} included credentials need checking by hand.",
            *details,
        )
    return CheckResult.passed(
        CheckId.NESTED, f"All {total} included credentials are verified.", *details
    )


def part_label_of(occurrence: dict[str, Any], position: int) -> str:
    """Plain words naming an included credential (one expanded node object): its achievement
    or name, else its position."""
    graph = SignedGraph([occurrence])
    item = graph.root
    if item is not None:
        names = [
            *(
                text
                for subject in graph.nodes(item, CREDENTIAL_SUBJECT)
                for achievement in graph.nodes(subject, ACHIEVEMENT)
                for text in graph.texts(achievement, NAME)
            ),
            *graph.texts(item, NAME),
        ]
        for candidate in names:
            if candidate.strip():
                return plain_text(candidate, limit=80)
    return f"Credential {position}"


def part_label(item: Any, position: int) -> str:
    """Plain words naming a presentation's credential (read from its JSON: the presentation
    path still reads JSON keys), else its position."""
    if isinstance(item, dict):
        subject = item.get("credentialSubject")
        achievement = subject.get("achievement") if isinstance(subject, dict) else None
        for candidate in (
            achievement.get("name") if isinstance(achievement, dict) else None,
            item.get("name"),
        ):
            if isinstance(candidate, str) and candidate.strip():
                return plain_text(candidate, limit=80)
    return f"Credential {position}"
