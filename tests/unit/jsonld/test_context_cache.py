"""The kiosk's resolved-context cache: fast, but never stale and never shared by accident."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from frozendict import frozendict
from pyld import jsonld

from kiosk.verification.errors import (
    JsonLdProcessingError,
    RelativeIdentifierError,
    UnknownContextError,
)
from kiosk.verification.jsonld.canonicalize import canonicalize
from kiosk.verification.jsonld.context_cache import (
    ResolvedContextCache,
    content_key,
    context_resolver,
    processed_key,
)
from kiosk.verification.jsonld.loader import bundled_contexts
from tests.helpers import load_fixture

EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"


def _inline(term_iri: str) -> dict[str, Any]:
    return {
        "@context": [{"name": term_iri}],
        "@id": "urn:uuid:0f0a1b2c-0000-4000-8000-000000000001",
        "name": "Alex",
    }


def test_inline_context_with_new_content_is_not_served_from_the_cache() -> None:
    first = canonicalize(_inline("https://example.org/a#name"))
    second = canonicalize(_inline("https://example.org/b#name"))
    assert "example.org/a#name" in first and "example.org/b#name" in second


def test_inline_context_changed_in_place_is_not_served_from_the_cache() -> None:
    """The same dict object, changed between two calls: identity is never trusted for it."""
    document = _inline("https://example.org/a#name")
    canonicalize(document)
    document["@context"][0]["name"] = "https://example.org/changed#name"
    assert "example.org/changed#name" in canonicalize(document)


def test_warm_cache_gives_stock_pyld_bytes_for_a_real_credential() -> None:
    credential = load_fixture("vectors/peer-generated/ob3-vc2-eddsa-rdfc-2022.json")
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    stock = jsonld.normalize(
        copy.deepcopy(unsecured),
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": bundled_contexts().pyld_loader,
        },
    )
    for _ in range(3):
        assert canonicalize(unsecured) == stock


def test_unknown_context_is_refused_every_time() -> None:
    document = {"@context": ["https://example.org/not-bundled"], "@id": "urn:x:1"}
    for _ in range(2):
        with pytest.raises(UnknownContextError):
            canonicalize(document)


def test_relative_base_is_refused_not_a_crash() -> None:
    document = {"@context": {"@base": "manifest", "x": "https://example.org/x"}, "@id": "a"}
    with pytest.raises((JsonLdProcessingError, RelativeIdentifierError)):
        canonicalize({**document, "x": 1})


def test_each_context_set_has_its_own_cache() -> None:
    """A second pinned set without the examples context never sees the first set's copy."""
    full = bundled_contexts()
    reduced = full.without(EXAMPLES)
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2", EXAMPLES],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:subject", "alumniOf": "Example"},
    }
    canonicalize(document, full)
    with pytest.raises(UnknownContextError):
        canonicalize(document, reduced)
    assert context_resolver(full.pyld_loader)._kiosk_cache is not (
        context_resolver(reduced.pyld_loader)._kiosk_cache
    )


def test_scoped_contexts_of_bundled_documents_are_known_by_identity() -> None:
    cache = ResolvedContextCache()
    scoped = {"@protected": True, "name": "https://example.org/name"}
    document = {"@context": {"Thing": {"@id": "https://example.org/Thing", "@context": scoped}}}
    cache.register_document(document)
    assert cache.inline(scoped) is cache.inline(scoped)
    assert cache.by_identity[id(scoped)][0] is scoped
    equal_copy = json.loads(json.dumps(scoped))
    assert cache.inline(equal_copy) is cache.inline(scoped)  # same content, same resolution


def test_content_key_is_order_independent_and_exact() -> None:
    assert content_key({"a": 1, "b": [1, 2]}) == content_key(frozendict({"b": [1, 2], "a": 1}))
    assert content_key({"a": "1"}) != content_key({"a": 1})


def test_fresh_clone_is_keyed_by_the_context_it_was_cloned_from() -> None:
    parent = frozendict({"_uuid": "p-1", "mappings": {"name": {"@id": "x"}}, "@vocab": "v:"})
    clone = {"mappings": dict(parent["mappings"]), "@vocab": "v:", "previousContext": parent}
    clone["_uuid"] = "fresh-random-id"
    assert processed_key(clone) == "clone-of:p-1"
    different = {**clone, "mappings": {"other": {"@id": "y"}}}
    assert processed_key(different) == "fresh-random-id"
    lost_vocab = {k: v for k, v in clone.items() if k != "@vocab"}
    assert processed_key(lost_vocab) == "fresh-random-id"
    frozen = frozendict({**clone, "_uuid": "q-2"})
    assert processed_key(frozen) == "q-2"
