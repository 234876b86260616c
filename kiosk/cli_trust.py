"""`kiosk trust …`: the operator's trust sources from the command line.

    kiosk trust list  [--json]                   every trusted issuer, by source, in order
    kiosk trust show ID [--json]                 what each source says about one issuer id
    kiosk trust add ID NAME [--note TEXT]        add an entry to the local list
    kiosk trust remove ID                        remove an entry from the local list
    kiosk trust import FILE|URL --kind KIND [--name N] [--pinned-key DID] [--anchor-jwks F]
                                 [--sha256 HEX] [--governance URL] [--test-only]
                                                 add a source (checked before it is saved)
    kiosk trust check [--json]                   load every source, print each one's state
    kiosk trust sync  [--json]                   fetch every list URL now (refreshes the cache)
                                                 and save every OIDF member's statement
    kiosk trust publish --key KEY.pem --out FILE [--name N] [--valid-days D]

The configuration is `--trust-config PATH`, else `$XDG_CONFIG_HOME/credential-kiosk/trust.toml`
(docs/trust-lists.md). Exit codes (docs/cli.md): 0 done; 1 `check`/`sync`: a source could not be
loaded, `show`/`remove`: the id is in no source / not in the local list; 64 usage error.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trust_lists import TrustList, TrustListError, TrustRegistry
from trust_lists.sources import (
    SOURCE_KINDS,
    TrustConfig,
    TrustSourceSpec,
    read_trust_config,
    write_trust_config,
)

if TYPE_CHECKING:
    from kiosk.settings import KioskSettings

EXIT_PROBLEM = 1
EXIT_USAGE = 64


def default_trust_config_path() -> Path:
    """`$XDG_CONFIG_HOME/credential-kiosk/trust.toml` (`~/.config/…`)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "credential-kiosk" / "trust.toml"


def add_trust_parser(commands: Any, common: Any) -> None:
    """The `kiosk trust` subcommands (the common options are added by `kiosk.cli`)."""
    trust = commands.add_parser("trust", help="the trust sources: list, check, sync, publish")
    actions = trust.add_subparsers(dest="trust_command", parser_class=type(trust))
    actions.required = True

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        common(sub)
        sub.add_argument("--json", action="store_true", help="print one JSON object")
        sub.add_argument("--cache-dir", type=Path, metavar="DIR", help="where copies are kept")
        sub.add_argument(
            "--allow-host",
            action="append",
            default=[],
            metavar="HOST",
            help="fetch from this host although its address is not public",
        )
        sub.add_argument("--ca-file", type=Path, metavar="PEM", help="also trust these CAs")
        return sub

    action("list", "every trusted issuer, by source")
    action("show", "what each source says about one issuer id").add_argument("id")
    add = action("add", "add an entry to the local list")
    add.add_argument("id")
    add.add_argument("name")
    add.add_argument("--note", default="", help="shown with the verdict (e.g. 'test issuer')")
    action("remove", "remove an entry from the local list").add_argument("id")
    imported = action("import", "add a source (a file or an https URL), checked first")
    imported.add_argument("location")
    imported.add_argument("--kind", choices=sorted(SOURCE_KINDS), default="kiosk-list")
    imported.add_argument("--name", default="")
    imported.add_argument("--pinned-key", default="", metavar="DID")
    imported.add_argument("--anchor-jwks", default="", metavar="FILE")
    imported.add_argument("--sha256", default="", metavar="HEX")
    imported.add_argument("--governance", default="", metavar="URL")
    imported.add_argument("--test-only", action="store_true")
    action("check", "load every source and print each one's state")
    action("sync", "fetch every list URL now")
    publish = action("publish", "write one signed list of the trusted entries")
    publish.add_argument("--key", type=Path, required=True, metavar="KEY.pem")
    publish.add_argument("--out", type=Path, required=True, metavar="FILE")
    publish.add_argument("--name", default="Trusted issuers", help="the list's name")
    publish.add_argument("--valid-days", type=int, default=30, help="validUntil, in days")


def config_path(args: argparse.Namespace) -> Path:
    return args.trust_config if getattr(args, "trust_config", None) else default_trust_config_path()


