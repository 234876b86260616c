"""Nested check: every credential inside this one (a CLR 2.0 transcript's achievements) is
verified by the same pipeline and the same rule, and reported one by one."""

from __future__ import annotations

from typing import Any

from kiosk.verification.checks.state import CredentialState
from kiosk.verification.model import CheckId, CheckResult, PartReport, Verdict
from kiosk.verification.plain_text import plain_text

MAX_PARTS = 200
"""More included credentials than this are refused as malformed (a payload is not a library)."""


def included_credentials(state: CredentialState) -> list[Any]:
    """The credentials a CLR's subject carries (`credentialSubject.verifiableCredential`)."""
    subject = state.credential.document.get("credentialSubject")
    if not isinstance(subject, dict) or "ClrCredential" not in _types(state.credential.document):
        return []
    items = subject.get("verifiableCredential")
    return items if isinstance(items, list) else [items] if items is not None else []


def has_included_credentials(state: CredentialState) -> bool:
    return bool(included_credentials(state))


def check_nested(state: CredentialState) -> CheckResult:
    items = included_credentials(state)
    if len(items) > MAX_PARTS or state.verify_part is None:
        return CheckResult.failed(CheckId.NESTED, "It includes too many credentials to check.")
    for position, item in enumerate(items, start=1):
        report = state.verify_part(item)
        state.parts.append(PartReport(part_label(item, position), report))
    return summarise_parts(tuple(state.parts))


def summarise_parts(parts: tuple[PartReport, ...]) -> CheckResult:
    """One `nested` result for included credentials, by the verdict rule applied to them."""
    failed = [p for p in parts if p.report.verdict is Verdict.NOT_VERIFIED]
    manual = [p for p in parts if p.report.verdict is Verdict.CHECK_MANUALLY]
    details = tuple(
        f"{p.label}: {p.report.verdict.value} — {p.report.headline_reason}" for p in parts
    )
    total = len(parts)
    if failed:
        return CheckResult.failed(
            CheckId.NESTED,
            f"{len(failed)} of {total} included credentials are NOT VERIFIED.",
            *details,
        )
    if manual:
        return CheckResult.not_done(
            CheckId.NESTED,
            f"{len(manual)} of {total} included credentials need checking by hand.",
            *details,
        )
    return CheckResult.passed(
        CheckId.NESTED, f"All {total} included credentials are verified.", *details
    )


def part_label(item: Any, position: int) -> str:
    """Plain words naming an included credential: its achievement or name, else its position."""
    if isinstance(item, dict):
        subject = item.get("credentialSubject")
        achievement = subject.get("achievement") if isinstance(subject, dict) else None
        for candidate in (
            achievement.get("name") if isinstance(achievement, dict) else None,
            item.get("name"),
        ):
            if isinstance(candidate, str) and candidate.strip():
                return plain_text(candidate, limit=80)
    return f"Credential {position}"


def _types(document: dict[str, Any]) -> list[Any]:
    value = document.get("type")
    return value if isinstance(value, list) else [value]
