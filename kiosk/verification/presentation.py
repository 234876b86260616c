"""Verifiable presentations: recognising one, and the step functions of the presentation profile
(`kiosk.verification.profiles.PRESENTATION`, run by the pipeline like any profile): the holder's
proof, challenge and domain, holder binding, and every credential inside verified by the same
pipeline (`PresentationState.verify_part`) and reported one by one.

Checks of a presentation (its steps, in order):
- `format`: a VC 1.1 / 2.0 presentation; JSON-LD in safe mode when a Data Integrity proof signs it.
- `proof`: the presenter's signature (purpose authentication) verifies.
- `holder`: the presenter's key belongs to the holder and may authenticate; the proof answers the
  kiosk's challenge (a challenge the kiosk did not issue: "possible replay", not done) and domain;
  the holder is the subject of the credentials (a credential naming no subject id: not done —
  staff compare the name with photo ID).
- `nested`: each credential, by the same rule; past `MAX_CREDENTIALS` the rest are "not done —
  too many to check here" (CHECK MANUALLY, not a failure).
A presentation with no holder proof is shown as such: `proof` and `holder` not done, and its
credentials still checked one by one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kiosk.verification.blockcerts.presentation_proof import (
    check_sealed_presentation,
    is_merkle_sealed,
)
from kiosk.verification.checks.nested import part_label, summarise_parts
from kiosk.verification.context import VerificationContext
from kiosk.verification.credential import VC_V1_CONTEXT, VC_V2_CONTEXT, FormatError
from kiosk.verification.errors import VerificationError, as_check_result
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.jwt_credential import read_token
from kiosk.verification.keys.resolver import resolve_verification_method
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    CheckStatus,
    PartReport,
    ShownFields,
    VerificationReport,
)
from kiosk.verification.plain_text import plain_text
from kiosk.verification.proof_options import check_purpose, check_timing
from kiosk.verification.suites.registry import suite_for
from kiosk.verification.verdict import worst_first

JsonObject = dict[str, Any]
AUTHENTICATION = "authentication"
MAX_CREDENTIALS = 50
"""Credentials checked in one presentation; those beyond are "not done: too many to check here"."""
VerifyPart = Callable[[Any], VerificationReport]


@dataclass(frozen=True, slots=True)
class ParsedPresentation:
    document: JsonObject
    holder: str | None
    proofs: tuple[JsonObject, ...]
    credentials: tuple[Any, ...]
    needs_json_ld: bool = True
    """False when a JWS signs the exact bytes (JWT presentations): no JSON-LD needed."""

    @property
    def unsecured(self) -> JsonObject:
        return {k: v for k, v in self.document.items() if k != "proof"}


def is_presentation(document: JsonObject) -> bool:
    types = document.get("type")
    return "VerifiablePresentation" in (types if isinstance(types, list) else [types])


def recognise_presentation(document: JsonObject) -> ParsedPresentation:
    contexts = document.get("@context")
    first = contexts[0] if isinstance(contexts, list) and contexts else contexts
    if first not in (VC_V1_CONTEXT, VC_V2_CONTEXT):
        raise FormatError("It is not a verifiable presentation (its first @context is wrong).")
    holder = document.get("holder")
    holder_id = holder.get("id") if isinstance(holder, dict) else holder
    if holder_id is not None and not isinstance(holder_id, str):
        raise FormatError("The presentation's holder is malformed.")
    raw = document.get("verifiableCredential")
    credentials = tuple(raw if isinstance(raw, list) else [] if raw is None else [raw])
    if not credentials:
        raise FormatError("The presentation holds no credentials.")
    raw_proof = document.get("proof")
    proofs = tuple(
        p
        for p in (raw_proof if isinstance(raw_proof, list) else [raw_proof])
        if isinstance(p, dict)
    )
    if raw_proof is not None and not proofs:
        raise FormatError("The presentation's proof is malformed.")
    return ParsedPresentation(document, holder_id, proofs, tuple(map(_unwrap, credentials)))


ENVELOPED_PREFIXES = ("data:application/vc+jwt,", "data:application/vp+jwt,")


def enveloped_token(item: Any) -> str | None:
    """The compact JWS inside a VC 2.0 `EnvelopedVerifiableCredential` or
    `EnvelopedVerifiablePresentation` (`"id": "data:application/vc+jwt,<token>"`), else None."""
    if not isinstance(item, dict):
        return None
    types = _as_list(item.get("type"))
    if not {"EnvelopedVerifiableCredential", "EnvelopedVerifiablePresentation"} & set(
        t for t in types if isinstance(t, str)
    ):
        return None
    ident = item.get("id")
    for prefix in ENVELOPED_PREFIXES:
        if isinstance(ident, str) and ident.startswith(prefix):
            return ident[len(prefix) :]
    return None


def _unwrap(item: Any) -> Any:
    """An enveloped credential's JWT, else the item as it is."""
    token = enveloped_token(item)
    return item if token is None else token