def run_trust_command(args: argparse.Namespace, settings: KioskSettings) -> int:
    """Run one `kiosk trust` action; return the exit code."""
    path = config_path(args)
    config = settings.trust_config or (
        read_trust_config(path) if path.exists() else TrustConfig(path=path)
    )
    local = config.local_list or path.with_name("local-trust-list.json")
    config = dataclasses.replace(config, local_list=local)
    settings = dataclasses.replace(
        settings,
        trust_config=config,
        cache_dir=args.cache_dir or settings.cache_dir,
        allowed_hosts=(*settings.allowed_hosts, *args.allow_host),
        extra_ca_file=args.ca_file or settings.extra_ca_file,
    )
    command = args.trust_command
    if command in ("add", "remove"):
        from kiosk.cli_trust_local import add_entry, remove_entry

        if command == "add":
            return add_entry(local, args.id, args.name, args.note)
        return remove_entry(local, args.id)
    if command == "import":
        return _import(args, path, config, settings)
    registry, now = _registry(settings)
    if command == "list":
        return _print(
            args,
            _list_rows(registry),
            ("Source", "Issuer id", "Trusted name", "Note"),
            {"issuers": _list_rows(registry)},
        )
    if command == "show":
        return _show(args, registry, now)
    if command in ("check", "sync"):
        rows = [source_state(s, now) for s in registry.lists]
        if command == "sync":
            _save_members(registry, rows, settings, now)
        columns = ("Source", "Kind", "State", "Signed by", "Fetched at", "Valid until", "Entries")
        _print(args, rows, columns, {"sources": rows})
        return EXIT_PROBLEM if any(r["state"] != "loaded" for r in rows) else 0
    if command == "publish":
        return _publish(args, registry, now)
    raise AssertionError(command)


def _save_members(
    registry: TrustRegistry, rows: list[dict[str, Any]], settings: KioskSettings, now: datetime
) -> None:
    """`sync`: save every OIDF member statement (verified) in the cache for offline use."""
    from kiosk.context_setup import fetch_policy
    from kiosk.net import DocumentCache, GuardedFetcher, default_cache_dir
    from kiosk.trust_sources import Where
    from kiosk.trust_sources.oidf import save_member_statements

    if settings.offline:
        return
    where = Where(
        GuardedFetcher(fetch_policy(settings)),
        DocumentCache(settings.cache_dir or default_cache_dir()),
        now,
        settings.max_cache_age,
    )
    for source, row in zip(registry.lists, rows, strict=True):
        if row["state"] != "loaded" or not source.member_listing:
            continue
        try:
            saved, problems = save_member_statements(source, where)
        except TrustListError as error:
            row["members_saved"], row["reason"] = 0, f"member listing: {error.reason}"
            row["state"] = "could not be checked"
            continue
        row["members_saved"] = saved
        if problems:
            row["reason"] = f"{len(problems)} member statements refused; first: {problems[0]}"
        row["entries"] = f"{saved} saved"


def _registry(settings: KioskSettings) -> tuple[TrustRegistry, datetime]:
    from kiosk.context_setup import build_context

    context = build_context(settings)
    return context.trust, context.now


def source_state(source: TrustList, now: datetime) -> dict[str, Any]:
    """One source's state for `check` and the trust screen."""
    if source.problem:
        state = "could not be checked"
    elif source.valid_until is not None and source.valid_until < now:
        state = "expired"
    else:
        state = "loaded"
    return {
        "source": source.name,
        "kind": source.kind + (" (test only)" if source.test_only else ""),
        "state": state,
        "signed_by": source.signed_by or "-",
        "fetched_at": _when(source.fetched_at) + (" (saved copy)" if source.from_cache else ""),
        "valid_until": _when(source.valid_until),
        "entries": "per issuer" if source.lookup is not None else str(len(source.issuers)),
        "reason": source.problem,
        "location": source.source,
    }


def _when(moment: datetime | None) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M}" if moment is not None else "-"


def _list_rows(registry: TrustRegistry) -> list[dict[str, Any]]:
    return [
        {"source": s.name, "issuer_id": i.id, "trusted_name": i.name, "note": i.note}
        for s in registry.lists
        for i in s.issuers.values()
    ]


