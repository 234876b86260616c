"""Loading every configured source into one `TrustRegistry`, in the operator's order.

The operator's local list (`kiosk trust add`) comes first, then each `[[source]]`. A DCC
known-registries list expands into its registries, in its own order. A source that fails is
kept as a `TrustList` with `problem` set (its reason), never dropped.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.trust_sources.documents import Where, obtain
from kiosk.trust_sources.ebsi import load_ebsi
from kiosk.trust_sources.oidf import load_oidf
from kiosk.trust_sources.signed_list import load_signed_list
from kiosk.verification.jsonld.loader import BundledContexts
from trust_lists import TrustList, TrustListError, TrustRegistry
from trust_lists.dcc import parse_dcc_legacy, parse_json_bytes, parse_known_registries
from trust_lists.loader import load_trust_list, parse_trust_list
from trust_lists.sources import TrustConfig, TrustSourceSpec

KIND_LABELS = {
    "kiosk-list": "kiosk list",
    "signed-list": "signed list",
    "dcc-legacy": "DCC registry",
    "dcc-known-registries": "DCC known registries",
    "oidf": "OpenID Federation",
    "ebsi-tir": "EBSI TIR",
}


def load_registry(
    config: TrustConfig,
    *,
    where: Where,
    contexts: BundledContexts,
    extra_paths: tuple[Path, ...] = (),
) -> TrustRegistry:
    """Every source of `config` (and the format-1 files in `extra_paths`), in order."""
    lists: list[TrustList] = []
    if config.local_list is not None and config.local_list.exists():
        lists.append(
            _safely(
                TrustSourceSpec("kiosk-list", str(config.local_list), "Local entries"),
                where,
                contexts,
            )[0]
        )
    for path in extra_paths:
        lists.append(_safely(TrustSourceSpec("kiosk-list", str(path)), where, contexts)[0])
    for spec in config.sources:
        lists.extend(_safely(spec, where, contexts))
    return TrustRegistry(tuple(lists))


def _safely(spec: TrustSourceSpec, where: Where, contexts: BundledContexts) -> list[TrustList]:
    try:
        return load_source(spec, where, contexts)
    except TrustListError as error:
        return [unavailable(spec, error.reason)]


def unavailable(spec: TrustSourceSpec, reason: str) -> TrustList:
    """A source that could not be loaded, kept so the trust check counts it."""
    return TrustList(
        name=spec.shown_name,
        publisher="",
        issuers={},
        source=spec.location,
        kind=KIND_LABELS.get(spec.kind, spec.kind),
        governance=spec.governance,
        test_only=spec.test_only,
        problem=reason,
    )


def load_source(spec: TrustSourceSpec, where: Where, contexts: BundledContexts) -> list[TrustList]:
    """One source (a known-registries list gives several).

    Raises:
        TrustListError: the source cannot be had, verified or read.
    """
    if spec.kind == "signed-list":
        return [load_signed_list(spec, where, contexts)]
    if spec.kind == "oidf":
        return [load_oidf(spec, where)]
    if spec.kind == "ebsi-tir":
        return [load_ebsi(spec, where)]
    if spec.kind == "kiosk-list" and not spec.is_url and not spec.sha256:
        loaded = load_trust_list(Path(spec.location))
        return [replace(loaded, name=spec.name or loaded.name, test_only=spec.test_only)]
    got = obtain(spec.location, where, spec.sha256)
    if spec.kind == "kiosk-list":
        loaded = parse_trust_list(got.body, spec.location, spec.name)
    elif spec.kind == "dcc-legacy":
        data = parse_json_bytes(spec.location, got.body)
        loaded = parse_dcc_legacy(data, spec.location, spec.name, spec.governance, spec.test_only)
    elif spec.kind == "dcc-known-registries":
        data = parse_json_bytes(spec.location, got.body)
        return [
            item
            for entry in parse_known_registries(data, spec.location)
            for item in _known_entry(entry, spec, where, contexts)
        ]
    else:
        raise TrustListError(spec.location, f"has an unknown kind {spec.kind}")
    return [
        replace(
            loaded,
            name=spec.name or loaded.name,
            test_only=spec.test_only,
            fetched_at=got.fetched_at,
            from_cache=got.from_cache,
        )
    ]


def _known_entry(
    entry: dict[str, str], parent: TrustSourceSpec, where: Where, contexts: BundledContexts
) -> list[TrustList]:
    """One registry named by a known-registries list. OIDF and signed registries need pinned
    keys the list does not carry: they are listed as "could not be checked" until the operator
    configures them with their keys."""
    spec = TrustSourceSpec(
        kind=entry["kind"],
        location=entry["location"],
        name=entry["name"],
        governance=entry["governance"],
        test_only=parent.test_only,
    )
    if spec.kind != "dcc-legacy":
        return [
            unavailable(
                spec,
                "no anchor key is pinned for it (add it as its own source with its keys)",
            )
        ]
    return _safely(spec, where, contexts)
