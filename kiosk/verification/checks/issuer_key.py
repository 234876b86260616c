"""Issuer-key check: each proof's key resolves, belongs to the issuer, and may make assertions.

Binding rules, for each proof's verification method:

- its controller is the issuer (the issuer's own did:key, did:jwk, did:web document or profile
  holds it, under assertionMethod): bound;
- otherwise the issuer's own document is resolved (DID document or https profile): if it lists
  the key under assertionMethod the key is bound (an issuer may delegate to an external key),
  if not the key is foreign and the check fails. A did:key issuer's document holds exactly its
  own key, so any other key fails;
- a key that cannot be looked up at all (`urn:uuid:…#z6Mk…`, an https profile that cannot be
  fetched) is "not done" — unless the operator pinned the issuer's key in a trust list
  (`keys.pinned`): then that key is the issuer's, bound by the operator;
- when the issuer's document cannot be had (offline without a fresh cached copy, unreachable,
  an unsupported DID method) the check is "not done" with the reason, while the key is still
  kept so the signature itself can be checked.

Keys taken from fetched or cached documents say so: "taken from the did:web document of
example.edu as of 12 Nov 2026".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.errors import UnsupportedError
from kiosk.verification.keys.controller_document import ControllerDocument
from kiosk.verification.keys.pinned import pinned_for, pinned_method
from kiosk.verification.keys.resolver import (
    resolve_controller_document,
    resolve_verification_method,
)
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.model import CheckId, CheckResult

ASSERTION_METHOD = "assertionMethod"


@dataclass(frozen=True, slots=True)
class _Binding:
    """How one key relates to the issuer."""

    bound: bool
    source: str = ""
    """Where the binding was read: the key's own document, or the issuer's."""
    unconfirmed: str = ""
    """Why it could not be decided (the check is then "not done")."""
    fetched_at: str = ""
    """A detail line with the document's fetch time, when it was fetched."""


def check_issuer_key(state: CredentialState) -> CheckResult:
    """Resolve every proof's verification method and check it is the issuer's."""
    issuer_id = state.credential.issuer_id
    bindings: list[tuple[VerificationMethod, _Binding]] = []
    for proof in state.credential.proofs:
        method = _method(proof.get("verificationMethod", ""), issuer_id, state)
        if ASSERTION_METHOD not in method.purposes:
            return CheckResult.failed(
                CheckId.ISSUER_KEY,
                "The signing key is not authorised to sign credentials (not an assertionMethod).",
                f"key: {method.id}",
            )
        state.methods.append(method)  # kept so the signature itself is still checked
        bindings.append((method, _bind(method, issuer_id, state)))
    return _result(issuer_id, bindings)


def _method(url: str, issuer_id: str, state: CredentialState) -> VerificationMethod:
    """The proof's key: resolved, or — when it cannot be looked up ("not done") — the key the
    operator pinned for the issuer in a trust list (`keys.pinned`)."""
    try:
        return resolve_verification_method(url, state.context)
    except UnsupportedError:
        pinned = pinned_method(url, issuer_id, state.context) if isinstance(url, str) else None
        if pinned is None:
            raise
        return pinned


def _bind(method: VerificationMethod, issuer_id: str, state: CredentialState) -> _Binding:
    if method.controller == issuer_id:
        source = f"taken from {method.resolved_from}"
        return _Binding(True, source, fetched_at=_fetched(method.fetched_at))
    try:
        document = resolve_controller_document(issuer_id, state.context)
    except UnsupportedError as error:  # includes KeyUnavailableError: offline, unreachable, …
        pinned = pinned_for(method, issuer_id, state.context)
        if pinned is not None:
            return _Binding(True, f"taken from {method.resolved_from}, pinned for it in {pinned}")
        return _Binding(False, unconfirmed=error.description)
    if document.lists(method.id, ASSERTION_METHOD):
        return _Binding(True, _listing(document), fetched_at=_fetched(document.fetched_at))
    return _Binding(False, f"{document.described_source} does not list it for signing")


def _result(issuer_id: str, bindings: list[tuple[VerificationMethod, _Binding]]) -> CheckResult:
    keys = [f"key: {method.id}" for method, _ in bindings]
    foreign = [b for _, b in bindings if not b.bound and not b.unconfirmed]
    if foreign:
        return CheckResult.failed(
            CheckId.ISSUER_KEY,
            "The credential was signed with a key that does not belong to its issuer.",
            f"issuer: {issuer_id}",
            *keys,
            *(b.source for b in foreign if b.source),
        )
    unconfirmed = [b for _, b in bindings if b.unconfirmed]
    if unconfirmed:
        return CheckResult.not_done(
            CheckId.ISSUER_KEY,
            unconfirmed[0].unconfirmed,
            "Could not confirm that the signing key belongs to the issuer.",
            f"issuer: {issuer_id}",
            *keys,
        )
    first = bindings[0][1]
    dates = [b.fetched_at for _, b in bindings if b.fetched_at]
    return CheckResult.passed(
        CheckId.ISSUER_KEY, f"The signing key is the issuer's, {first.source}.", *keys, *dates
    )


def _listing(document: ControllerDocument) -> str:
    return f"listed for signing in {document.described_source}"


def _fetched(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return f"document fetched {moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
