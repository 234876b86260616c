"""`kiosk sync`: fetch and cache the trusted issuers' keys, profiles and lists before going offline.

    kiosk sync [--config PATH] [--trust-list PATH]... [--cache-dir DIR] [--allow-host HOST]...
               [--ca-file PEM] [--universal-resolver URL] [--json]

The trust sources, cache folder and network settings come from kiosk.toml; options override them.

Progress goes to stderr while it runs; the report (issuer, what, result, when fetched, why it
failed) goes to stdout, as a table or, with `--json`, one JSON object. Exit code: 0 everything
needed was fetched, 1 something failed, 64 usage error (e.g. `--offline`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC
from typing import TYPE_CHECKING, TextIO

from payloads.safe_text import plain_text

if TYPE_CHECKING:
    from kiosk.settings import KioskSettings
    from kiosk.sync import SyncItem
    from trust_lists import TrustedIssuer, TrustList

EXIT_FAILED = 1
EXIT_USAGE = 64


def run_sync_command(args: argparse.Namespace, settings: KioskSettings) -> int:
    """Run `kiosk sync` with the parsed arguments; return the exit code."""
    if settings.offline:
        print("kiosk: sync needs the network; drop --offline", file=sys.stderr)
        return EXIT_USAGE
    from kiosk.context_setup import build_context
    from kiosk.sync import SYNC_PROVIDERS, Outcome, run_sync
    from kiosk.sync.blockcerts_anchors import anchor_sync_provider

    context = build_context(settings)
    assert context.network is not None and context.cache is not None  # online: both are built
    issuers = _issuers(context.trust.lists)
    items = run_sync(
        issuers,
        fetcher=context.network,
        cache=context.cache,
        universal_resolver=context.universal_resolver,
        providers=[
            *SYNC_PROVIDERS,
            anchor_sync_provider(context.explorers, context.min_confirmations),
        ],
        on_progress=lambda index, total, issuer: _progress(index, total, issuer, sys.stderr),
    )
    if args.json:
        from kiosk.cli import dump_json

        print(
            dump_json(
                {
                    "cache": str(context.cache.directory),
                    "issuers": len(issuers),
                    "items": [item.as_dict() for item in items],
                }
            )
        )
    else:
        sys.stdout.write(report_table(items, str(context.cache.directory)))
    return EXIT_FAILED if any(item.outcome is Outcome.FAILED for item in items) else 0


def _issuers(lists: tuple[TrustList, ...]) -> list[TrustedIssuer]:
    """Every issuer on the loaded lists, once (the first list naming it wins), in list order."""
    seen: dict[str, TrustedIssuer] = {}
    for trust_list in lists:
        for issuer in trust_list.issuers.values():
            seen.setdefault(issuer.id, issuer)
    return list(seen.values())


def _progress(index: int, total: int, issuer: TrustedIssuer, out: TextIO) -> None:
    out.write(f"[{index}/{total}] {_plain(issuer.name, 40)} ({_plain(issuer.id, 60)})\n")
    out.flush()


def report_table(items: list[SyncItem], cache_dir: str) -> str:
    """The sync report as aligned plain-text columns, with a summary line."""
    rows = [("Issuer", "What", "Result", "Fetched at (UTC)", "Reason")]
    for item in items:
        when = (
            item.fetched_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
            if item.fetched_at is not None
            else "-"
        )
        rows.append(
            (_plain(item.issuer_name, 32), item.what, item.outcome.value, when, _plain(item.reason))
        )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + ("  " + row[4] if row[4] else "")
        for row in rows
    ]
    counts: dict[str, int] = {}
    for item in items:
        counts[item.outcome.value] = counts.get(item.outcome.value, 0) + 1
    summary = ", ".join(f"{count} {outcome}" for outcome, count in counts.items()) or "nothing"
    lines.append("")
    lines.append(f"{summary}. Copies are kept in {cache_dir}.")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _plain(text: str, limit: int = 200) -> str:
    """Names and reasons can come from documents: the kiosk's text policy, cut to `limit`."""
    return plain_text(text, limit=limit)
