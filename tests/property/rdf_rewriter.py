"""An RDF-equivalence rewriter: the same credential graph, written in other JSON-LD spellings.

What an attacker can change without touching a Data Integrity signature (it covers the RDF
dataset): a term written as its full IRI, as a compact IRI through a prefix added in an inline
context, under an alias added in an inline context, a value written as a value object
(`{"@value": …, "@type": …}`) or a node reference, one value ↔ a one-element array, a value
given twice (RDF keeps one triple), `id`/`type` ↔ `@id`/`@type`, and key order.

It never touches `proof` or `@context` beyond appending one inline context (the kiosk's gate
refuses a proof under another spelling; `@context` is JSON syntax). Every rewrite it returns is
checked to canonicalize to the same N-Quads as the original (`equivalent`), so a rewriter bug
can never pass for a kiosk bug.

How it knows each key's IRI: one expansion of a copy whose leaf values are unique marker IRIs
(`urn:rewriter:N`); each marker's path of property IRIs in the expanded output names the IRI of
every key on its JSON path. The expanded value a key is replaced by comes from the expansion of
the original, walked along the same path.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from kiosk.verification.errors import VerificationError
from kiosk.verification.jsonld.canonicalize import canonicalize, expand_leniently

JsonObject = dict[str, Any]
Path = tuple[str | int, ...]
MARKER = "urn:rewriter:"
SKIPPED_KEYS = frozenset({"@context", "proof", "id", "type"})
"""Keys the rewriter never rewrites into other IRIs (keywords, and the gated `proof`)."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One key of one JSON object the rewriter may respell."""

    parent: Path
    """Path (keys and indices) from the root to the object holding the key."""
    key: str
    iri: str
    expanded: tuple[Any, ...]
    """The key's values in the original's expansion (what the graph holds for it)."""
    literal_only: bool
    """Every value is a literal or an IRI (no embedded node): safe to duplicate."""
    special_container: bool
    """`@list`, `@graph` or `@json`: values cannot be respelled one by one."""


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One step: `kind` at slot `slot` (an index into `slots`)."""

    kind: str
    slot: int


KINDS = ("full-iri", "prefix", "alias", "value-object", "array", "duplicate", "keyword", "order")


def find_slots(document: JsonObject) -> list[Slot]:
    """Every key the rewriter may respell in `document` (outside `proof` and `@context`)."""
    marked, leaves = _marked_copy(document)
    marker_paths = _marker_paths(expand_leniently(marked))
    iri_of: dict[Path, str] = {}
    for number, json_path in leaves.items():
        steps = marker_paths.get(number)
        if steps is None:
            continue
        keys = [(i, step) for i, step in enumerate(json_path) if isinstance(step, str)]
        if len(keys) != len(steps):
            continue
        for (position, _key), iri in zip(keys, steps, strict=True):
            iri_of[json_path[: position + 1]] = iri
    expanded = expand_leniently(document)
    slots: list[Slot] = []
    if len(expanded) == 1:
        _walk(document, expanded[0], (), iri_of, slots)
    return slots


def rewrite(document: JsonObject, slots: list[Slot], steps: list[Rewrite]) -> JsonObject:
    """`document` respelled by `steps` (deepest first; a step whose place is gone is skipped)."""
    result = copy.deepcopy(document)
    added: JsonObject = {}
    ordered = sorted(steps, key=lambda s: -len(slots[s.slot].parent))
    for number, step in enumerate(ordered):
        slot = slots[step.slot]
        parent = _navigate(result, slot.parent)
        if not isinstance(parent, dict) or slot.key not in parent:
            continue
        _apply(step.kind, parent, slot, number, added)
    if added:
        context = result["@context"]
        result["@context"] = [*(context if isinstance(context, list) else [context]), added]
    return result


def equivalent(original: JsonObject, rewritten: JsonObject) -> bool:
    """Both canonicalize (safe mode, without the proof) to the same RDF dataset."""
    try:
        return canonical(original) == canonical(rewritten)
    except VerificationError:
        return False


def canonical(document: JsonObject) -> str:
    """The canonical N-Quads of `document` without its proof (safe mode: raises as the kiosk)."""
    return canonicalize({k: v for k, v in document.items() if k != "proof"})


def _apply(kind: str, parent: JsonObject, slot: Slot, number: int, added: JsonObject) -> None:
    value = parent[slot.key]
    expanded = list(copy.deepcopy(slot.expanded))
    if kind == "order":
        items = list(parent.items())
        parent.clear()
        parent.update(reversed(items))
    elif kind == "keyword":
        for alias, keyword in (("id", "@id"), ("type", "@type")):
            if alias in parent and keyword not in parent:
                parent[keyword] = parent.pop(alias)
    elif kind == "array" and not slot.special_container:
        if isinstance(value, list) and len(value) == 1:
            parent[slot.key] = value[0]
        elif not isinstance(value, list):
            parent[slot.key] = [value]
    elif kind == "duplicate" and slot.literal_only and not slot.special_container:
        items = value if isinstance(value, list) else [value]
        parent[slot.key] = [*items, items[0]]
    elif kind == "value-object" and not slot.special_container:
        parent[slot.key] = expanded
    elif kind == "full-iri" and slot.iri not in parent:
        del parent[slot.key]
        parent[slot.iri] = expanded
    elif kind == "prefix" and slot.iri not in parent:
        cut = max(slot.iri.rfind("#"), slot.iri.rfind("/")) + 1
        prefix, local = f"zp{number}", slot.iri[cut:]
        if cut and local and not local.startswith("/"):
            added[prefix] = slot.iri[:cut]
            del parent[slot.key]
            parent[f"{prefix}:{local}"] = expanded
    elif kind == "alias":
        alias = f"za{number}"
        added[alias] = {"@id": slot.iri}
        del parent[slot.key]
        parent[alias] = expanded


def _marked_copy(document: JsonObject) -> tuple[JsonObject, dict[int, Path]]:
    leaves: dict[int, Path] = {}

    def mark(value: Any, path: Path) -> Any:
        """`path` ends with the value's index under its key (0 for a single value)."""
        if isinstance(value, dict):
            marked: JsonObject = {}
            for key, child in value.items():
                if key.startswith("@") or key in SKIPPED_KEYS:
                    marked[key] = child
                elif isinstance(child, list):
                    marked[key] = [mark(item, (*path, key, i)) for i, item in enumerate(child)]
                else:
                    marked[key] = mark(child, (*path, key, 0))
            return marked
        if isinstance(value, list):
            return value  # a list in a list (JSON-LD 1.1 lists of lists): left alone
        number = len(leaves)
        leaves[number] = path
        return f"{MARKER}{number}"

    return mark(document, ()), leaves