@dataclass(slots=True)
class PresentationState:
    """What the presentation's steps share while its profile runs."""

    document: JsonObject
    context: VerificationContext
    canonicalizer: Canonicalizer
    verify_part: VerifyPart
    """Verifies one credential inside (given by the pipeline)."""
    jws_proof: JsonObject | None = None
    """The holder proof of a JWT presentation (its document then carries no `proof`)."""
    parsed: ParsedPresentation | None = None
    """Filled by the format step."""
    presenter: CheckResult | None = None
    """The presenter's key, purpose, challenge and domain (a `holder` result), from the proof
    step; the holder step adds the binding of the credentials to the holder."""
    parts: list[PartReport] = field(default_factory=list)


def check_presentation_format(state: PresentationState) -> CheckResult:
    """A VC 1.1 / 2.0 presentation; JSON-LD in safe mode when a Data Integrity proof signs it."""
    parsed = recognise_presentation(state.document)
    if state.jws_proof is not None:
        parsed = dataclasses.replace(parsed, proofs=(state.jws_proof,), needs_json_ld=False)
    if parsed.proofs and parsed.needs_json_ld:
        state.canonicalizer.canonicalize(parsed.unsecured)
    state.parsed = parsed
    return CheckResult.passed(
        CheckId.FORMAT, f"A well-formed presentation of {len(parsed.credentials)} credential(s)."
    )


def check_holder_proof(state: PresentationState) -> CheckResult:
    """The presenter's signature (purpose authentication); the presenter found on the way."""
    proof, state.presenter = _holder_proof_checks(
        _parsed(state), state.context, state.canonicalizer
    )
    return proof


def check_holder(state: PresentationState) -> CheckResult:
    """One holder line: the presenter (key, challenge, domain) and the binding of every
    credential to the holder, the worse first by the verdict rule's order."""
    presenter = state.presenter or CheckResult.not_done(
        CheckId.HOLDER, "The person presenting the credentials could not be checked."
    )
    return _merge(presenter, _binding(_parsed(state)))


def check_credentials(state: PresentationState) -> CheckResult:
    """Each credential by the same pipeline and rule, up to `MAX_CREDENTIALS`: those beyond are
    "not done — too many to check here" (a legitimate wallet export, not a failure)."""
    items = _parsed(state).credentials
    for position, item in enumerate(items[:MAX_CREDENTIALS], start=1):
        state.parts.append(PartReport(part_label(item, position), state.verify_part(item)))
    summary = summarise_parts(tuple(state.parts))
    if len(items) <= MAX_CREDENTIALS:
        return summary
    label = f"Credentials {MAX_CREDENTIALS + 1} to {len(items)}"
    too_many = CheckResult.not_done(
        CheckId.NESTED, f"Too many to check here: the kiosk checks the first {MAX_CREDENTIALS}."
    )
    state.parts.append(
        PartReport(label, VerificationReport(checks=(too_many,), checked_at=state.context.now))
    )
    not_checked = f"{label}: not checked (too many to check here)."
    if summary.status is CheckStatus.FAILED:
        return dataclasses.replace(summary, details=(*summary.details, not_checked))
    return CheckResult.not_done(
        CheckId.NESTED,
        f"Too many to check here: the presentation holds {len(items)} credentials and the kiosk "
        f"checks the first {MAX_CREDENTIALS}; check the others by hand.",
        summary.reason,
        *summary.details,
        not_checked,
    )


def presentation_fields(state: PresentationState) -> ShownFields:
    """One credential: its own fields; several: what the presentation is."""
    if len(state.parts) == 1:
        return state.parts[0].report.fields
    count = len(state.parsed.credentials) if state.parsed is not None else 0
    return ShownFields(
        credential_type=f"Presentation of {count} credentials" if count else "Presentation"
    )


def _parsed(state: PresentationState) -> ParsedPresentation:
    if state.parsed is None:  # the format step stops the run when it fails
        raise FormatError("The presentation was not read.")
    return state.parsed


