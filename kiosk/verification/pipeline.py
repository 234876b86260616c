"""The verification pipeline: payload → envelope → the document's profile → report.

The pipeline opens the payload, decides what kind of document it holds, picks its profile
(`kiosk.verification.profiles`: credential, Blockcerts certificate, presentation, status-list
credential), runs the profile's steps (`kiosk.verification.steps.run_profile`) and builds the
report, which keeps the profile's required set: its verdict is always derived from its checks by
the one rule (`kiosk.verification.verdict`). Credentials inside others (a CLR's, a
presentation's) and status list credentials are verified by the pipeline too, through functions
it passes into the state of the document being checked — never by a check calling back in.

Parsing a payload (the envelope, a token, recognising the document, a profile's format step) is
reading hostile input: any exception it raises is the payload's fault, a failed check
"malformed …" (`errors.as_parse_failure`), so the verdict is NOT VERIFIED with a reason.
`verify_payload` never raises: whatever else escapes is logged and reported "not done".
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.context import VerificationContext
from kiosk.verification.credential import ParsedCredential, recognise
from kiosk.verification.deadline import run_within_deadline
from kiosk.verification.endorsements import verify_endorsements
from kiosk.verification.errors import as_parse_failure
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
    VerificationReport,
)
from kiosk.verification.presentation import (
    PresentationState,
    enveloped_token,
    is_presentation,
)
from kiosk.verification.profiles import (
    BLOCKCERTS,
    CREDENTIAL,
    PRESENTATION,
    STATUS_LIST,
    credential_profile,
)
from kiosk.verification.steps import (
    Profile,
    ProfileRun,
    State,
    internal_error,
    run_profile,
)
from payloads.envelopes import Envelope, EnvelopeKind, open_envelope

log = logging.getLogger(__name__)

_ONE_AT_A_TIME = threading.RLock()
"""The JSON-LD context caches are process-wide and unlocked (like pyld's own): verifications
run one at a time. A thread worker that was cancelled may still be finishing, so the app cannot
guarantee this by itself."""

_Verifier = TypeVar("_Verifier", bound=Callable[..., VerificationReport])


def _serialised(function: _Verifier) -> _Verifier:
    """One verification at a time, each within its context's deadline (`deadline.py`)."""

    @functools.wraps(function)
    def locked(*args: Any, **kwargs: Any) -> VerificationReport:
        context: VerificationContext = kwargs["context"] if "context" in kwargs else args[1]
        with _ONE_AT_A_TIME:
            return run_within_deadline(
                lambda: function(*args, **kwargs), context.deadline_seconds, context.now
            )

    return cast(_Verifier, locked)


StepCallback = Callable[[str], None]


MAX_NESTING = 2
"""How deep credentials inside credentials are followed (a CLR inside a CLR at most)."""


@_serialised
def verify_payload(
    data: bytes,
    context: VerificationContext,
    on_step: StepCallback | None = None,
    *,
    from_file: bool = False,
) -> VerificationReport:
    """Verify the bytes of a scanned QR code (or, `from_file`, a file): the whole product in
    one call. Scanned payloads are capped at `max_payload_bytes`, files at `max_file_bytes`."""
    limit = context.max_file_bytes if from_file else context.max_payload_bytes
    try:
        envelope = open_envelope(data, max_bytes=limit)
    except Exception as error:  # reading the payload: whatever it raises, it is malformed
        log.info("the payload could not be opened", exc_info=True)
        return _report((as_parse_failure(CheckId.PAYLOAD, error, "code"),), context)
    try:
        return _verify_envelope(envelope, context, on_step, follow_link=True)
    except Exception:  # a bug must never crash the kiosk nor pass a check
        log.exception("verification raised unexpectedly")
        return _report((internal_error(CheckId.FORMAT),), context)


def _verify_envelope(
    envelope: Envelope,
    context: VerificationContext,
    on_step: StepCallback | None,
    follow_link: bool,
    source: str = "The code holds",
) -> VerificationReport:
    """Dispatch on what the payload turned out to be (one row per kind)."""
    if envelope.kind is EnvelopeKind.LINK and envelope.text is not None and follow_link:
        (on_step or _quiet)("fetching the linked credential")
        linked = fetch_linked_payload(envelope.text, context)
        if isinstance(linked, CheckResult):
            return _report((linked,), context)
        try:
            inner = open_envelope(linked.body, max_bytes=context.max_file_bytes)
        except Exception as error:  # the linked document is a payload too
            return _report((as_parse_failure(CheckId.PAYLOAD, error, "linked document"),), context)
        return _verify_envelope(inner, context, on_step, False, f"{linked.note} It holds")
    if envelope.kind is EnvelopeKind.LINK:
        refused = CheckResult.failed(CheckId.PAYLOAD, "The link leads to another link.")
        return _report((refused,), context)
    if envelope.kind is EnvelopeKind.JWT and envelope.text is not None:
        payload = CheckResult.passed(
            CheckId.PAYLOAD, f"{source} a signed token ({envelope.size} bytes)."
        )
        return verify_token(envelope.text, context, on_step, (payload,))
    if envelope.kind is EnvelopeKind.SD_JWT and envelope.text is not None:
        from kiosk.verification.sd_jwt import verify_sd_jwt  # loaded for SD-JWT VCs only

        payload = CheckResult.passed(CheckId.PAYLOAD, envelope.reason)
        return verify_sd_jwt(envelope.text, context, on_step, (payload,))
    if envelope.kind is EnvelopeKind.WALLET_REQUEST:
        refused = CheckResult.failed(CheckId.PAYLOAD, envelope.reason)
        return _report((refused,), context)
    if envelope.kind is not EnvelopeKind.JSON or envelope.document is None:
        reason = envelope.reason
        if envelope.preview:
            reason = f"{reason} It starts: {envelope.preview}"
        payload = CheckResult.failed(CheckId.PAYLOAD, reason)
        return _report((payload,), context)
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
        return _verify_presentation(document, context, on_step, earlier)
    return _verify_parsed(lambda c: recognise(document, c), context, on_step, earlier)


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
            return _verify_presentation(document, context, on_step, earlier, proof)
    except Exception as error:  # a token is parsed here: whatever it raises, it is malformed
        refused = as_parse_failure(CheckId.FORMAT, error, "signed token")
        return _report((*earlier, refused), context)
    read = (header, claims)
    return _verify_parsed(lambda c: recognise_jwt(token, c, read), context, on_step, earlier)


@_serialised
def verify_status_list(
    document: dict[str, Any] | str, context: VerificationContext
) -> VerificationReport:
    """Verify a fetched status list credential (JSON-LD, or a JWT given as its token) through
    the status-list profile (format, issuer key, proof, dates): what
    `kiosk.verification.status` judges a list by."""
    token = document if isinstance(document, str) else enveloped_token(document)
    if token is not None:
        return _verify_parsed(lambda c: recognise_jwt(token, c), context, None, (), STATUS_LIST)
    as_json = document if isinstance(document, dict) else {}
    return _verify_parsed(lambda c: recognise(as_json, c), context, None, (), STATUS_LIST)


def _verify_presentation(
    document: dict[str, Any],
    context: VerificationContext,
    on_step: StepCallback | None,
    earlier: tuple[CheckResult, ...],
    jws_proof: dict[str, Any] | None = None,
) -> VerificationReport:
    """Run the presentation profile; its credentials are verified one level down."""
    state = PresentationState(
        document,
        context,
        Canonicalizer(context.contexts),
        lambda item: _verify_part(item, context, 1),
        jws_proof,
    )
    done = run_profile(PRESENTATION, state, on_step or _quiet)
    return _profile_report(PRESENTATION, state, done, context, earlier, tuple(state.parts))


def _verify_part(item: Any, context: VerificationContext, depth: int) -> VerificationReport:
    """Verify a credential found inside another: a JSON object or a compact JWS string."""
    if depth > MAX_NESTING:
        refused = CheckResult.failed(CheckId.FORMAT, "Credentials are nested too deeply.")
        return _report((refused,), context)
    if isinstance(item, str):
        return _verify_parsed(lambda c: recognise_jwt(item, c), context, None, (), depth=depth)
    if isinstance(item, dict):
        return _verify_parsed(lambda c: recognise(item, c), context, None, (), depth=depth)
    refused = CheckResult.failed(CheckId.FORMAT, "An included credential is malformed.")
    return _report((refused,), context)


def _verify_parsed(
    parse: Callable[[Canonicalizer], ParsedCredential],
    context: VerificationContext,
    on_step: StepCallback | None,
    earlier: tuple[CheckResult, ...],
    profile: Profile[CredentialState] | None = None,
    depth: int = 0,
) -> VerificationReport:
    """Run the credential's profile (given, or chosen for what `parse` recognises)."""
    notify = on_step or _quiet
    notify("reading the credential")
    canonicalizer = Canonicalizer(context.contexts)  # one expansion, shared by every check
    try:
        credential = parse(canonicalizer)
    except Exception as error:  # recognising is parsing: whatever it raises, it is malformed
        refused = as_parse_failure(CheckId.FORMAT, error, "credential")
        return _report((*earlier, refused), context)
    chosen = profile or credential_profile(credential)
    state = CredentialState(credential, context, canonicalizer)
    state.anchored = chosen is BLOCKCERTS
    state.verify_part = lambda item: _verify_part(item, context, depth + 1)
    state.verify_status_list = lambda document: verify_status_list(document, context)
    done = run_profile(chosen, state, notify)
    report = _profile_report(chosen, state, done, context, earlier, tuple(state.parts))
    if done.statuses.get(CheckId.PROOF) is CheckStatus.PASSED:
        report = dataclasses.replace(report, recipient=recipient_identities(credential))
    if chosen is CREDENTIAL and done.statuses.get(CheckId.FORMAT) is CheckStatus.PASSED:
        report = dataclasses.replace(report, endorsements=verify_endorsements(state))
    return report


def _quiet(_label: str) -> None:
    """No progress to report."""


def _profile_report(
    profile: Profile[State],
    state: State,
    done: ProfileRun,
    context: VerificationContext,
    earlier: tuple[CheckResult, ...],
    parts: tuple[PartReport, ...],
) -> VerificationReport:
    """The report of a profile's run: its checks after `earlier`, its required set, its fields."""
    return VerificationReport(
        checks=(*earlier, *done.results),
        required=profile.required,
        fields=profile.shows(state, done.statuses),
        checked_at=context.now,
        parts=parts,
    )


def _report(checks: tuple[CheckResult, ...], context: VerificationContext) -> VerificationReport:
    """The report of a payload refused before any profile ran (nothing required, nothing shown)."""
    return VerificationReport(checks=checks, checked_at=context.now)
