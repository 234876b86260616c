"""An SD-JWT VC verified end to end, reported with the kiosk's usual checks and verdict rule.

    format      the presentation splits; `typ` dc+sd-jwt / vc+sd-jwt; `iss`, `vct` present;
                every disclosure matches a digest the issuer signed (`disclosures`); none
                discloses a claim the SD-JWT VC rules keep in the clear (iss, nbf, exp, cnf,
                vct, status). A refusal stops the run (NOT VERIFIED); an unknown `_sd_alg` is
                "not done" and the claims are not shown.
    issuer-key  `issuer_keys`: x5c to a configured anchor, a DID, or JWT VC issuer metadata.
    proof       the issuer JWT's signature (the JOSE suite's algorithm policy: `none`/HMAC
                refused, algorithm and key type must agree).
    dates       nbf / exp with the kiosk's clock skew (only after the proof passed).
    status      `status.status_list` (IETF Token Status List), when the credential has one.
    trust       `iss` on a loaded trust list (only after the proof passed).
    holder      the key-binding JWT, when present or when the kiosk requires holder binding.

Dates, status and trust read signed data, so they are "not done" unless the proof passed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kiosk.verification.checks.dates import show_date
from kiosk.verification.context import VerificationContext
from kiosk.verification.credential import FormatError
from kiosk.verification.errors import UnsupportedError, VerificationError, as_check_result
from kiosk.verification.fields import format_instant
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    CheckStatus,
    FieldSource,
    ShownField,
    ShownFields,
    VerificationReport,
)
from kiosk.verification.plain_text import plain_text
from kiosk.verification.sd_jwt.compact import SdJwtPresentation, split_presentation
from kiosk.verification.sd_jwt.disclosures import Disclosed, hash_function, process
from kiosk.verification.sd_jwt.issuer_keys import IssuerKey, resolve_issuer_key
from kiosk.verification.sd_jwt.key_binding import check_key_binding
from kiosk.verification.sd_jwt.shown import shown_claims
from kiosk.verification.sd_jwt.token_status_list import check_token_status
from kiosk.verification.sd_jwt.type_metadata import type_metadata_for
from kiosk.verification.suites.jose import verify_compact_jws

ALWAYS_IN_THE_CLEAR = frozenset({"iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"})
"""SD-JWT VC: claims that must never be selectively disclosed."""
REQUIRED = frozenset(
    {CheckId.FORMAT, CheckId.ISSUER_KEY, CheckId.PROOF, CheckId.DATES, CheckId.TRUST}
)
NOT_AFTER_BAD_PROOF = (
    "Not checked: the signature failed, so nothing the credential says can be trusted."
)
NOT_WITHOUT_PROOF = "Not checked: the issuer's signature could not be confirmed."

StepCallback = Callable[[str], None]
log = logging.getLogger(__name__)


def verify_sd_jwt(
    text: str,
    context: VerificationContext,
    on_step: StepCallback | None = None,
    earlier: tuple[CheckResult, ...] = (),
) -> VerificationReport:
    """Verify a compact SD-JWT VC presentation (see the module docstring)."""
    notify = on_step or (lambda _label: None)
    notify("reading the credential")
    try:
        presentation = split_presentation(text)
    except VerificationError as error:
        return _report((*earlier, as_check_result(CheckId.FORMAT, error)), ShownFields(), context)
    disclosed: Disclosed | None = None
    function: Callable[[bytes], Any] | None = None
    try:
        function = hash_function(presentation.payload)[1]
        disclosed = process(presentation.payload, presentation.disclosures)
        format_result = _format(presentation, disclosed)
    except UnsupportedError as error:  # an unknown _sd_alg: the claims cannot be read
        format_result = CheckResult.not_done(CheckId.FORMAT, error.description)
    except VerificationError as error:
        return _report((*earlier, as_check_result(CheckId.FORMAT, error)), ShownFields(), context)
    except Exception:  # a bug must never crash the kiosk nor pass a check
        log.exception("reading an SD-JWT raised unexpectedly")
        return _report((*earlier, _internal(CheckId.FORMAT)), ShownFields(), context)
    if format_result.status is CheckStatus.FAILED:
        return _report((*earlier, format_result), ShownFields(), context)
    payload, issuer = presentation.payload, str(presentation.payload.get("iss", ""))
    results = [*earlier, format_result]
    notify("finding the issuer's key")
    key_result, key = _issuer_key(presentation.header, issuer, context)
    results.append(key_result)
    notify("checking the signature")
    proof = _proof(presentation, key)
    results.append(proof)
    trusted_name: str | None = None
    if proof.status is CheckStatus.PASSED:
        notify("checking the dates")
        results.append(_guarded(CheckId.DATES, lambda: _dates(payload, context)))
        if "status" in payload:
            notify("checking for revocation")
            results.append(_guarded(CheckId.STATUS, lambda: _status(payload, issuer, context)))
        notify("checking the trust list")
        trust, trusted_name = _trust(issuer, context)
        results.append(trust)
    else:
        reason = NOT_AFTER_BAD_PROOF if proof.status is CheckStatus.FAILED else NOT_WITHOUT_PROOF
        ids = (CheckId.DATES, *((CheckId.STATUS,) if "status" in payload else ()), CheckId.TRUST)
        results.extend(CheckResult.not_done(check_id, reason) for check_id in ids)
    holder = _holder(presentation, function, context)
    if holder is not None:
        results.append(holder)
    signed = proof.status is CheckStatus.PASSED and key_result.status is CheckStatus.PASSED
    fields = _fields(presentation, disclosed, signed, trusted_name, context)
    return _report(tuple(results), fields, context)


def _format(presentation: SdJwtPresentation, disclosed: Disclosed) -> CheckResult:
    payload = presentation.payload
    if "iss" in payload and (not isinstance(payload["iss"], str) or not payload["iss"]):
        raise FormatError("The SD-JWT VC's issuer (iss) is not an identifier.")
    if not isinstance(payload.get("vct"), str) or not payload["vct"]:
        raise FormatError("The SD-JWT VC does not name its type (vct).")
    for path in disclosed.disclosed_paths:
        if len(path) == 1 and path[0] in ALWAYS_IN_THE_CLEAR:
            raise FormatError(
                f"The SD-JWT VC hides the claim {path[0]!r}, which must be in the clear."
            )
    for name in ("iat", "nbf", "exp"):
        if name in disclosed.claims and _instant(disclosed.claims[name]) is None:
            raise FormatError(f"The token's {name} claim is not a valid time.")
    count = len(presentation.disclosures)
    if "iss" not in payload:  # optional since draft 08 (the x5c leaf's subject may say it)
        return CheckResult.not_done(
            CheckId.FORMAT,
            "The credential does not name its issuer (iss): the kiosk cannot tell who issued it.",
            f"{count} disclosure{'s' if count != 1 else ''}, each matching a digest the issuer "
            "signed.",
        )
    return CheckResult.passed(
        CheckId.FORMAT,
        f"An SD-JWT VC ({presentation.header.get('typ')}) with {count} disclosed "
        f"claim{'s' if count != 1 else ''}, each matching a digest the issuer signed.",
        f"type (vct): {plain_text(payload['vct'], limit=120)}",
        f"disclosure digests: {disclosed.hash_name}",
        "key binding: " + ("present" if presentation.key_binding_jwt else "none"),
    )


def _issuer_key(
    header: dict[str, Any], issuer: str, context: VerificationContext
) -> tuple[CheckResult, IssuerKey | None]:
    try:
        key = resolve_issuer_key(header, issuer, context)
    except UnsupportedError as error:
        return (
            CheckResult.not_done(
                CheckId.ISSUER_KEY, error.description, f"issuer: {plain_text(issuer, limit=120)}"
            ),
            None,
        )
    except VerificationError as error:
        return as_check_result(CheckId.ISSUER_KEY, error), None
    except Exception:  # a bug must never pass a check
        log.exception("resolving an SD-JWT issuer key raised unexpectedly")
        return _internal(CheckId.ISSUER_KEY), None
    return (
        CheckResult.passed(
            CheckId.ISSUER_KEY,
            f"The signing key is the issuer's, {key.source}.",
            f"key: {plain_text(key.key_id, limit=120)}",
        ),
        key,
    )


def _proof(presentation: SdJwtPresentation, key: IssuerKey | None) -> CheckResult:
    alg = presentation.header.get("alg")
    if key is None:
        return CheckResult.not_done(
            CheckId.PROOF, "The signature could not be checked without the issuer's key."
        )
    try:
        verify_compact_jws(presentation.issuer_jwt, key.public_key, str(alg))
    except VerificationError as error:
        return as_check_result(CheckId.PROOF, error)
    return CheckResult.passed(
        CheckId.PROOF, f"The issuer's signature ({plain_text(alg, limit=20)}) is valid."
    )


def _dates(payload: dict[str, Any], context: VerificationContext) -> CheckResult:
    now, skew = context.now, context.clock_skew
    valid_from, valid_until = _instant(payload.get("nbf")), _instant(payload.get("exp"))
    if valid_from is not None and now + skew < valid_from:
        return CheckResult.failed(
            CheckId.DATES, f"Not valid yet: valid from {show_date(valid_from)}."
        )
    if valid_until is not None and now - skew > valid_until:
        return CheckResult.failed(CheckId.DATES, f"Expired on {show_date(valid_until)}.")
    if valid_until is not None:
        return CheckResult.passed(
            CheckId.DATES, f"Within its validity period (until {show_date(valid_until)})."
        )
    return CheckResult.passed(CheckId.DATES, "Valid now; it states no expiry date.")


def _status(payload: dict[str, Any], issuer: str, context: VerificationContext) -> CheckResult:
    status = payload.get("status")
    if isinstance(status, dict) and "status_list" in status:
        return check_token_status(status["status_list"], issuer, context)
    return CheckResult.not_done(
        CheckId.STATUS, "Its status uses a mechanism this kiosk does not read."
    )


def _trust(issuer: str, context: VerificationContext) -> tuple[CheckResult, str | None]:
    match = context.trust.find(issuer)
    if match is None:
        return (
            CheckResult.not_done(
                CheckId.TRUST,
                "The issuer is not on the kiosk's trust list: check who issued it by other means.",
                f"issuer id: {plain_text(issuer, limit=120)}",
            ),
            None,
        )
    entry, now = match.issuer, context.now
    if (entry.valid_from is not None and now < entry.valid_from) or (
        entry.valid_until is not None and now > entry.valid_until
    ):
        return (
            CheckResult.not_done(
                CheckId.TRUST, "The trust list does not trust this issuer at this date."
            ),
            None,
        )
    return (
        CheckResult.passed(
            CheckId.TRUST,
            f"Trusted issuer on the list '{match.trust_list.name}'.",
            *((entry.note,) if entry.note else ()),
        ),
        entry.name,
    )


def _holder(
    presentation: SdJwtPresentation,
    function: Callable[[bytes], Any] | None,
    context: VerificationContext,
) -> CheckResult | None:
    if presentation.key_binding_jwt is None:
        if not context.require_holder_binding:
            return None
        return CheckResult.not_done(
            CheckId.HOLDER,
            "The kiosk requires holder binding, and this credential comes without a "
            "key-binding proof: ask the holder to present it from their wallet.",
        )
    if function is None:
        return CheckResult.not_done(
            CheckId.HOLDER, "The key-binding proof could not be checked (unknown hash algorithm)."
        )
    return _guarded(CheckId.HOLDER, lambda: check_key_binding(presentation, function, context))


def _fields(
    presentation: SdJwtPresentation,
    disclosed: Disclosed | None,
    signed: bool,
    trusted_name: str | None,
    context: VerificationContext,
) -> ShownFields:
    payload = presentation.payload
    source = FieldSource.SIGNED if signed else FieldSource.CLAIMED
    metadata = type_metadata_for(payload.get("vct"), presentation.header)
    type_name = metadata.type_name(context.locale) if metadata is not None else None
    claimed_issuer = payload.get("iss")
    issuer: ShownField | None = None
    if signed and trusted_name is not None:
        issuer = ShownField(plain_text(trusted_name), FieldSource.TRUST_LIST)
    elif isinstance(claimed_issuer, str) and claimed_issuer:
        issuer = ShownField(plain_text(claimed_issuer, limit=120), FieldSource.CLAIMED)

    def when(value: Any) -> ShownField | None:
        moment = _instant(value)
        return None if moment is None else ShownField(format_instant(moment), source)

    claims = disclosed.claims if disclosed is not None else {}
    label = plain_text(type_name or payload.get("vct"), limit=80)
    return ShownFields(
        issuer=issuer,
        holder=_holder_name(claims, source),
        achievement=ShownField(label, source) if label else None,
        issued=when(payload.get("iat")),
        valid_from=when(payload.get("nbf")),
        valid_until=when(payload.get("exp")),
        credential_type=f"SD-JWT VC ({plain_text(presentation.header.get('typ'), limit=20)})",
        claims=shown_claims(claims, metadata, context.locale, source),
    )


def _holder_name(claims: dict[str, Any], source: FieldSource) -> ShownField | None:
    names = [claims.get("given_name"), claims.get("family_name")]
    text = plain_text(" ".join(n for n in names if isinstance(n, str)), limit=120)
    return ShownField(text, source) if text else None


def _guarded(check_id: CheckId, run: Callable[[], CheckResult]) -> CheckResult:
    try:
        return run()
    except VerificationError as error:
        return as_check_result(check_id, error)
    except Exception:  # a bug must never pass a check: report it as not done
        log.exception("SD-JWT check %s raised unexpectedly", check_id)
        return _internal(check_id)


def _internal(check_id: CheckId) -> CheckResult:
    return CheckResult.not_done(
        check_id, "This check could not be completed because of an internal error."
    )


def _instant(value: Any) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 2**35:
        return None
    return datetime.fromtimestamp(int(value), UTC)


def _report(
    checks: tuple[CheckResult, ...], fields: ShownFields, context: VerificationContext
) -> VerificationReport:
    """The report; its verdict follows from the checks and the required set by the one rule."""
    return VerificationReport(
        checks=checks, required=REQUIRED, fields=fields, checked_at=context.now
    )