def _show(args: argparse.Namespace, registry: TrustRegistry, now: datetime) -> int:
    outcome = registry.resolve(args.id, now)
    found: dict[str, Any] = {"id": args.id, "listed_in": None, "unchecked": []}
    if outcome.match is not None:
        issuer, source = outcome.match.issuer, outcome.match.trust_list
        found["listed_in"] = {
            "source": source.name,
            "kind": source.kind,
            "governance": source.governance,
            "test_only": source.test_only,
            "name": issuer.name,
            "note": issuer.note,
            "details": [{"label": k, "text": v} for k, v in issuer.details],
        }
    found["unchecked"] = [{"source": s.name, "reason": r} for s, r in outcome.unchecked]
    if args.json:
        print(_dump(found))
    else:
        if outcome.match is None:
            print(f"{_plain(args.id)}: in none of the sources that could be checked.")
        else:
            listed = found["listed_in"]
            print(f"{_plain(args.id)}: listed in {_plain(listed['source'])} ({listed['kind']})")
            print(f"  trusted name: {_plain(listed['name'])}")
            for line in [
                listed["note"],
                *(f"{d['label']}: {d['text']}" for d in listed["details"]),
            ]:
                if line:
                    print(f"  {_plain(line)}")
        for item in found["unchecked"]:
            print(f"  could not check {_plain(item['source'])}: {_plain(item['reason'])}")
    return 0 if outcome.match is not None else EXIT_PROBLEM


def _import(
    args: argparse.Namespace, path: Path, config: TrustConfig, settings: KioskSettings
) -> int:
    location = args.location
    if not location.startswith("https://"):
        location = str(Path(location).resolve())
    jwks = str(Path(args.anchor_jwks).resolve()) if args.anchor_jwks else ""
    spec = TrustSourceSpec(
        kind=args.kind,
        location=location,
        name=args.name,
        test_only=args.test_only,
        sha256=args.sha256,
        pinned_key=args.pinned_key,
        anchor_jwks=jwks,
        governance=args.governance,
    )
    if spec.kind == "signed-list" and not spec.pinned_key:
        print("kiosk: a signed-list needs --pinned-key DID", file=sys.stderr)
        return EXIT_USAGE
    if spec.kind == "oidf" and not spec.anchor_jwks:
        print("kiosk: an oidf source needs --anchor-jwks FILE", file=sys.stderr)
        return EXIT_USAGE
    trial = dataclasses.replace(settings, trust_config=TrustConfig(sources=(spec,)))
    registry, _now = _registry(trial)
    problems = [s for s in registry.lists if s.problem and s.source == spec.location]
    if problems:
        print(
            f"kiosk: not imported: {_plain(problems[0].source)} {_plain(problems[0].problem)}",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    kept = tuple(s for s in config.sources if s.location != spec.location)
    write_trust_config(path, dataclasses.replace(config, sources=(*kept, spec)))
    entries = sum(len(s.issuers) for s in registry.lists)
    print(f"Imported {_plain(spec.shown_name)} ({spec.kind}, {entries} entries) into {path}.")
    return 0


def _publish(args: argparse.Namespace, registry: TrustRegistry, now: datetime) -> int:
    from kiosk.trust_sources.publish import publish_list, read_signing_key
    from kiosk.verification.suites.signing import did_key_for

    if args.valid_days < 1:
        print("kiosk: --valid-days must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    key = read_signing_key(args.key)
    document = publish_list(registry, key, now, args.name, timedelta(days=args.valid_days))
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    count = len(document["credentialSubject"])
    print(f"Wrote {args.out}: {count} issuers, valid until {document['validUntil']}.")
    print(f"Kiosks pin this key: {did_key_for(key)}")
    return 0


def _print(
    args: argparse.Namespace,
    rows: list[dict[str, Any]],
    columns: tuple[str, ...],
    as_json: dict[str, Any],
) -> int:
    if args.json:
        print(_dump(as_json))
        return 0
    keys = list(rows[0].keys())[: len(columns)] if rows else []
    table = [list(columns)] + [[_plain(str(r[k]), 48) for k in keys] for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(columns))] if rows else []
    for row in table if rows else [list(columns)]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip())
    for r in rows:
        if r.get("reason"):
            print(f"  {_plain(r['source'])}: {_plain(r['reason'], 200)}")
    if not rows:
        print("(none)")
    return 0


def _plain(text: str, limit: int = 200) -> str:
    from kiosk.verification.plain_text import plain_text

    return plain_text(text, limit)


def _dump(value: object) -> str:
    """JSON with every string reduced to plain text (registry text is untrusted)."""
    return json.dumps(_cleaned(value), ensure_ascii=False, indent=2)


def _cleaned(value: object) -> object:
    if isinstance(value, str):
        return _plain(value, 2000)
    if isinstance(value, dict):
        return {_plain(str(k)): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value
