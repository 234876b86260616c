"""The verification pipeline: payload → format → issuer key → proof → dates → status → trust.

Blockcerts certificates take their own steps (chosen by `applies`): format → Merkle proof →
blockchain anchor → issuing address → dates → revocation → trust; `anchor` is then required.

The order, which failures stop the run, and which checks are skipped after a failed proof are
data (`CREDENTIAL_STEPS`), not branches. Each step is one check module. Exceptions from a check
become results here and nowhere else: `UnsupportedError` → not done; any other
`VerificationError` → failed; anything unexpected → not done (logged), never passed.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from kiosk.verification.blockcerts.certificate import is_blockcerts
from kiosk.verification.blockcerts.fields import blockcerts_fields
from kiosk.verification.blockcerts.issuer_check import check_issuing_key
from kiosk.verification.blockcerts.proof_check import check_merkle_proof
from kiosk.verification.blockcerts.status_check import applies_to_blockcerts, check_revocation
from kiosk.verification.checks.anchor import check_anchor, is_anchored
from kiosk.verification.checks.dates import check_dates
from kiosk.verification.checks.format import check_format
from kiosk.verification.checks.issuer_key import check_issuer_key
from kiosk.verification.checks.nested import check_nested, has_included_credentials
from kiosk.verification.checks.proof import check_proof
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.checks.status import check_status, has_status_entry
from kiosk.verification.checks.trust import check_trust
from kiosk.verification.context import VerificationContext
from kiosk.verification.credential import ParsedCredential, recognise
from kiosk.verification.errors import VerificationError, as_check_result
from kiosk.verification.fields import shown_fields
from kiosk.verification.holder_match import recipient_identities
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.jwt_credential import (
    is_presentation_token,
    presentation_from_token,
    read_token,
    recognise_jwt,
)
from kiosk.verification.link import fetch_linked_payload
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    CheckStatus,
    PartReport,
    ShownFields,
    VerificationReport,
)
from kiosk.verification.presentation import (
    enveloped_token,
    is_presentation,
    verify_presentation,
)
from kiosk.verification.verdict import decide_verdict
from payloads.envelopes import Envelope, EnvelopeKind, open_envelope

log = logging.getLogger(__name__)

_ONE_AT_A_TIME = threading.RLock()
"""The JSON-LD context caches are process-wide and unlocked (like pyld's own): verifications
run one at a time. A thread worker that was cancelled may still be finishing, so the app cannot
guarantee this by itself."""

_Verifier = TypeVar("_Verifier", bound=Callable[..., VerificationReport])


def _serialised(function: _Verifier) -> _Verifier:
    @functools.wraps(function)
    def locked(*args: Any, **kwargs: Any) -> VerificationReport:
        with _ONE_AT_A_TIME:
            return function(*args, **kwargs)

    return cast(_Verifier, locked)


StepCallback = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Step:
    """One check in the pipeline and the rules around it."""

    check_id: CheckId
    run: Callable[[CredentialState], CheckResult | None]
    label: str
    """What the kiosk is doing, for the "checking…" line: "checking the signature"."""
    stops_on_failure: bool = False
    """A failure ends the run: nothing after it is meaningful (structural fatals)."""
    needs_valid_proof: bool = False
    """When the proof failed, this check is reported "not done" instead of run."""
    applies: Callable[[CredentialState], bool] = lambda _state: True
    """Whether the check applies to this credential at all (else it is not listed)."""


def _not_anchored(state: CredentialState) -> bool:
    return not is_anchored(state)


CREDENTIAL_STEPS: tuple[Step, ...] = (
    Step(CheckId.FORMAT, check_format, "reading the credential", stops_on_failure=True),
    Step(CheckId.ISSUER_KEY, check_issuer_key, "finding the issuer's key", applies=_not_anchored),
    Step(CheckId.PROOF, check_proof, "checking the signature", applies=_not_anchored),
    Step(CheckId.PROOF, check_merkle_proof, "checking the Merkle proof", applies=is_anchored),
    Step(
        CheckId.ANCHOR,
        check_anchor,
        "asking the blockchain explorers",
        needs_valid_proof=True,
        applies=is_anchored,
    ),
    Step(
        CheckId.ISSUER_KEY,
        check_issuing_key,
        "checking the issuing address",
        needs_valid_proof=True,
        applies=is_anchored,
    ),
    Step(CheckId.DATES, check_dates, "checking the dates", needs_valid_proof=True),
    Step(
        CheckId.STATUS,
        check_status,
        "checking for revocation",
        needs_valid_proof=True,
        applies=has_status_entry,
    ),
    Step(
        CheckId.STATUS,
        check_revocation,
        "checking for revocation",
        needs_valid_proof=True,
        applies=applies_to_blockcerts,
    ),
    Step(CheckId.TRUST, check_trust, "checking the trust list", needs_valid_proof=True),
    Step(
        CheckId.NESTED,
        check_nested,
        "checking the included credentials",
        needs_valid_proof=True,
        applies=has_included_credentials,
    ),
)
MAX_NESTING = 2
"""How deep credentials inside credentials are followed (a CLR inside a CLR at most)."""
REQUIRED_FOR_CREDENTIAL = frozenset(
    {CheckId.FORMAT, CheckId.ISSUER_KEY, CheckId.PROOF, CheckId.DATES, CheckId.TRUST}
)
REQUIRED_FOR_BLOCKCERTS = REQUIRED_FOR_CREDENTIAL | {CheckId.ANCHOR}
"""A Blockcerts certificate is VERIFIED only with its blockchain anchor checked and passed."""
SKIPPED_AFTER_BAD_PROOF = (
    "Not checked: the signature failed, so nothing the credential says can be trusted."
)


@_serialised
def verify_payload(
    data: bytes, context: VerificationContext, on_step: StepCallback | None = None
) -> VerificationReport:
    """Verify the bytes of a scanned QR code (or a file): the whole product in one call."""
    envelope = open_envelope(data, max_bytes=context.max_payload_bytes)
    return _verify_envelope(envelope, context, on_step, follow_link=True)


def _verify_envelope(
    envelope: Envelope,
    context: VerificationContext,
    on_step: StepCallback | None,
    follow_link: bool,
    source: str = "The code holds",
) -> VerificationReport:
    """Dispatch on what the payload turned out to be (one row per kind)."""
    if envelope.kind is EnvelopeKind.LINK and envelope.text is not None and follow_link:
        (on_step or (lambda _label: None))("fetching the linked credential")
        linked = fetch_linked_payload(envelope.text, context)
        if isinstance(linked, CheckResult):
            return _report((linked,), (), ShownFields(), context)
        inner = open_envelope(linked.body, max_bytes=context.max_payload_bytes)
        return _verify_envelope(inner, context, on_step, False, f"{linked.note} It holds")
    if envelope.kind is EnvelopeKind.LINK:
        refused = CheckResult.failed(CheckId.PAYLOAD, "The link leads to another link.")
        return _report((refused,), (), ShownFields(), context)
    if envelope.kind is EnvelopeKind.JWT and envelope.text is not None:
        payload = CheckResult.passed(
            CheckId.PAYLOAD, f"{source} a signed token ({envelope.size} bytes)."
        )
        return verify_token(envelope.text, context, on_step, (payload,))
    if envelope.kind is EnvelopeKind.SD_JWT:
        payload = CheckResult.passed(CheckId.PAYLOAD, envelope.reason)
        unsupported = CheckResult.not_done(
            CheckId.FORMAT, "SD-JWT credentials are not supported yet: check this one by hand."
        )
        return _report((payload, unsupported), (), ShownFields(), context)
    if envelope.kind is EnvelopeKind.WALLET_REQUEST:
        refused = CheckResult.failed(CheckId.PAYLOAD, envelope.reason)
        return _report((refused,), (), ShownFields(), context)
    if envelope.kind is not EnvelopeKind.JSON or envelope.document is None:
        reason = envelope.reason
        if envelope.preview:
            reason = f"{reason} It starts: {envelope.preview}"
        payload = CheckResult.failed(CheckId.PAYLOAD, reason)
        return _report((payload,), (), ShownFields(), context)
    payload = CheckResult.passed(CheckId.PAYLOAD, f"{source} JSON ({envelope.size} bytes).")
    return verify_document(envelope.document, context, on_step, earlier=(payload,))


@_serialised
def verify_document(
    document: dict[str, Any],
    context: VerificationContext,
    on_step: StepCallback | None = None,
    earlier: tuple[CheckResult, ...] = (),
) -> VerificationReport:
    """Verify a parsed JSON credential or presentation."""
    token = enveloped_token(document)
    if token is not None:
        return verify_token(token, context, on_step, earlier)
    if is_presentation(document):
        (on_step or (lambda _label: None))("checking the presentation")
        return verify_presentation(
            document, context, lambda item: _verify_part(item, context, 1), earlier
        )
    return _verify_parsed(lambda: recognise(document), context, on_step, earlier)


@_serialised
def verify_token(
    token: str,
    context: VerificationContext,
    on_step: StepCallback | None = None,
    earlier: tuple[CheckResult, ...] = (),
) -> VerificationReport:
    """Verify a compact JWS: a credential (VC-JWT, VC-JOSE) or a presentation (VP-JWT)."""
    try:
        header, claims = read_token(token)
        if is_presentation_token(header, claims):
            document, proof = presentation_from_token(token)
            return verify_presentation(
                document, context, lambda item: _verify_part(item, context, 1), earlier, proof
            )
    except VerificationError as error:
        refused = as_check_result(CheckId.FORMAT, error)
        return _report((*earlier, refused), (), ShownFields(), context)
    read = (header, claims)
    return _verify_parsed(lambda: recognise_jwt(token, read), context, on_step, earlier)


def _verify_part(item: Any, context: VerificationContext, depth: int) -> VerificationReport:
    """Verify a credential found inside another: a JSON object or a compact JWS string."""
    if depth > MAX_NESTING:
        refused = CheckResult.failed(CheckId.FORMAT, "Credentials are nested too deeply.")
        return _report((refused,), (), ShownFields(), context)
    if isinstance(item, str):
        return _verify_parsed(lambda: recognise_jwt(item), context, None, (), depth)
    if isinstance(item, dict):
        return _verify_parsed(lambda: recognise(item), context, None, (), depth)
    refused = CheckResult.failed(CheckId.FORMAT, "An included credential is malformed.")
    return _report((refused,), (), ShownFields(), context)


def _verify_parsed(
    parse: Callable[[], ParsedCredential],
    context: VerificationContext,
    on_step: StepCallback | None,
    earlier: tuple[CheckResult, ...],
    depth: int = 0,
) -> VerificationReport:
    """Run the credential steps on whatever `parse` recognises."""
    notify = on_step or (lambda _label: None)
    notify("reading the credential")
    try:
        credential = parse()
    except VerificationError as error:
        refused = as_check_result(CheckId.FORMAT, error)
        return _report((*earlier, refused), (), ShownFields(), context)
    except Exception:  # a bug must never crash the kiosk nor pass a check
        log.exception("recognising the credential raised unexpectedly")
        return _report((*earlier, _internal_error(CheckId.FORMAT)), (), ShownFields(), context)
    state = CredentialState(credential, context, Canonicalizer(context.contexts))
    state.anchored = is_blockcerts(credential)
    state.verify_part = lambda item: _verify_part(item, context, depth + 1)
    results = list(earlier)
    statuses: dict[CheckId, CheckStatus] = {}
    for step in CREDENTIAL_STEPS:
        if not step.applies(state):
            continue
        if step.needs_valid_proof and statuses.get(CheckId.PROOF) is CheckStatus.FAILED:
            result: CheckResult | None = CheckResult.not_done(
                step.check_id, SKIPPED_AFTER_BAD_PROOF
            )
        else:
            notify(step.label)
            result = _run(step, state)
        if result is None:
            continue
        results.append(result)
        statuses[step.check_id] = result.status
        if step.stops_on_failure and result.status is CheckStatus.FAILED:
            return _report(tuple(results), (), ShownFields(), context)
    if is_blockcerts(credential):
        fields, required = blockcerts_fields(state, statuses), REQUIRED_FOR_BLOCKCERTS
    else:
        fields, required = shown_fields(state, statuses), REQUIRED_FOR_CREDENTIAL
    report = _report(tuple(results), required, fields, context, tuple(state.parts))
    if statuses.get(CheckId.PROOF) is CheckStatus.PASSED:
        report = dataclasses.replace(report, recipient=recipient_identities(credential.document))
    return report


def _run(step: Step, state: CredentialState) -> CheckResult | None:
    try:
        return step.run(state)
    except VerificationError as error:
        return as_check_result(step.check_id, error)
    except Exception:  # a bug must never pass a check: report it as not done
        log.exception("check %s raised unexpectedly", step.check_id)
        return _internal_error(step.check_id)


def _internal_error(check_id: CheckId) -> CheckResult:
    return CheckResult.not_done(
        check_id, "This check could not be completed because of an internal error."
    )


def _report(
    checks: tuple[CheckResult, ...],
    required: frozenset[CheckId] | tuple[()],
    fields: ShownFields,
    context: VerificationContext,
    parts: tuple[PartReport, ...] = (),
) -> VerificationReport:
    return VerificationReport(
        verdict=decide_verdict(checks, required),
        checks=checks,
        fields=fields,
        checked_at=context.now,
        parts=parts,
    )