def _holder_proof_checks(
    parsed: ParsedPresentation, context: VerificationContext, canonicalizer: Canonicalizer
) -> tuple[CheckResult, CheckResult]:
    """The `proof` result and the presenter's `holder` result."""
    if not parsed.proofs:
        unsigned = "The presentation is not signed by the person presenting it."
        return (
            CheckResult.not_done(CheckId.PROOF, unsigned),
            CheckResult.not_done(CheckId.HOLDER, unsigned),
        )
    if is_merkle_sealed(parsed.proofs):
        try:
            return check_sealed_presentation(parsed.unsecured, parsed.proofs[0], canonicalizer)
        except VerificationError as error:
            return as_check_result(CheckId.PROOF, error), as_check_result(CheckId.HOLDER, error)
    holder_results: list[CheckResult] = []
    for proof in parsed.proofs:
        try:
            suite = suite_for(proof)
            method = resolve_verification_method(proof.get("verificationMethod", ""), context)
        except VerificationError as error:
            return as_check_result(CheckId.PROOF, error), as_check_result(CheckId.HOLDER, error)
        holder_results.append(_presenter(parsed, proof, method, context))
        try:
            check_purpose(proof, AUTHENTICATION, "by the person presenting the credentials")
            check_timing(proof, context.now, context.clock_skew)
            suite.verify(parsed.unsecured, proof, method, canonicalizer)
        except VerificationError as error:
            return as_check_result(CheckId.PROOF, error), holder_results[-1]
    proof_result = CheckResult.passed(
        CheckId.PROOF, "The presenter's signature is valid: the presentation was not changed."
    )
    return proof_result, worst_first(holder_results)[0]


def _presenter(
    parsed: ParsedPresentation,
    proof: JsonObject,
    method: VerificationMethod,
    context: VerificationContext,
) -> CheckResult:
    """The presenter's key, purpose, challenge and domain."""
    if parsed.holder is not None and method.controller != parsed.holder:
        return CheckResult.failed(
            CheckId.HOLDER,
            "The presentation was signed by someone other than its holder.",
            f"holder: {parsed.holder}",
            f"key: {method.id}",
        )
    if AUTHENTICATION not in method.purposes:
        return CheckResult.failed(
            CheckId.HOLDER,
            "The presenter's key may not be used to authenticate.",
            f"key: {method.id}",
        )
    challenge, domain = proof.get("challenge"), proof.get("domain")
    if context.challenge is not None and challenge != context.challenge:
        return CheckResult.failed(
            CheckId.HOLDER,
            "The presentation does not answer this kiosk's challenge: it may be a replay.",
        )
    if context.challenge is None and challenge is not None:
        return CheckResult.not_done(
            CheckId.HOLDER,
            "Possible replay: the presentation answers a challenge this kiosk did not issue.",
            f"challenge: {plain_text(challenge, limit=80)}",
        )
    if context.domain is not None and domain != context.domain:
        return CheckResult.failed(
            CheckId.HOLDER, "The presentation was made for another verifier (wrong domain)."
        )
    return CheckResult.passed(
        CheckId.HOLDER, "The holder signed this presentation for this kiosk.", f"key: {method.id}"
    )


def _binding(parsed: ParsedPresentation) -> CheckResult:
    """Are the credentials about the holder? Compared on credentialSubject ids."""
    subject_ids = [_subject_id(item) for item in parsed.credentials]
    if parsed.holder is not None and any(s is not None and s != parsed.holder for s in subject_ids):
        return CheckResult.failed(
            CheckId.HOLDER,
            "The presenter is not the person a credential was issued to.",
            f"holder: {parsed.holder}",
        )
    if parsed.holder is None or None in subject_ids:
        return CheckResult.not_done(
            CheckId.HOLDER,
            "A credential does not name its holder by identifier: compare the holder's name "
            "with photo ID.",
        )
    return CheckResult.passed(CheckId.HOLDER, "Every credential was issued to the presenter.")


def _subject_id(item: Any) -> str | None:
    """The `credentialSubject.id` of an included credential (JSON, or a JWT's claims). Read
    before verification: whether the credential is authentic is its own part's verdict."""
    if isinstance(item, str):
        try:
            _header, claims = read_token(item)
        except VerificationError:
            return None
        sub = claims.get("sub")
        item = claims.get("vc", claims)
        if isinstance(sub, str):
            return sub
    subject = item.get("credentialSubject") if isinstance(item, dict) else None
    first = subject[0] if isinstance(subject, list) and subject else subject
    ident = first.get("id") if isinstance(first, dict) else None
    return ident if isinstance(ident, str) else None


def _merge(presenter: CheckResult, binding: CheckResult) -> CheckResult:
    """One holder line: the worse of the presenter checks and the binding, with both reasons."""
    first, second = worst_first((presenter, binding))
    if first.status is CheckStatus.PASSED:
        return CheckResult.passed(
            CheckId.HOLDER, f"{presenter.reason} {binding.reason}", *presenter.details
        )
    return CheckResult(
        CheckId.HOLDER, first.status, first.reason, (*first.details, second.reason, *second.details)
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
