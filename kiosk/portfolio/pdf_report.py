"""The printable report of a candidate session or a `kiosk portfolio` run (`--pdf PATH`).

Made with fpdf2 (pure Python, maintained, no system libraries). It holds only what the screen
and the CLI show: the role, the holder line, each requirement with the credentials behind it,
each credential's verdict, reason, checks and shown fields (issuer names from the trust list
when it vouches), the achievement details of credentials that are not NOT VERIFIED, and the
trust sources with the date of their files. Text is the same plain text as on screen; with no
Unicode font on the machine, characters outside Latin-1 are replaced so the PDF still renders.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

from kiosk.portfolio.portfolio import Portfolio, usable_details
from kiosk.portfolio.portfolio_text import (
    STATUS_MEANING,
    STATUS_WORDS,
    TrustSource,
    credential_line,
    details_lines,
    requirement_line,
)
from kiosk.wording import check_name, labelled_fields, status_label

FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
TITLE = "Credential Kiosk — candidate portfolio"


class _Report(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)
        font = next((f for f in FONT_FILES if f.exists()), None)
        self.unicode = font is not None
        if font is not None:
            self.add_font("Body", "", str(font))
            self.add_font("Body", "B", str(font))
            self.family_name = "Body"
        else:
            self.family_name = "Helvetica"

    def text_of(self, text: str) -> str:
        if self.unicode:
            return text
        swapped = text.replace("—", "-").replace("·", "-").replace("✓", "+")
        return swapped.encode("latin-1", "replace").decode("latin-1")

    def say(self, text: str, size: float = 10, bold: bool = False, indent: float = 0) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.w - self.l_margin - self.r_margin - indent,
            size * 0.5,
            self.text_of(text),
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def heading(self, text: str) -> None:
        self.ln(2)
        self.say(text, size=12, bold=True)


def write_pdf(
    path: Path, portfolio: Portfolio, when: datetime, sources: Sequence[TrustSource]
) -> None:
    """Write the report to `path`."""
    pdf = _Report()
    pdf.set_title(TITLE)
    pdf.set_creation_date(when.astimezone(UTC))
    pdf.add_page()
    pdf.say(TITLE, size=15, bold=True)
    pdf.say(f"Checked: {when.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
    if portfolio.role is not None:
        pdf.say(f"Role: {portfolio.role.name}", bold=True)
    pdf.say(f"Candidate: {portfolio.holder.summary}")
    if portfolio.role is not None:
        pdf.heading("Requirements")
        for result in portfolio.requirements:
            pdf.say(requirement_line(result, width=0), bold=True)
            pdf.say(f"{STATUS_WORDS[result.status]}: {STATUS_MEANING[result.status]}", indent=6)
    pdf.heading("Credentials")
    for entry in portfolio.entries:
        report = entry.report
        pdf.say(credential_line(entry.source, report), bold=True)
        pdf.say(report.headline_reason, indent=6)
        for label, shown in labelled_fields(report.fields):
            value = "—" if shown is None else shown.value
            pdf.say(f"{label}: {value}", size=9, indent=6)
        details = usable_details(report)
        if details is not None:
            for text in details_lines(details):
                pdf.say(text, size=9, indent=6)
        for check in report.checks:
            pdf.say(
                f"{status_label(check.status)} {check_name(check.check_id)}: {check.reason}",
                size=9,
                indent=6,
            )
        for part in report.parts:
            pdf.say(f"Included: {part.label} — {part.report.verdict.value}", size=9, indent=6)
        for endorsement in report.endorsements:
            pdf.say(
                f"{endorsement.label}: {endorsement.report.verdict.value} — "
                f"{endorsement.report.headline_reason}",
                size=9,
                indent=6,
            )
    pdf.heading("Trust sources")
    if not sources:
        pdf.say("No trust list was loaded: no issuer is trusted.")
    for source in sources:
        pdf.say(
            f"{source.name} ({source.publisher}): {source.issuers} issuers, file dated "
            f"{source.updated}"
        )
    pdf.output(str(path))
