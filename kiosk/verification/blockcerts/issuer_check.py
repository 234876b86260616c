"""Issuer-key check for Blockcerts: the anchoring transaction was paid by the issuer's key.

- **https issuer** (the issuer id is its profile's URL): the address that paid for the
  transaction must be one the profile lists (`publicKey`, `publicKeys`, v1 `issuerKeys`), in
  force when the transaction was mined: created before it, not revoked or expired by then.
  A v3 proof naming a verification method the profile lists as revoked or expired fails too.
- **DID issuer**: the proof's verification method is resolved through the kiosk's key
  resolution (`keys.resolver`, the operator's universal resolver for did:ion and the like); it
  must be the issuer's, and the Bitcoin address of its key must be the paying address
  ("issuer identity mismatch" otherwise).
- A test certificate (mock chain) has no paying address: not done. Without a confirmed anchor
  the address is unknown: not done, pointing at the anchor check.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.net import show_day
from kiosk.verification.blockcerts.addresses import bare_address, bitcoin_address
from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.blockcerts.explorers.base import TxFacts
from kiosk.verification.blockcerts.findings import findings_of, receipt_of
from kiosk.verification.blockcerts.profiles import (
    BlockcertsProfile,
    fetch_profile,
    profile_url_from_did_document,
)
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.errors import UnsupportedError, VerificationError
from kiosk.verification.keys.controller_document import check_not_revoked_or_expired
from kiosk.verification.keys.issuer_profile import ProfileKey
from kiosk.verification.keys.resolver import (
    resolve_controller_document,
    resolve_verification_method,
)
from kiosk.verification.model import CheckId, CheckResult

NO_ANCHOR = (
    "The issuing address could not be checked: the anchoring transaction was not confirmed "
    "(see the blockchain anchor)."
)
MOCKNET = "A test certificate has no blockchain issuing address to check."


def issuer_profile(state: CredentialState) -> BlockcertsProfile:
    """The issuer's Blockcerts profile, fetched once per verification.

    Raises:
        UnsupportedError (incl. KeyUnavailableError): it could not be had → "not done".
        KeyResolutionError: it is not a usable profile → "failed".
    """
    findings = findings_of(state)
    if findings.profile is None and findings.profile_error is None:
        try:
            findings.profile = fetch_profile(_profile_url(state), state.context)
        except VerificationError as error:
            findings.profile_error = error
    if findings.profile_error is not None:
        raise findings.profile_error
    assert findings.profile is not None
    return findings.profile


def check_issuing_key(state: CredentialState) -> CheckResult:
    """Check the paying address (or the DID key) against the issuer (see the module doc)."""
    try:
        receipt = receipt_of(state)
    except VerificationError:
        return CheckResult.not_done(
            CheckId.ISSUER_KEY, "The issuer could not be checked: the Merkle proof is unreadable."
        )
    chain = receipt.anchors[0].chain
    if state.credential.issuer_id.startswith("did:"):
        return _did_issuer(state, chain)
    profile = issuer_profile(state)
    revoked_method = _revoked_method(state, profile)
    if revoked_method is not None:
        return revoked_method
    if chain is Chain.MOCKNET or chain is None:
        return CheckResult.not_done(CheckId.ISSUER_KEY, MOCKNET if chain else NO_ANCHOR)
    facts = findings_of(state).anchor
    if facts is None:
        return CheckResult.not_done(CheckId.ISSUER_KEY, NO_ANCHOR)
    key = profile.key_for(facts.issuing_address, chain)
    address = f"paying address: {bare_address(facts.issuing_address)}"
    source = f"profile: {profile.described_source}"
    if key is None:
        return CheckResult.failed(
            CheckId.ISSUER_KEY,
            "The anchoring transaction was paid by an address the issuer's profile does not "
            "list: it was not issued by this issuer.",
            address,
            source,
        )
    problem = _window_problem(key, _moment(facts, state))
    if problem:
        return CheckResult.failed(CheckId.ISSUER_KEY, problem, address, source)
    return CheckResult.passed(
        CheckId.ISSUER_KEY,
        f"The anchoring transaction was paid by the issuer's own address, listed in "
        f"{profile.described_source}.",
        address,
        *((f"listed since {show_day(key.created)}",) if key.created is not None else ()),
    )


def _profile_url(state: CredentialState) -> str:
    issuer_id = state.credential.issuer_id
    if issuer_id.startswith("https://"):
        return issuer_id
    if issuer_id.startswith("did:"):
        document = resolve_controller_document(issuer_id, state.context)
        return profile_url_from_did_document(document.document)
    raise UnsupportedError("The issuer's id is not an https address or a DID.")


def _revoked_method(state: CredentialState, profile: BlockcertsProfile) -> CheckResult | None:
    """A v3 proof naming a method the profile lists as revoked or expired fails."""
    method_id = state.credential.proofs[0].get("verificationMethod")
    if not isinstance(method_id, str):
        return None
    for entry in profile.document.get("verificationMethod") or []:
        if isinstance(entry, dict) and entry.get("id") == method_id:
            try:
                check_not_revoked_or_expired(entry, state.context.now)
            except VerificationError as error:
                return CheckResult.failed(
                    CheckId.ISSUER_KEY, error.description, f"key: {method_id[:120]}"
                )
    return None


def _moment(facts: TxFacts, state: CredentialState) -> datetime:
    """When the transaction was made: its block's time, else the certificate's issue date."""
    if facts.block_time is not None:
        return facts.block_time
    return state.credential.issued or state.context.now


def _window_problem(key: ProfileKey, moment: datetime) -> str:
    if key.revoked is not None and moment >= key.revoked:
        return (
            "The issuer had revoked the paying address before the anchoring transaction "
            f"(revoked on {show_day(key.revoked)})."
        )
    if key.expires is not None and moment >= key.expires:
        return (
            "The paying address had expired before the anchoring transaction "
            f"(expired on {show_day(key.expires)})."
        )
    if key.created is not None and moment < key.created:
        return (
            "The paying address was not yet the issuer's when the transaction was made "
            f"(listed from {show_day(key.created)})."
        )
    return ""


def _did_issuer(state: CredentialState, chain: Chain | None) -> CheckResult:
    issuer_id = state.credential.issuer_id
    method_id = state.credential.proofs[0].get("verificationMethod", "")
    method = resolve_verification_method(method_id, state.context)
    if method.controller != issuer_id.partition("#")[0]:
        return CheckResult.failed(
            CheckId.ISSUER_KEY,
            "The key named in the proof is not the issuer's.",
            f"issuer: {issuer_id[:120]}",
            f"key: {method.id[:120]}",
        )
    if chain is Chain.MOCKNET or chain is None:
        return CheckResult.not_done(CheckId.ISSUER_KEY, MOCKNET if chain else NO_ANCHOR)
    facts = findings_of(state).anchor
    if facts is None:
        return CheckResult.not_done(CheckId.ISSUER_KEY, NO_ANCHOR)
    expected = bitcoin_address(method.public_key, chain)
    if expected != facts.issuing_address:
        return CheckResult.failed(
            CheckId.ISSUER_KEY,
            "Issuer identity mismatch: the anchoring transaction was not paid by the issuer's key.",
            f"paying address: {facts.issuing_address}",
            f"address of the issuer's key: {expected}",
        )
    return CheckResult.passed(
        CheckId.ISSUER_KEY,
        f"The anchoring transaction was paid by the issuer's key, {method.resolved_from}.",
        f"key: {method.id[:120]}",
        f"paying address: {expected}",
    )
