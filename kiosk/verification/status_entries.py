"""A credential's status entries, rebuilt from its signed graph for the status methods.

The status methods (`kiosk.verification.status`) read an entry as a JSON object with canonical
key names (`statusListIndex`, `statusListCredential`, …). Here each `credentialStatus` node of
the signed graph becomes such an object: keys are the local names of the IRIs of the status
vocabularies (`vocab.STATUS_NAMESPACES`), values the literals' lexical forms or the referenced
IRIs. Whatever spelling the JSON used, the method reads what was signed; a property given two
different values becomes a list, which every method refuses as malformed.
"""

from __future__ import annotations

from typing import Any

from kiosk.verification.signed_graph import ListValue, Literal, Node, SignedGraph
from kiosk.verification.vocab import CREDENTIAL_STATUS, STATUS_NAMESPACES, local_name

MAX_DEPTH = 3
"""How deep an entry's own nodes are rebuilt (`statusMessage` items are one level down)."""


def has_status_entries(graph: SignedGraph | None) -> bool:
    """Whether the credential's signed graph names any `credentialStatus`."""
    root = None if graph is None else graph.root
    return root is not None and bool(root.values(CREDENTIAL_STATUS))


def status_entries(graph: SignedGraph) -> list[Any]:
    """Each `credentialStatus` value as a JSON object (a literal stays a string: malformed)."""
    root = graph.root
    if root is None:
        return []
    entries: list[Any] = []
    for value in root.values(CREDENTIAL_STATUS):
        if isinstance(value, Literal):
            entries.append(value.lexical)
        elif isinstance(value, ListValue):
            entries.append([])
        else:
            entries.append(_rebuild(graph, graph.node(value.id, root.graph), 0))
    return entries


def _rebuild(graph: SignedGraph, node: Node, depth: int) -> dict[str, Any]:
    rebuilt: dict[str, Any] = {}
    if not node.is_blank:
        rebuilt["id"] = node.id
    if node.types:
        names = [local_name(t) for t in node.types]
        rebuilt["type"] = names[0] if len(names) == 1 else names
    for iri, values in node.properties.items():
        if not iri.startswith(STATUS_NAMESPACES):
            continue
        name = local_name(iri)
        converted = [_convert(graph, node, value, depth) for value in values]
        if name in rebuilt and name not in {"id", "type"}:
            existing = rebuilt[name]
            converted = [*(existing if isinstance(existing, list) else [existing]), *converted]
        if name == "statusMessage":
            rebuilt[name] = converted
        else:
            rebuilt[name] = converted[0] if len(converted) == 1 else converted
    return rebuilt


def _convert(graph: SignedGraph, node: Node, value: Any, depth: int) -> Any:
    if isinstance(value, Literal):
        return value.lexical
    if isinstance(value, ListValue):
        return [_convert(graph, node, item, depth) for item in value.items]
    target = graph.node(value.id, node.graph)
    if target.properties and depth < MAX_DEPTH:
        return _rebuild(graph, target, depth + 1)
    return value.id
