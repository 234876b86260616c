"""Provides the fixed words and symbols the screens use for verdicts, checks and field sources.

One table per idea, so a receptionist always reads the same word for the same thing, and every
state carries a word and a symbol as well as a colour (colour alone is never the signal).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kiosk.verification.model import (
    CheckId,
    CheckStatus,
    FieldSource,
    ShownField,
    ShownFields,
    Verdict,
)

VERDICT_SYMBOLS: Mapping[Verdict, str] = MappingProxyType(
    {Verdict.VERIFIED: "✔", Verdict.NOT_VERIFIED: "✘", Verdict.CHECK_MANUALLY: "?"}
)
"""The symbol shown next to each verdict word."""

VERDICT_CLASSES: Mapping[Verdict, str] = MappingProxyType(
    {
        Verdict.VERIFIED: "-verified",
        Verdict.NOT_VERIFIED: "-not-verified",
        Verdict.CHECK_MANUALLY: "-check-manually",
    }
)
"""The CSS class that gives each verdict its colour in `kiosk.tcss`."""

CHECK_NAMES: Mapping[CheckId, str] = MappingProxyType(
    {
        CheckId.PAYLOAD: "QR payload",
        CheckId.FORMAT: "Credential format",
        CheckId.PROOF: "Signature",
        CheckId.ISSUER_KEY: "Issuer key",
        CheckId.TRUST: "Trusted issuer",
        CheckId.DATES: "Validity dates",
        CheckId.STATUS: "Revocation status",
        CheckId.ANCHOR: "Blockchain anchor",
        CheckId.HOLDER: "Holder",
        CheckId.NESTED: "Included credentials",
    }
)
"""Each check's name in plain words."""

STATUS_SYMBOLS: Mapping[CheckStatus, str] = MappingProxyType(
    {CheckStatus.PASSED: "✔", CheckStatus.FAILED: "✘", CheckStatus.NOT_DONE: "\N{EN DASH}"}
)
"""The symbol shown before each check's status word."""

STATUS_CLASSES: Mapping[CheckStatus, str] = MappingProxyType(
    {
        CheckStatus.PASSED: "-passed",
        CheckStatus.FAILED: "-failed",
        CheckStatus.NOT_DONE: "-not-done",
    }
)
"""The CSS class that colours a check row."""

SOURCE_NOTES: Mapping[FieldSource, str] = MappingProxyType(
    {
        FieldSource.TRUST_LIST: "(trusted name)",
        FieldSource.SIGNED: "",
        FieldSource.ISSUER_CLAIM: "issuer's claim",
        FieldSource.CLAIMED: "claimed — not verified",
    }
)
"""What is written after a value to say where it comes from (nothing for signed values)."""

SOURCE_CLASSES: Mapping[FieldSource, str] = MappingProxyType(
    {
        FieldSource.TRUST_LIST: "-trust-list",
        FieldSource.SIGNED: "-signed",
        FieldSource.ISSUER_CLAIM: "-issuer-claim",
        FieldSource.CLAIMED: "-claimed",
    }
)
"""The CSS class that styles a value by its source (claims are never styled like fact)."""

MISSING = "—"
"""Shown where the credential gives no value."""


def check_name(check_id: CheckId) -> str:
    """The plain name of a check, falling back to its id for a check added later."""
    return CHECK_NAMES.get(check_id, str(check_id))


def status_label(status: CheckStatus) -> str:
    """Symbol and word for a check status, e.g. "✘ failed"."""
    return f"{STATUS_SYMBOLS[status]} {status.value}"


def verdict_label(verdict: Verdict) -> str:
    """Symbol and word for a verdict, e.g. "✔ VERIFIED"."""
    return f"{VERDICT_SYMBOLS[verdict]} {verdict.value}"


def labelled_fields(fields: ShownFields) -> tuple[tuple[str, ShownField | None], ...]:
    """The shown fields in screen order, with their labels (screen and CLI alike)."""
    return (
        ("Issuer", fields.issuer),
        ("Holder", fields.holder),
        ("Achievement", fields.achievement),
        ("Issued", fields.issued),
        ("Valid from", fields.valid_from),
        ("Valid until", fields.valid_until),
        *fields.claims,
    )
