"""Safe-mode JSON-LD expansion and RDFC-1.0 (URDNA2015) canonicalization with pyld.

Safe mode: a property that no context defines (pyld would silently drop it from the signed
data) or a type that expands to no absolute IRI raises `UndefinedTermError` naming it; a term
definition pyld would ignore with a warning (a reserved "@" form) is refused too. pyld's
warnings are recorded, never shown (they would go to stderr). Any other exception pyld raises on
a value of the wrong shape becomes `JsonLdProcessingError` ("malformed"). Contexts
come only from the bundled, pinned set; any other URL raises `UnknownContextError`.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from pyld import jsonld
from pyld.identifier_issuer import IdentifierIssuer

from kiosk.verification.errors import (
    JsonLdProcessingError,
    RelativeIdentifierError,
    UndefinedTermError,
    UnknownContextError,
    VerificationError,
)
from kiosk.verification.jsonld.context_cache import context_resolver
from kiosk.verification.jsonld.context_limits import refuse_too_many_contexts
from kiosk.verification.jsonld.loader import BundledContexts, bundled_contexts
from kiosk.verification.jsonld.node_map import build_node_map
from kiosk.verification.jsonld.rdfc10 import canonicalize_dataset

JsonObject = dict[str, Any]
_TO_RDF_OPTIONS = {"produceGeneralizedRdf": False, "processingMode": "json-ld-1.1"}


def expand_safely(document: JsonObject, contexts: BundledContexts | None = None) -> list[Any]:
    """Expand `document`, refusing undefined terms and unknown contexts.

    Raises:
        UnknownContextError: a context URL outside the bundled set.
        UndefinedTermError: a property or type that no context defines.
        TooManyContextsError: more contexts than `context_limits.py` allows.
        JsonLdProcessingError: anything else pyld refuses or raises on (malformed JSON-LD).
    """
    refuse_too_many_contexts(document)
    loader = (contexts or bundled_contexts()).pyld_loader
    dropped: list[str | None] = []
    processor = jsonld.JsonLdProcessor(on_property_dropped=dropped.append)
    try:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            expanded: list[Any] = processor.expand(
                document,
                # No base: pyld would resolve relative IRIs against its made-up default base
                # (http://example.org/base/), so a signature would cover an IRI no one wrote.
                {
                    "documentLoader": loader,
                    "base": None,
                    "contextResolver": context_resolver(loader),
                },
            )
    except RecursionError as error:
        raise JsonLdProcessingError("The credential is nested too deeply.") from error
    except Exception as error:  # pyld raises ValueError, TypeError… on values of a wrong shape
        raise _translate(error) from error
    if any(issubclass(w.category, SyntaxWarning) for w in warned):
        # pyld ignores a term or an @id/@reverse value that looks like a keyword ("@x") and
        # says so on stderr: in safe mode what would be ignored is refused, and nothing is
        # written to stderr (the warnings were recorded, not shown).
        raise JsonLdProcessingError(
            "It defines a term with a reserved '@' form, which JSON-LD ignores."
        )
    if dropped:
        raise UndefinedTermError(str(dropped[0]))
    _refuse_relative_types(expanded)
    return expanded


def expand_leniently(document: JsonObject, contexts: BundledContexts | None = None) -> list[Any]:
    """Expand `document` with bundled contexts, dropping undefined terms as pyld does: only to
    read a proof's options (a Blockcerts proof uses terms no context defines; nothing is
    canonicalized from this).

    Raises:
        UnknownContextError, TooManyContextsError, JsonLdProcessingError: as `expand_safely`.
    """
    refuse_too_many_contexts(document)
    loader = (contexts or bundled_contexts()).pyld_loader
    try:
        expanded: list[Any] = jsonld.JsonLdProcessor().expand(
            document,
            {"documentLoader": loader, "base": None, "contextResolver": context_resolver(loader)},
        )
    except (jsonld.JsonLdError, ValueError) as error:
        raise _translate(error) from error
    except RecursionError as error:
        raise JsonLdProcessingError("The credential is nested too deeply.") from error
    return expanded


def expanded_to_dataset(expanded: list[Any]) -> dict[str, list[Any]]:
    """The RDF dataset of an already expanded document.

    What pyld's `to_rdf` does after its own expansion step, without expanding a second time
    (expansion is idempotent) and with the kiosk's linear node map instead of pyld's quadratic
    one (`node_map.py`): the stored stock-pyld outputs in `tests/unit/jsonld/` check that the
    dataset is the same byte for byte.
    """
    processor = jsonld.JsonLdProcessor()
    issuer = IdentifierIssuer("_:b")
    node_map = build_node_map(expanded, issuer)
    dataset: dict[str, list[Any]] = {}
    for graph_name, graph in sorted(node_map.items()):
        if graph_name == "@default" or jsonld._is_absolute_iri(graph_name):
            dataset[graph_name] = processor._graph_to_rdf(graph, issuer, _TO_RDF_OPTIONS)
    return dataset


def canonicalize(
    document: JsonObject, contexts: BundledContexts | None = None, hash_name: str = "sha256"
) -> str:
    """The RDFC-1.0 canonical N-Quads of `document`, in safe mode, labelled with `hash_name`.

    Raises:
        CanonicalizationTooComplexError: a poison graph (over the RDFC-1.0 work limit).
    """
    expanded = expand_safely(document, contexts)
    try:
        with warnings.catch_warnings():  # pyld's warnings never reach stderr
            warnings.simplefilter("ignore")
            return canonicalize_dataset(expanded_to_dataset(expanded), hash_name).nquads
    except RecursionError as error:
        raise JsonLdProcessingError("The credential is nested too deeply.") from error
    except Exception as error:  # our own errors pass through `_translate` unchanged
        raise _translate(error) from error


def _refuse_relative_types(node: Any) -> None:
    """Raise for any expanded `@type` value that is not an absolute IRI (an undefined type), and
    for any relative `@id`: JSON-LD to RDF drops it, so the signed data would silently lose it
    (jsonld.js safe mode refuses both too)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == "@type" and "@value" not in item:
                    for type_iri in value if isinstance(value, list) else [value]:
                        if not isinstance(type_iri, str) or ":" not in type_iri:
                            raise UndefinedTermError(str(type_iri))  # None: a type term of @id null
                elif key == "@id" and isinstance(value, str) and ":" not in value:
                    raise RelativeIdentifierError(value)
                elif key != "@value":
                    stack.append(value)


