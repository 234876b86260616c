"""A typed reader over a credential's expanded JSON-LD: the data as the signature reads it.

A Data Integrity signature covers the RDF graph, not the JSON: `"validUntil"`,
`"https://www.w3.org/2018/credentials#validUntil"`, `"cred:validUntil"` through a prefix, an
alias from an inline context, a value object or a one-element array are all the same triple.
So every field a check reads or the screen shows is read here, from the safe-mode expansion
(`jsonld.canonicalize.expand_safely`, done once per verification and shared with the proof
check), by full IRI (`kiosk.verification.vocab`):

- node objects are merged by `@id` as RDF merges them (an embedded node, a reference elsewhere
  in the document, `@included`, `@reverse`), each in its own graph (a proof's named graph
  stays apart from the credential's);
- values are `Literal` (lexical form, datatype, language — compared as RDF compares them, so
  duplicates collapse), `Reference` (an IRI or blank node) or `ListValue` (`@list`, order kept);
- blank nodes get labels of our own, so a label written in the JSON cannot join two nodes
  that RDF would keep apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kiosk.verification.vocab import RDF_JSON, XSD

DEFAULT_GRAPH = "@default"


@dataclass(frozen=True, slots=True)
class Literal:
    """An RDF literal: its lexical form, datatype IRI and language tag."""

    lexical: str
    datatype: str = XSD + "string"
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """An IRI or a blank node (`_:…`) in the object position: another node, or a named graph."""

    id: str


@dataclass(frozen=True, slots=True)
class ListValue:
    """An RDF list (`@list`): the one value kind whose order and repeats mean something."""

    items: tuple[Value, ...]


Value = Literal | Reference | ListValue


@dataclass(slots=True)
class Node:
    """A subject in one graph: its types and its property values (IRI → distinct values)."""

    id: str
    graph: str
    types: list[str] = field(default_factory=list)
    properties: dict[str, dict[Value, None]] = field(default_factory=dict)
    """IRI → its distinct values, in document order (a dict as an ordered set: adding stays
    linear however many values one property has)."""
    occurrences: list[dict[str, Any]] = field(default_factory=list)
    """The expanded node objects that describe it, in document order (for re-compacting an
    included credential); empty when it is only referenced."""

    def add(self, iri: str, value: Value) -> None:
        self.properties.setdefault(iri, {})[value] = None  # RDF: a graph is a set of triples

    def values(self, iri: str) -> tuple[Value, ...]:
        return tuple(self.properties.get(iri, ()))

    @property
    def is_blank(self) -> bool:
        return self.id.startswith("_:")


class SignedGraph:
    """The expanded document as a set of graphs of merged nodes, with its one root node."""

    def __init__(self, expanded: list[Any]) -> None:
        self.graphs: dict[str, dict[str, Node]] = {DEFAULT_GRAPH: {}}
        self._blank_labels: dict[str, str] = {}
        self._counter = 0
        tops = [item for item in expanded if isinstance(item, dict)]
        self.top_ids = tuple(self._add_node(item, DEFAULT_GRAPH) for item in tops)

    # -- reading -----------------------------------------------------------------------------

    @property
    def root(self) -> Node | None:
        """The document's node: the one top-level node object, or None when there is not
        exactly one (a document that is a `@graph` of several nodes is not a credential)."""
        if len(self.top_ids) != 1:
            return None
        return self.graphs[DEFAULT_GRAPH][self.top_ids[0]]

    def node(self, node_id: str, graph: str = DEFAULT_GRAPH) -> Node:
        """The node `node_id` in `graph` (an empty node when the document does not describe it)."""
        found = self.graphs.get(graph, {}).get(node_id)
        return found if found is not None else Node(node_id, graph)

    def nodes(self, subject: Node, iri: str) -> tuple[Node, ...]:
        """The nodes `subject` points to through `iri` (literals are left out)."""
        return tuple(
            self.node(value.id, subject.graph)
            for value in subject.values(iri)
            if isinstance(value, Reference)
        )

    def graph_nodes(self, name: str) -> tuple[Node, ...]:
        """The top nodes of the named graph `name` (those no other node in it points to)."""
        members = self.graphs.get(name, {})
        pointed = {
            value.id
            for node in members.values()
            for values in node.properties.values()
            for value in values
            if isinstance(value, Reference)
        }
        return tuple(node for node in members.values() if node.id not in pointed)

    def named_graph_nodes(self, subject: Node, iri: str) -> tuple[Node, ...]:
        """The top nodes of each named graph `subject` points to through `iri` (a proof), or
        the node itself where the value is a node (a context without `@container: @graph`)."""
        found: list[Node] = []
        for value in subject.values(iri):
            if isinstance(value, Reference) and value.id in self.graphs:
                found.extend(self.graph_nodes(value.id))
            elif isinstance(value, Reference):
                found.append(self.node(value.id, subject.graph))
        return tuple(found)

    @staticmethod
    def texts(subject: Node, iri: str) -> tuple[str, ...]:
        """The distinct lexical forms of `subject`'s literals for `iri` (references left out)."""
        seen: list[str] = []
        for value in subject.values(iri):
            if isinstance(value, Literal) and value.lexical not in seen:
                seen.append(value.lexical)
        return tuple(seen)

    @staticmethod
    def ids(subject: Node, iri: str) -> tuple[str, ...]:
        """The IRIs or blank nodes `subject` points to through `iri`."""
        return tuple(v.id for v in subject.values(iri) if isinstance(v, Reference))

    def all_nodes(self) -> Iterator[Node]:
        for members in self.graphs.values():
            yield from members.values()

    # -- building ----------------------------------------------------------------------------

    def _blank(self, label: str | None = None) -> str:
        if label is not None and label in self._blank_labels:
            return self._blank_labels[label]
        self._counter += 1
        fresh = f"_:n{self._counter}"
        if label is not None:
            self._blank_labels[label] = fresh
        return fresh

    def _subject_id(self, item: dict[str, Any]) -> str:
        given = item.get("@id")
        if isinstance(given, str) and not given.startswith("_:"):
            return given
        return self._blank(given if isinstance(given, str) else None)

    def _add_node(self, item: dict[str, Any], graph: str) -> str:
        node_id = self._subject_id(item)
        members = self.graphs.setdefault(graph, {})
        node = members.get(node_id)
        if node is None:
            node = members[node_id] = Node(node_id, graph)
        if len(item) > 2 or not item.keys() <= {"@id", "@index"}:
            node.occurrences.append(item)
        for key, content in item.items():
            values = content if isinstance(content, list) else [content]
            if key[0] != "@":
                for value in values:
                    converted = self._value(value, graph)
                    if converted is not None:
                        node.add(key, converted)
            elif key == "@type":
                for type_iri in values:
                    if isinstance(type_iri, str) and type_iri not in node.types:
                        node.types.append(type_iri)
            elif key == "@graph":
                self.graphs.setdefault(node_id, {})
                for member in values:
                    if isinstance(member, dict):
                        self._add_node(member, node_id)
            elif key == "@included":
                for member in values:
                    if isinstance(member, dict):
                        self._add_node(member, graph)
            elif key == "@reverse" and isinstance(content, dict):
                for iri, reverse_values in content.items():
                    for member in reverse_values if isinstance(reverse_values, list) else []:
                        if isinstance(member, dict):
                            source = self._add_node(member, graph)
                            members[source].add(iri, Reference(node_id))
        return node_id

    def _value(self, value: Any, graph: str) -> Value | None:
        if not isinstance(value, dict):
            return None  # expansion never leaves a bare value; nothing to read
        if "@value" in value:
            return _literal(value)
        if "@list" in value:
            items = value["@list"] if isinstance(value["@list"], list) else []
            converted = (self._value(item, graph) for item in items)
            return ListValue(tuple(item for item in converted if item is not None))
        if "@graph" in value and not any(
            not k.startswith("@") or k in {"@type", "@reverse", "@included"} for k in value
        ):
            name = self._subject_id(value)
            self.graphs.setdefault(name, {})
            for member in value["@graph"] if isinstance(value["@graph"], list) else []:
                if isinstance(member, dict):
                    self._add_node(member, name)
            return Reference(name)
        return Reference(self._add_node(value, graph))


def _literal(value: dict[str, Any]) -> Literal:
    """An expanded value object as RDF reads it (JSON-LD 1.1 §8.6, object to RDF)."""
    raw = value["@value"]
    if len(value) == 1 and type(raw) is str:
        return Literal(raw)  # the common case: a plain string
    datatype = value.get("@type")
    language = value.get("@language")
    if datatype == "@json":
        text = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return Literal(text, RDF_JSON)
    if isinstance(raw, bool):
        return Literal("true" if raw else "false", datatype or XSD + "boolean")
    if isinstance(raw, float) and (
        not raw.is_integer() or abs(raw) >= 1e21 or datatype == XSD + "double"
    ):
        return Literal(
            f"{raw:1.15E}".replace("E+", "E").replace("+", ""), datatype or XSD + "double"
        )
    if isinstance(raw, (int, float)):
        return Literal(str(int(raw)), datatype or XSD + "integer")
    if isinstance(language, str):
        return Literal(str(raw), XSD + "langString", language.lower())
    return Literal(str(raw), datatype if isinstance(datatype, str) else XSD + "string")
