"""A verification report as plain text lines (for `kiosk verify` without --json)."""

from __future__ import annotations

from kiosk.headline import headline
from kiosk.verification.model import ShownField, VerificationReport
from kiosk.wording import (
    MISSING,
    SOURCE_NOTES,
    VERDICT_SYMBOLS,
    check_name,
    labelled_fields,
    status_label,
)
from payloads.safe_text import strip_unsafe

STATUS_WIDTH = 10
NAME_WIDTH = 19


def report_lines(report: VerificationReport) -> list[str]:
    """The verdict, the shown fields and one line per check, each line through the kiosk's text
    policy (the report's texts already are; the lines are checked again where they leave)."""
    return [strip_unsafe(line) for line in _lines(report)]


def _lines(report: VerificationReport) -> list[str]:
    fields = report.fields
    lines = [
        f"{VERDICT_SYMBOLS[report.verdict]} {report.verdict.value}",
        f"  {headline(report)}",
        "",
    ]
    if fields.credential_type:
        lines.append(f"  {'Credential:':<12} {fields.credential_type}")
    for label, shown in labelled_fields(fields):
        lines.append(f"  {label + ':':<12} {_value(shown)}")
    lines += ["", "Checks:"]
    for check in report.checks:
        lines.append(
            f"  {status_label(check.status):<{STATUS_WIDTH}} "
            f"{check_name(check.check_id):<{NAME_WIDTH}} {check.reason}"
        )
        lines.extend(f"  {'':<{STATUS_WIDTH}} {'':<{NAME_WIDTH}}   {d}" for d in check.details)
    return lines


def _value(shown: ShownField | None) -> str:
    if shown is None:
        return MISSING
    note = SOURCE_NOTES[shown.source]
    return f"{shown.value}  [{note}]" if note else shown.value
