"""The node map of an expanded JSON-LD document (JSON-LD 1.1 API, Node Map Generation), in
linear time.

pyld's node map keeps each property's values in a list and, before adding a value, compares it
with every value already there: n distinct values in one array cost n²/2 comparisons. A
credential of 86,000 empty subjects (261 KB) ran for about an hour before the canonicalization
work limit could apply (issue 12, finding 4). Here each (graph, node, property) also keeps a set
of value keys, so a duplicate is found in constant time.

The output is the same map pyld builds, in the same order, with the same blank node labels:
the values are visited in pyld's order (properties sorted, `@reverse` in document order, blank
node types labelled first), and two values are duplicates exactly when pyld's `compare_values`
says so (equal strings; value objects with equal `@value`, `@type`, `@language` and `@index`,
where `true` is not `1`; objects with the same `@id`). The stored stock-pyld N-Quads and the
W3C rdf-canon suite in `tests/unit/jsonld/` check it byte for byte.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from pyld.identifier_issuer import IdentifierIssuer

from kiosk.verification.errors import JsonLdProcessingError

NodeMap = dict[str, dict[str, dict[str, Any]]]
"""Graph name → node identifier → node (pyld's shape: properties hold lists of values)."""


def _frozen(value: Any) -> Hashable:
    """A hashable stand-in equal to another exactly when the JSON values are `==` in Python."""
    if isinstance(value, dict):
        return frozenset((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, list):
        return ("[]", tuple(_frozen(item) for item in value))
    frozen: Hashable = value  # str, int, float, bool, None: hashing agrees with ==
    return frozen


def value_key(value: Any) -> Hashable:
    """The key under which pyld would find `value` a duplicate of an earlier one."""
    if isinstance(value, str):
        return ("type", value)
    if "@value" in value:
        literal = value["@value"]
        return (
            "value",
            value.get("@type"),
            value.get("@language"),
            value.get("@index"),
            isinstance(literal, bool),  # pyld never takes true for 1
            _frozen(literal),
        )
    return ("id", value["@id"])


class NodeMapBuilder:
    """Builds one node map; blank node labels come from `issuer` (pyld's `_:b` issuer)."""

    def __init__(self, issuer: IdentifierIssuer) -> None:
        self.issuer = issuer
        self.graphs: NodeMap = {"@default": {}}
        self._keys: dict[tuple[str, str, str], set[Hashable]] = {}

    def add(self, element: Any, graph: str = "@default") -> NodeMap:
        """Add an expanded document (or any expanded element) to the map; returns the map."""
        self._visit(element, graph, None, None, None)
        return self.graphs

    def _add_unique(self, graph: str, node: dict[str, Any], prop: str, value: Any) -> None:
        values = node.setdefault(prop, [])
        keys = self._keys.setdefault((graph, node["@id"], prop), set())
        key = value_key(value)
        if key not in keys:
            keys.add(key)
            values.append(value)

    def _visit(
        self,
        element: Any,
        graph: str,
        subject: str | dict[str, Any] | None,
        prop: str | None,
        list_: dict[str, list[Any]] | None,
    ) -> None:
        if isinstance(element, list):
            for item in element:
                self._visit(item, graph, subject, prop, list_)
            return
        nodes = self.graphs.setdefault(graph, {})
        subject_node = nodes.get(subject) if isinstance(subject, str) else None
        if "@value" in element:
            self._add_value_object(element, graph, subject_node, prop, list_)
        elif "@list" in element:
            inner: dict[str, list[Any]] = {"@list": []}
            self._visit(element["@list"], graph, subject, prop, inner)
            if list_ is not None:
                list_["@list"].append(inner)
            elif subject_node is not None and prop is not None:
                subject_node.setdefault(prop, []).append(inner)  # lists are never merged
        else:
            self._add_node(element, graph, subject, subject_node, prop, list_)

    def _add_value_object(
        self,
        element: dict[str, Any],
        graph: str,
        subject_node: dict[str, Any] | None,
        prop: str | None,
        list_: dict[str, list[Any]] | None,
    ) -> None:
        datatype = element.get("@type")
        if isinstance(datatype, str) and datatype.startswith("_:"):
            element["@type"] = self.issuer.get_id(datatype)
        if list_ is not None:
            list_["@list"].append(element)
        elif subject_node is not None and prop is not None:
            self._add_unique(graph, subject_node, prop, element)

    def _add_node(
        self,
        element: dict[str, Any],
        graph: str,
        subject: str | dict[str, Any] | None,
        subject_node: dict[str, Any] | None,
        prop: str | None,
        list_: dict[str, list[Any]] | None,
    ) -> None:
        issuer = self.issuer
        for type_iri in element.get("@type", ()):
            if type_iri.startswith("_:"):  # the spec labels blank node types first
                issuer.get_id(type_iri)
        node_id = element.get("@id")
        if node_id is None or str(node_id).startswith("_:"):
            node_id = issuer.get_id(node_id)
        nodes = self.graphs[graph]
        node = nodes.setdefault(node_id, {"@id": node_id})
        if isinstance(subject, dict) and prop is not None:  # reached through @reverse
            self._add_unique(graph, node, prop, subject)
        elif prop:
            reference = {"@id": node_id}
            if list_ is not None:
                list_["@list"].append(reference)
            elif subject_node is not None:
                self._add_unique(graph, subject_node, prop, reference)
        for key, objects in sorted(element.items()):
            self._add_property(node, node_id, graph, key, objects)

    def _add_property(
        self, node: dict[str, Any], node_id: str, graph: str, key: str, objects: Any
    ) -> None:
        if key == "@id":
            return
        if key == "@reverse":
            referenced = {"@id": node_id}
            for reverse_prop, items in objects.items():
                for item in items:
                    self._visit(item, graph, referenced, reverse_prop, None)
        elif key == "@graph":
            self.graphs.setdefault(node_id, {})
            self._visit(objects, node_id, None, None, None)
        elif key == "@included":
            self._visit(objects, graph, None, None, None)
        elif key != "@type" and key.startswith("@"):
            if key == "@index" and key in node and node[key] != objects:
                raise JsonLdProcessingError(
                    "The credential is not valid JSON-LD (conflicting @index values)."
                )
            node[key] = objects
        else:
            if key.startswith("_:"):
                key = self.issuer.get_id(key)
            if not objects:
                node.setdefault(key, [])
            for item in objects:
                if key == "@type":
                    label = self.issuer.get_id(item) if item.startswith("_:") else item
                    self._add_unique(graph, node, key, label)
                else:
                    self._visit(item, graph, node_id, key, None)


def build_node_map(expanded: Any, issuer: IdentifierIssuer) -> NodeMap:
    """The node map of an expanded document, labelling blank nodes with `issuer`."""
    return NodeMapBuilder(issuer).add(expanded)
