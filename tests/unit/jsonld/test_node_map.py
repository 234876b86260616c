"""The kiosk's linear node map is pyld's node map: same nodes, values, order and blank node labels.

Expanded documents are generated with what changes a node map: blank and named nodes that
repeat, duplicate values spelt alike or differently (`true` and `1`, `1` and `1.0`, JSON
literals), lists, `@reverse`, `@graph`, `@included`, blank node types and properties.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pyld import jsonld
from pyld.identifier_issuer import IdentifierIssuer

from kiosk.verification.jsonld.canonicalize import expand_safely, expanded_to_dataset
from kiosk.verification.jsonld.node_map import build_node_map

NODE_IDS = st.sampled_from(["_:a", "_:b", "_:c", "http://x/n1", "http://x/n2", "did:x:1"])
PROPERTIES = st.sampled_from(["http://x/p", "http://x/q", "_:prop", "http://x/r"])
TYPES = st.lists(st.sampled_from(["http://x/T", "_:t1", "_:t2", "http://x/U"]), max_size=3)
LITERALS = st.one_of(
    st.sampled_from([True, False, 1, 0, 1.0, 0.0, "1", "true", "", None]),
    st.integers(-3, 3),
    st.text(alphabet="ab", max_size=2),
)
JSON_LITERALS = st.recursive(
    LITERALS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("xy"), inner, max_size=2)
    ),
    max_leaves=5,
)


def _value_object() -> st.SearchStrategy[dict[str, Any]]:
    plain = st.fixed_dictionaries(
        {"@value": LITERALS.filter(lambda v: v is not None)},
        optional={
            "@type": st.sampled_from(["http://x/D", "_:dt"]),
            "@index": st.sampled_from(["i", "j"]),
        },
    )
    tagged = st.fixed_dictionaries(
        {"@value": st.text(alphabet="ab", max_size=2), "@language": st.sampled_from(["en", "fr"])}
    )
    literal = st.fixed_dictionaries({"@value": JSON_LITERALS, "@type": st.just("@json")})
    return st.one_of(plain, tagged, literal)


def _node(children: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "@id": NODE_IDS,
            "@type": TYPES,
            "http://x/p": st.lists(children, max_size=4),
            "http://x/q": st.lists(children, max_size=4),
            "_:prop": st.lists(children, max_size=2),
            "@reverse": st.dictionaries(PROPERTIES, st.lists(children, max_size=2), max_size=2),
            "@graph": st.lists(children, max_size=2),
            "@included": st.lists(children, max_size=2),
        },
    )


ELEMENTS = st.recursive(
    st.one_of(_value_object(), st.fixed_dictionaries({"@id": NODE_IDS})),
    lambda children: st.one_of(
        _node(children), st.fixed_dictionaries({"@list": st.lists(children, max_size=3)})
    ),
    max_leaves=25,
)
DOCUMENTS = st.lists(_node(ELEMENTS), min_size=1, max_size=3)


def _pyld_node_map(expanded: list[Any]) -> tuple[str, IdentifierIssuer]:
    issuer = IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    jsonld.JsonLdProcessor()._create_node_map(expanded, node_map, "@default", issuer)
    return json.dumps(node_map, sort_keys=True), issuer


def _kiosk_node_map(expanded: list[Any]) -> tuple[str, IdentifierIssuer]:
    issuer = IdentifierIssuer("_:b")
    return json.dumps(build_node_map(expanded, issuer), sort_keys=True), issuer


def _node_maps_agree(expanded: list[Any]) -> None:
    """Both maps serialise alike (json keeps `true` apart from `1`) and label alike."""
    stock, stock_issuer = _pyld_node_map(copy.deepcopy(expanded))  # both label in place
    ours, our_issuer = _kiosk_node_map(copy.deepcopy(expanded))
    assert ours == stock
    assert our_issuer.existing == stock_issuer.existing
    assert our_issuer.counter == stock_issuer.counter


def _has_index_conflict(document: Any) -> bool:
    """pyld raises for any repeated @index on one node (its own bug: it indexes a string)."""
    seen: dict[str, Any] = {}
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@index" in item and "@value" not in item and "@id" in item:
                if item["@id"] in seen:
                    return True
                seen[item["@id"]] = item["@index"]
            stack.extend(item.values())
    return False


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS)
def test_the_node_map_is_pyld_s(expanded: list[Any]) -> None:
    _node_maps_agree(expanded)


@given(st.lists(st.sampled_from([True, 1, 1.0, False, 0, "1", "a"]), max_size=12))
def test_duplicate_values_are_dropped_as_pyld_drops_them(literals: list[Any]) -> None:
    values = [{"@value": literal} for literal in literals]
    _node_maps_agree([{"@id": "http://x/s", "http://x/p": values}])


def test_many_distinct_values_in_one_array() -> None:
    """The shape of finding 4 (every element distinct), small enough for stock pyld here."""
    subjects: list[dict[str, str]] = [{} for _ in range(300)]
    subjects += [{"@id": f"did:x:{n}"} for n in range(300)]
    strings = [{"@value": str(n)} for n in range(300)] * 2
    _node_maps_agree(
        [{"@id": "http://x/c", "http://x/p": subjects, "http://x/q": strings, "@type": ["_:t"]}]
    )


def test_a_credential_s_dataset_is_stock_pyld_s() -> None:
    """The whole dataset (node map, then pyld's RDF conversion) equals stock `to_rdf`."""
    document = {
        "@context": {
            "@vocab": "http://x/",
            "l": {"@id": "http://x/l", "@container": "@list"},
            "r": {"@reverse": "http://x/r"},
        },
        "@id": "http://x/c",
        "l": [1, True, "a", {"name": "b"}, [2, 3]],
        "r": [{"name": "rev"}, {"@id": "did:x:1"}],
        "name": ["a", "a", {"@value": "a", "@language": "en"}],
        "knows": [{}, {}, {"@id": "did:x:1"}, {"@id": "did:x:1"}],
    }
    expanded = expand_safely(document)
    stock = jsonld.to_rdf(copy.deepcopy(document), {"format": "application/n-quads", "base": None})
    ours = jsonld.JsonLdProcessor.to_nquads(expanded_to_dataset(expanded))
    assert ours == stock
