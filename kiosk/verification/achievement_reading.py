"""Reading the achievement's details from the signed graph (`AchievementDetails`).

Open Badges 3.0 / CLR 2.0: the first credential subject's `achievement` (its description,
`Criteria` narrative, type, field of study, specialization, credits available, human code,
alignments), the subject's `creditsEarned` and `result`s (each named by the `ResultDescription`
it points to), and the credential's `evidence`. Several different values of a one-value field
are shown joined, so nothing signed is silently dropped; every text goes through `plain_text`.
"""

from __future__ import annotations

from kiosk.verification.achievement_details import (
    AchievementDetails,
    AchievementResult,
    Alignment,
    Association,
    Evidence,
)
from kiosk.verification.embedded_image import read_image
from kiosk.verification.model import FieldSource
from kiosk.verification.plain_text import plain_text
from kiosk.verification.signed_graph import Node, SignedGraph
from kiosk.verification.vocab import (
    ACHIEVED_LEVEL,
    ACHIEVEMENT,
    ACHIEVEMENT_TYPE,
    ALIGNMENT,
    ASSOCIATION_TYPE,
    CLR_ASSOCIATION,
    CREDENTIAL_SUBJECT,
    CREDITS_AVAILABLE,
    CREDITS_EARNED,
    CRITERIA,
    DESCRIPTION,
    EVIDENCE,
    FIELD_OF_STUDY,
    HUMAN_CODE,
    IMAGES,
    NAME,
    NARRATIVE,
    RESULT,
    RESULT_DESCRIPTION,
    SCHEMA_VALUE,
    SOURCE_ID,
    SPECIALIZATION,
    STATUS_OF_RESULT,
    TARGET_CODE,
    TARGET_FRAMEWORK,
    TARGET_ID,
    TARGET_NAME,
    TARGET_TYPE,
    TARGET_URL,
    URL,
    VALUE,
    local_name,
)

MAX_ITEMS = 20
"""At most this many alignments, results or evidence items are shown (the screen is not a list
browser; the rest are counted in nothing and left out)."""
LONG = 600
"""Longest description or narrative kept, in characters."""


def read_details(graph: SignedGraph, root: Node, source: FieldSource) -> AchievementDetails | None:
    """The achievement details of the credential `root`, or None when it states none."""
    subjects = graph.nodes(root, CREDENTIAL_SUBJECT)
    subject = subjects[0] if subjects else None
    achievements = graph.nodes(subject, ACHIEVEMENT) if subject is not None else ()
    achievement = achievements[0] if achievements else None
    evidence = tuple(_evidence(graph, node) for node in graph.nodes(root, EVIDENCE)[:MAX_ITEMS])
    if achievement is None and not evidence:
        return None
    texts = _Texts(graph)
    image, image_note = read_image(
        tuple(i for iri in IMAGES for i in graph.ids(achievement, iri)) if achievement else ()
    )
    return AchievementDetails(
        source=source,
        description=texts.of(achievement, DESCRIPTION, LONG),
        criteria=" ".join(
            texts.of(c, NARRATIVE, LONG)
            for c in (graph.nodes(achievement, CRITERIA) if achievement is not None else ())
        ).strip(),
        achievement_type=texts.of(achievement, ACHIEVEMENT_TYPE),
        field_of_study=texts.of(achievement, FIELD_OF_STUDY),
        specialization=texts.of(achievement, SPECIALIZATION),
        credits_available=texts.number(achievement, CREDITS_AVAILABLE),
        credits_earned=texts.number(subject, CREDITS_EARNED),
        human_code=texts.of(achievement, HUMAN_CODE),
        results=tuple(_result(graph, node) for node in _nodes(graph, subject, RESULT)[:MAX_ITEMS]),
        alignments=tuple(
            _alignment(graph, node) for node in _nodes(graph, achievement, ALIGNMENT)[:MAX_ITEMS]
        ),
        evidence=evidence,
        achievement_id=_iri(achievement),
        subject_id=_iri(subject),
        image=image,
        image_note=image_note,
    )