def _marker_paths(expanded: list[Any]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}

    def visit(node: Any, iris: list[str]) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item, iris)
            return
        if not isinstance(node, dict):
            return
        for key in ("@value", "@id"):
            text = node.get(key)
            if isinstance(text, str) and text.startswith(MARKER) and iris:
                found.setdefault(int(text.removeprefix(MARKER)), list(iris))
        for key, value in node.items():
            if key in {"@list", "@graph"}:
                visit(value, iris)
            elif not key.startswith("@"):
                visit(value, [*iris, key])

    visit(expanded, [])
    return found


def _walk(
    json_object: JsonObject, node: JsonObject, path: Path, iri_of: dict[Path, str], out: list[Slot]
) -> None:
    for key, value in json_object.items():
        if key.startswith("@") or key in SKIPPED_KEYS:
            continue
        iri = iri_of.get((*path, key))
        if iri is None or iri not in node:
            continue
        expanded = node[iri]
        special = any(
            isinstance(v, dict) and ("@list" in v or "@graph" in v or v.get("@type") == "@json")
            for v in expanded
        )
        literal_only = all(
            isinstance(v, dict) and ("@value" in v or set(v) == {"@id"}) for v in expanded
        )
        out.append(Slot(path, key, iri, tuple(expanded), literal_only, special))
        if special:
            continue
        items = value if isinstance(value, list) else [value]
        if len(items) != len(expanded):
            continue
        for index, (item, child) in enumerate(zip(items, expanded, strict=True)):
            if isinstance(item, dict) and isinstance(child, dict) and "@value" not in child:
                _walk(item, child, (*path, key, index), iri_of, out)


def _navigate(document: Any, path: Path) -> Any:
    current = document
    for step in path:
        if isinstance(step, int):
            if isinstance(current, list) and step < len(current):
                current = current[step]
            elif not isinstance(current, list) and step == 0:
                continue
            else:
                return None
        elif isinstance(current, dict) and step in current:
            current = current[step]
        else:
            return None
    return current


def describe(steps: list[Rewrite], slots: list[Slot]) -> str:
    """The steps in words, for a failing example."""
    return json.dumps([(s.kind, slots[s.slot].key, slots[s.slot].parent) for s in steps])
