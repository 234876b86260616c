"""A CLR 2.0 record as a pathway: its included credentials as a tree, by its associations.

Nodes are the record's included credentials, keyed by the achievement id each one's signed
graph gives (`AchievementDetails.achievement_id`). `isParentOf` (source is the parent),
`isChildOf` and `isPartOf` (target is the parent) make the tree; `precedes` (and any other
association) is kept as a note on its source ("then: …"). A credential no association places
under another is a root; a cycle or a second parent is ignored (each node appears once).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.verification.model import PartReport, VerificationReport

PARENT_IS_SOURCE = frozenset({"isParentOf"})
PARENT_IS_TARGET = frozenset({"isChildOf", "isPartOf"})
WORDS = {"precedes": "then", "isPrerequisiteOf": "prerequisite of", "replacedBy": "replaced by"}


@dataclass
class PathwayNode:
    part: PartReport
    children: list[PathwayNode] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def pathway(report: VerificationReport) -> list[PathwayNode]:
    """The roots of the record's pathway (empty when it has no associations)."""
    if not report.fields.associations or not report.parts:
        return []
    nodes: dict[str, PathwayNode] = {}
    order: list[PathwayNode] = []
    for part in report.parts:
        node = PathwayNode(part)
        order.append(node)
        details = part.report.fields.details
        if details is not None and details.achievement_id:
            nodes.setdefault(details.achievement_id, node)
    parent_of: dict[int, PathwayNode] = {}
    for association in report.fields.associations:
        source, target = nodes.get(association.source_id), nodes.get(association.target_id)
        if source is None or target is None or source is target:
            continue
        kind = association.association_type
        if kind in PARENT_IS_SOURCE:
            parent, child = source, target
        elif kind in PARENT_IS_TARGET:
            parent, child = target, source
        else:
            source.notes.append(f"{WORDS.get(kind, kind)}: {target.part.label}")
            continue
        if id(child) in parent_of or _is_ancestor(child, parent, parent_of):
            continue
        parent_of[id(child)] = parent
        parent.children.append(child)
    return [node for node in order if id(node) not in parent_of]


def _is_ancestor(
    candidate: PathwayNode, node: PathwayNode, parent_of: dict[int, PathwayNode]
) -> bool:
    seen = node
    while True:
        if seen is candidate:
            return True
        parent = parent_of.get(id(seen))
        if parent is None:
            return False
        seen = parent


def pathway_lines(roots: list[PathwayNode]) -> list[tuple[str, PartReport]]:
    """(tree-drawn prefix and label, the part) per node, depth first."""
    lines: list[tuple[str, PartReport]] = []

    def walk(node: PathwayNode, prefix: str, last: bool, top: bool) -> None:
        branch = "" if top else ("└─ " if last else "├─ ")
        notes = f"  ({'; '.join(node.notes)})" if node.notes else ""
        lines.append((f"{prefix}{branch}{node.part.label}{notes}", node.part))
        inner = prefix if top else prefix + ("   " if last else "│  ")
        for index, child in enumerate(node.children):
            walk(child, inner, index == len(node.children) - 1, False)

    for root in roots:
        walk(root, "", True, True)
    return lines
