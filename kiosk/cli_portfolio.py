"""`kiosk portfolio --role ROLE FILE…`: a candidate's credentials checked against a role.

Each file is verified exactly as `kiosk verify` does; the portfolio (`kiosk.portfolio`) then
decides each requirement. Exit: 0 every requirement met, 1 some missing, 2 none missing but
some unconfirmed, 64 usage (an unreadable role or file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli import UsageError, dump_json, read_input
from kiosk.cli_verify import is_image, payload_from_image
from kiosk.context_setup import build_context
from kiosk.portfolio.portfolio import Portfolio, PortfolioEntry
from kiosk.portfolio.portfolio_text import portfolio_lines, trust_sources
from kiosk.portfolio.roles import Role, RoleError, load_role, roles_folder
from kiosk.settings import KioskSettings
from kiosk.verification import CheckResult, VerificationReport
from kiosk.verification.context import VerificationContext
from kiosk.verification.pipeline import verify_payload

MAX_FILES = 50


def find_role(name: str) -> Role:
    """A role by path, or by file name in the operator's roles folder."""
    path = Path(name)
    if not path.exists():
        candidate = roles_folder() / (name if name.endswith(".toml") else f"{name}.toml")
        if candidate.exists():
            path = candidate
    try:
        return load_role(path)
    except RoleError as error:
        raise UsageError(str(error)) from error


def verify_file(path: str, context: VerificationContext) -> VerificationReport:
    data = read_input(path)
    if is_image(data):
        payload = payload_from_image(data)
        if isinstance(payload, CheckResult):
            return VerificationReport((payload,), checked_at=context.now)
        return verify_payload(payload, context)
    return verify_payload(data, context)


def run_portfolio(args: argparse.Namespace, settings: KioskSettings) -> int:
    if len(args.files) > MAX_FILES:
        raise UsageError(f"at most {MAX_FILES} files")
    role = find_role(args.portfolio_role)
    context = build_context(settings)
    entries = tuple(
        PortfolioEntry(Path(f).name if f != "-" else "stdin", verify_file(f, context))
        for f in args.files
    )
    portfolio = Portfolio(entries, role)
    if args.pdf:
        from kiosk.portfolio.pdf_report import write_pdf

        write_pdf(Path(args.pdf), portfolio, context.now, trust_sources(context.trust))
    if args.json:
        print(dump_json(portfolio.as_dict()))
    else:
        sys.stdout.write("\n".join(portfolio_lines(portfolio, context.now)) + "\n")
    return portfolio.exit_code
