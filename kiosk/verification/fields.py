"""The fields shown to staff, each marked with its source (trust list, signed, or claimed)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckStatus, FieldSource, ShownField, ShownFields
from kiosk.verification.plain_text import plain_text


def format_instant(moment: datetime) -> str:
    """An instant as shown and exported: '2026-01-15 09:00 UTC'."""
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def shown_fields(state: CredentialState, statuses: dict[CheckId, CheckStatus]) -> ShownFields:
    """Build the shown fields; values are facts only when the proof and key checks passed."""
    signed = (
        statuses.get(CheckId.PROOF) is CheckStatus.PASSED
        and statuses.get(CheckId.ISSUER_KEY) is CheckStatus.PASSED
    )
    source = FieldSource.SIGNED if signed else FieldSource.CLAIMED
    credential = state.credential
    document = credential.document
    subject = _first(document.get("credentialSubject"))

    def field(value: Any) -> ShownField | None:
        text = plain_text(value) if isinstance(value, (str, int, float)) else ""
        return ShownField(text, source) if text else None

    def when(moment: datetime | None) -> ShownField | None:
        return None if moment is None else ShownField(format_instant(moment), source)

    issuer: ShownField | None
    if signed and state.trust_match is not None:
        issuer = ShownField(plain_text(state.trust_match.issuer.name), FieldSource.TRUST_LIST)
    else:  # only the trust list names an issuer; what the credential says is a claim
        claimed = document.get("issuer")
        name = claimed.get("name") if isinstance(claimed, dict) else None
        text = plain_text(name if isinstance(name, str) and name else credential.issuer_id)
        issuer = ShownField(text, FieldSource.CLAIMED) if text else None
    return ShownFields(
        issuer=issuer,
        holder=field(_holder_name(subject)),
        achievement=field(_achievement_name(document, subject)),
        issued=when(credential.issued),
        valid_from=when(credential.valid_from),
        valid_until=when(credential.valid_until),
        credential_type=credential.label,
    )


def _holder_name(subject: dict[str, Any]) -> Any:
    if isinstance(subject.get("name"), str):
        return subject["name"]
    for identity in _as_list(subject.get("identifier")):
        if (
            isinstance(identity, dict)
            and identity.get("identityType") == "name"
            and identity.get("hashed") is False
        ):
            return identity.get("identityHash")
    return subject.get("id")


def _achievement_name(document: dict[str, Any], subject: dict[str, Any]) -> Any:
    achievement = subject.get("achievement")
    if isinstance(achievement, dict) and isinstance(achievement.get("name"), str):
        return achievement["name"]
    return document.get("name")


def _first(value: Any) -> dict[str, Any]:
    items = _as_list(value)
    return items[0] if items and isinstance(items[0], dict) else {}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