def _translate(error: BaseException) -> VerificationError:
    """Find our own error inside pyld's wrapped exceptions, or describe pyld's."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, VerificationError):
            return cause
        nested = getattr(cause, "cause", None)
        cause = cause.__cause__ or (nested if isinstance(nested, BaseException) else None)
    details = getattr(error, "details", None)
    if isinstance(details, dict) and isinstance(details.get("url"), str):
        return UnknownContextError(details["url"])
    if not isinstance(error, jsonld.JsonLdError | ValueError):
        return JsonLdProcessingError("The JSON-LD is malformed: it cannot be expanded.")
    message = str(error).split("\n", 1)[0][:160]
    return JsonLdProcessingError(f"The credential is not valid JSON-LD ({message}).")


class Canonicalizer:
    """Expansion and canonicalization for one verification, remembering results by document
    content so a document expanded to read its signed graph, or canonicalized by one check, is
    not expanded or canonicalized again by the next. Made anew for every verification: nothing
    is remembered across credentials."""

    def __init__(self, contexts: BundledContexts | None = None) -> None:
        self.contexts = contexts or bundled_contexts()
        self._memo: dict[str, str] = {}
        self._expanded: dict[str, list[Any]] = {}
        self._keys: dict[int, tuple[JsonObject, str]] = {}
        """Content keys by object: the same dict handed to several checks is serialised once
        (the dict is held, so its id cannot be reused; documents are not changed while one
        verification runs)."""

    def _key(self, document: JsonObject) -> str:
        known = self._keys.get(id(document))
        if known is not None and known[0] is document:
            return known[1]
        key = _content_key(document)
        self._keys[id(document)] = (document, key)
        return key

    def expand(self, document: JsonObject) -> list[Any]:
        """`expand_safely(document)`, once per document content."""
        key = self._key(document)
        cached = self._expanded.get(key)
        if cached is None:
            cached = expand_safely(document, self.contexts)
            self._expanded[key] = cached
        return cached

    def canonicalize(self, document: JsonObject, hash_name: str = "sha256") -> str:
        key = hash_name + self._key(document)
        cached = self._memo.get(key)
        if cached is None:
            expanded = self.expand(document)
            try:
                cached = canonicalize_dataset(expanded_to_dataset(expanded), hash_name).nquads
            except jsonld.JsonLdError as error:
                raise _translate(error) from error
            except RecursionError as error:
                raise JsonLdProcessingError("The credential is nested too deeply.") from error
            self._memo[key] = cached
        return cached


def _content_key(document: JsonObject) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False)
