"""Provides `VerificationReport`s for app tests: real ones from the demo credentials (fixed
instant), and hand-built ones only for what the pipeline cannot make (hostile display text).

Each report is one scenario a receptionist meets, named for its outcome.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from kiosk.context_setup import build_context
from kiosk.settings import KioskSettings
from kiosk.verification import verify_document, verify_payload
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    FieldSource,
    ShownField,
    ShownFields,
    VerificationReport,
)
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, make_key, ob3_unsigned

CHECKED_AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
DEMO = Path(__file__).resolve().parents[2] / "kiosk" / "demo" / "credentials"


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


def _demo(name: str) -> VerificationReport:
    """A report made by the real pipeline from a bundled demo credential, as of CHECKED_AT."""
    data = (DEMO / name).read_bytes()
    return verify_payload(data, build_context(KioskSettings(), now=CHECKED_AT, demo=True))


def verified() -> VerificationReport:
    """The valid demo credential from the trusted demo issuer."""
    return _demo("01-valid.json")


def tampered() -> VerificationReport:
    """The demo credential changed after signing: every field is a claim."""
    return _demo("02-tampered.json")


def expired() -> VerificationReport:
    """A genuine demo credential from the trusted issuer, expired on 30 Jun 2025."""
    return _demo("03-expired.json")


def garbage() -> VerificationReport:
    """A QR code that holds no credential."""
    return _demo("05-garbage.txt")


def untrusted_issuer() -> VerificationReport:
    """A valid signature from an issuer not on the trust list."""
    return _demo("04-unknown-issuer.json")


RECIPIENT_EMAIL = "alex@example.edu"
"""The email address `issued_to_an_email` names (as a salted SHA-256 hash)."""
RECIPIENT_SALT = "d8a7f1c0"


def issued_to_an_email() -> VerificationReport:
    """A static credential from a trusted issuer naming its recipient only by a salted hash of
    an email address (Open Badges `IdentityObject`): VERIFIED, with `recipient` to match."""
    key = make_key()
    unsigned = ob3_unsigned(key)
    digest = hashlib.sha256((RECIPIENT_EMAIL + RECIPIENT_SALT).encode()).hexdigest()
    unsigned["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": f"sha256${digest}",
            "salt": RECIPIENT_SALT,
        }
    ]
    document = sign_eddsa_rdfc_2022(unsigned, key, "2026-01-15T09:00:00Z")
    return verify_document(document, context({did_key_for(key): "Test College"}, CHECKED_AT))


MARKUP_HOLDER = "[b red]FAKE[/] \x1b[31m"
"""A holder name that would turn bold red (and drive the terminal) if treated as markup."""


def markup_in_values() -> VerificationReport:
    """A report whose untrusted text is full of markup and escape codes."""
    return VerificationReport(
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
