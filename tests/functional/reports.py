"""Provides hand-built `VerificationReport`s for app tests: fixed dates, no clock, no verifier.

Each report is one scenario a receptionist meets, named for its outcome.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.verification.model import (
    CheckId,
    CheckResult,
    FieldSource,
    ShownField,
    ShownFields,
    Verdict,
    VerificationReport,
)

CHECKED_AT = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def _fields(source: FieldSource, *, issuer_source: FieldSource, holder: str) -> ShownFields:
    return ShownFields(
        issuer=ShownField("Example Technical University", issuer_source),
        holder=ShownField(holder, source),
        achievement=ShownField("BSc Computer Science", source),
        issued=ShownField("2024-06-30", source),
        valid_from=ShownField("2024-07-01", source),
        valid_until=None,
        credential_type="Open Badges 3.0 (VC 2.0)",
    )


def verified() -> VerificationReport:
    """A good credential from an issuer on the trust list."""
    return VerificationReport(
        verdict=Verdict.VERIFIED,
        checks=(
            CheckResult.passed(CheckId.PAYLOAD, "The QR code holds a credential."),
            CheckResult.passed(CheckId.FORMAT, "Open Badges 3.0 credential."),
            CheckResult.passed(CheckId.PROOF, "The signature is valid.", "eddsa-rdfc-2022"),
            CheckResult.passed(CheckId.ISSUER_KEY, "The key belongs to the issuer."),
            CheckResult.passed(CheckId.TRUST, "The issuer is on the trust list."),
            CheckResult.passed(CheckId.DATES, "The credential is in its validity period."),
            CheckResult.passed(CheckId.STATUS, "The credential has not been revoked."),
        ),
        fields=_fields(FieldSource.SIGNED, issuer_source=FieldSource.TRUST_LIST, holder="Jane Doe"),
        checked_at=CHECKED_AT,
    )


def tampered() -> VerificationReport:
    """A credential changed after signing: the signature fails, every value is a claim."""
    return VerificationReport(
        verdict=Verdict.NOT_VERIFIED,
        checks=(
            CheckResult.passed(CheckId.PAYLOAD, "The QR code holds a credential."),
            CheckResult.passed(CheckId.FORMAT, "Open Badges 3.0 credential."),
            CheckResult.failed(CheckId.PROOF, "The credential was changed after it was signed."),
            CheckResult.not_done(CheckId.TRUST, "Not checked because the signature failed."),
            CheckResult.not_done(CheckId.DATES, "Not checked because the signature failed."),
            CheckResult.not_done(CheckId.STATUS, "Not checked because the signature failed."),
        ),
        fields=_fields(FieldSource.CLAIMED, issuer_source=FieldSource.CLAIMED, holder="Jane Doe"),
        checked_at=CHECKED_AT,
    )


def untrusted_issuer() -> VerificationReport:
    """A validly signed credential from an issuer the kiosk does not know."""
    return VerificationReport(
        verdict=Verdict.CHECK_MANUALLY,
        checks=(
            CheckResult.passed(CheckId.PAYLOAD, "The QR code holds a credential."),
            CheckResult.passed(CheckId.FORMAT, "Open Badges 3.0 credential."),
            CheckResult.passed(CheckId.PROOF, "The signature is valid."),
            CheckResult.passed(CheckId.ISSUER_KEY, "The key belongs to the issuer."),
            CheckResult.not_done(
                CheckId.TRUST,
                "The issuer is not on any trust list loaded on this kiosk.",
                "did:web:diplomas.example.org",
            ),
            CheckResult.passed(CheckId.DATES, "The credential is in its validity period."),
            CheckResult.passed(CheckId.STATUS, "The credential has not been revoked."),
        ),
        fields=_fields(FieldSource.SIGNED, issuer_source=FieldSource.SIGNED, holder="Jane Doe"),
        checked_at=CHECKED_AT,
    )


MARKUP_HOLDER = "[b red]FAKE[/] \x1b[31m"
"""A holder name that would turn bold red (and drive the terminal) if treated as markup."""


def markup_in_values() -> VerificationReport:
    """A report whose untrusted text is full of markup and escape codes."""
    return VerificationReport(
        verdict=Verdict.NOT_VERIFIED,
        checks=(
            CheckResult.failed(CheckId.PROOF, "[blink]Reason[/blink] \x1b[2J", "[i]detail[/i]"),
        ),
        fields=_fields(
            FieldSource.CLAIMED, issuer_source=FieldSource.CLAIMED, holder=MARKUP_HOLDER
        ),
        checked_at=CHECKED_AT,
    )


ALL_VERDICTS = (verified, tampered, untrusted_issuer)
"""One builder per verdict."""