def read_associations(graph: SignedGraph, root: Node) -> tuple[Association, ...]:
    """The CLR 2.0 associations between the record's achievements, as signed."""
    found: list[Association] = []
    for subject in graph.nodes(root, CREDENTIAL_SUBJECT):
        for node in graph.nodes(subject, CLR_ASSOCIATION)[: MAX_ITEMS * 10]:
            kinds = [*graph.texts(node, ASSOCIATION_TYPE), *graph.ids(node, ASSOCIATION_TYPE)]
            sources = [*graph.texts(node, SOURCE_ID), *graph.ids(node, SOURCE_ID)]
            targets = [*graph.texts(node, TARGET_ID), *graph.ids(node, TARGET_ID)]
            if len(kinds) == 1 and len(sources) == 1 and len(targets) == 1:
                found.append(
                    Association(
                        plain_text(local_name(kinds[0]), limit=40),
                        plain_text(sources[0], limit=200),
                        plain_text(targets[0], limit=200),
                    )
                )
    return tuple(found)


def _iri(node: Node | None) -> str:
    return "" if node is None or node.is_blank else plain_text(node.id, limit=200)


class _Texts:
    """Plain texts of one property of a node: several values joined by " / "."""

    def __init__(self, graph: SignedGraph) -> None:
        self.graph = graph

    def of(self, node: Node | None, iri: str, limit: int = 160) -> str:
        if node is None or iri not in node.properties:
            return ""
        values = [*self.graph.texts(node, iri), *(local_name(i) for i in self.graph.ids(node, iri))]
        return plain_text(" / ".join(v for v in values if v.strip()), limit=limit)

    def number(self, node: Node | None, iri: str) -> str:
        if node is None or iri not in node.properties:
            return ""
        shown = []
        for text in self.graph.texts(node, iri):
            try:
                number = float(text)
            except ValueError:
                shown.append(text)
                continue
            shown.append(f"{number:g}")
        return plain_text(" / ".join(shown), limit=40)


def _nodes(graph: SignedGraph, node: Node | None, iri: str) -> tuple[Node, ...]:
    return () if node is None else graph.nodes(node, iri)


def _alignment(graph: SignedGraph, node: Node) -> Alignment:
    texts = _Texts(graph)
    return Alignment(
        target_name=texts.of(node, TARGET_NAME),
        target_framework=texts.of(node, TARGET_FRAMEWORK),
        target_code=texts.of(node, TARGET_CODE),
        target_type=texts.of(node, TARGET_TYPE),
        target_url=plain_text(" / ".join(_urls(graph, node, TARGET_URL)), limit=200),
    )


def _result(graph: SignedGraph, node: Node) -> AchievementResult:
    """One result. OB 3.0's `Result` context types `resultDescription` and `achievedLevel` as
    xsd:anyURI literals (ids of the achievement's `ResultDescription` / `RubricCriterionLevel`
    nodes) and maps `value` to schema.org's: both spellings are read."""
    texts = _Texts(graph)
    described = [
        *graph.nodes(node, RESULT_DESCRIPTION),
        *(graph.node(i, node.graph) for i in graph.texts(node, RESULT_DESCRIPTION)),
    ]
    label = " / ".join(t for d in described for t in graph.texts(d, NAME)) or "Result"
    levels = [
        *graph.nodes(node, ACHIEVED_LEVEL),
        *(graph.node(i, node.graph) for i in graph.texts(node, ACHIEVED_LEVEL)),
    ]
    value = (
        texts.of(node, SCHEMA_VALUE)
        or texts.of(node, VALUE)
        or plain_text(" / ".join(t for level in levels for t in graph.texts(level, NAME)))
        or texts.of(node, STATUS_OF_RESULT)
    )
    return AchievementResult(label=plain_text(label), value=value)


def _evidence(graph: SignedGraph, node: Node) -> Evidence:
    texts = _Texts(graph)
    urls = [*_urls(graph, node, URL)]
    if not node.is_blank:
        urls.insert(0, node.id)
    return Evidence(
        name=texts.of(node, NAME),
        narrative=texts.of(node, NARRATIVE, LONG),
        description=texts.of(node, DESCRIPTION, LONG),
        url=plain_text(" / ".join(dict.fromkeys(urls)), limit=200),
    )


def _urls(graph: SignedGraph, node: Node, iri: str) -> list[str]:
    return [*graph.texts(node, iri), *graph.ids(node, iri)]
