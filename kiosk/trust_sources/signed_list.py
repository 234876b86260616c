"""Signed lists: a `RecognizedEntityCredential` with a Data Integrity proof, verified by the
kiosk's own pipeline against the key the operator pins.

The list is verified like any credential, with a context that trusts exactly one issuer: the
pinned key's DID. It is used only when the proof, the issuer key and that trust check passed
and nothing else failed or was not done; a list past its `validUntil` is loaded as expired (the
registry then reports "the list … expired on …" and does not use it).
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.trust_sources.documents import Where, obtain
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import BundledContexts
from kiosk.verification.model import CheckId, CheckStatus
from kiosk.verification.pipeline import verify_document
from trust_lists import TrustedIssuer, TrustList, TrustListError, TrustRegistry
from trust_lists.dcc import parse_json_bytes
from trust_lists.loader import parse_instant
from trust_lists.recognized import recognized_entities
from trust_lists.sources import TrustSourceSpec


def load_signed_list(spec: TrustSourceSpec, where: Where, contexts: BundledContexts) -> TrustList:
    """Fetch or read the list, verify it against `spec.pinned_key`, and read its entities.

    Raises:
        TrustListError: cannot be had, not a recognition credential, or not verified.
    """
    got = obtain(spec.location, where, spec.sha256)
    document = parse_json_bytes(spec.location, got.body)
    if not isinstance(document, dict):
        raise TrustListError(spec.location, "is not a signed list (a JSON object)")
    entities = recognized_entities(
        document, spec.location, spec.name, spec.pinned_key, spec.test_only
    )
    verify_list_credential(document, spec.pinned_key, spec.location, where, contexts)
    return replace(entities, fetched_at=got.fetched_at, from_cache=got.from_cache)


def verify_list_credential(
    document: dict[str, object],
    pinned_key: str,
    source: str,
    where: Where,
    contexts: BundledContexts,
) -> None:
    """Run the pipeline on the list credential; raise `TrustListError` unless it is good.

    Only the list's own end date may fail (that is reported as "expired" by the registry).
    """
    pinned_did = pinned_key.split("#", 1)[0]
    publisher = TrustList(
        "pinned list publisher",
        "operator",
        {pinned_did: TrustedIssuer(pinned_did, "pinned list publisher")},
        "operator pin",
    )
    context = VerificationContext(
        now=where.now,
        trust=TrustRegistry((publisher,)),
        contexts=contexts,
        offline=where.fetcher is None,
        network=where.fetcher,
        cache=where.cache,
        max_cache_age=where.max_age,
    )
    report = verify_document(document, context)
    until = document.get("validUntil")
    end = parse_instant(until) if isinstance(until, str) else None
    for check in report.checks:
        if check.status is CheckStatus.PASSED:
            continue
        if check.check_id is CheckId.DATES and end is not None and end < where.now:
            continue  # expired: loaded as such, never used
        if check.check_id is CheckId.TRUST:
            raise TrustListError(source, f"is not signed by the pinned key {pinned_did[:60]}")
        raise TrustListError(source, f"signature or form refused: {check.reason}")
    for needed in (CheckId.PROOF, CheckId.ISSUER_KEY, CheckId.TRUST):
        found = report.check(needed)
        if found is None or found.status is not CheckStatus.PASSED:
            raise TrustListError(source, f"was not verified ({needed.value} not passed)")
