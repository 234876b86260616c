"""The `kiosk` command: run the kiosk app, verify a file, or decode QR codes in images.

    kiosk [run] [--camera N] [--serial DEVICE] [--trust-list PATH]... [--offline] [--now ISO]
    kiosk verify PATH [--json] [--trust-list PATH]... [--offline] [--now ISO]
    kiosk decode IMAGE... [--json]
    kiosk trust list|show ID|add ID NAME|remove ID|import FILE|URL|check|sync|publish …

`kiosk verify` exit codes: 0 VERIFIED, 1 NOT VERIFIED, 2 CHECK MANUALLY, 64 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kiosk.settings import KioskSettings
from kiosk.verification.credential import parse_datetime
from trust_lists import TrustListError
from trust_lists.sources import TrustConfig, read_trust_config

EXIT_USAGE = 64
MAX_INPUT_BYTES = 32 * 1024 * 1024
"""Files larger than this are refused before reading (images of QR codes are far smaller)."""


class UsageError(Exception):
    """A problem with how the command was called; exit code 64."""


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors, which `kiosk verify` uses for CHECK MANUALLY."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kiosk", description="Credential Kiosk: verify learner credentials.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--trust-list",
            action="append",
            type=Path,
            default=[],
            metavar="PATH",
            help="a trust list to use instead of the shipped ones (repeatable)",
        )
        sub.add_argument(
            "--trust-config",
            type=Path,
            metavar="PATH",
            help="the trust sources to use (TOML, docs/trust-lists.md)",
        )
        sub.add_argument("--offline", action="store_true", help="forbid all network access")
        sub.add_argument("--now", metavar="ISO-8601", help="verify as of this instant")
        sub.add_argument("--challenge", help="the challenge presentations must answer")
        sub.add_argument("--domain", help="the domain presentations must be bound to")
        sub.add_argument(
            "--require-holder-binding",
            action="store_true",
            help="SD-JWT VC: a credential without a key-binding proof is CHECK MANUALLY",
        )
        sub.add_argument(
            "--deadline",
            type=float,
            metavar="SECONDS",
            help="stop a verification that takes longer: CHECK MANUALLY (default 10)",
        )

    run = commands.add_parser("run", help="start the kiosk (the default)")
    common(run)
    run.add_argument("--camera", type=int, metavar="N", help="read frames from camera N")
    run.add_argument(
        "--return-after",
        type=float,
        metavar="SECONDS",
        help="how long a verdict stays on screen (default 12)",
    )
    run.add_argument(
        "--demo-interval",
        type=float,
        metavar="SECONDS",
        help="demo mode: seconds per demo image (default 16, longer than a verdict stays)",
    )
    run.add_argument(
        "--demo-folder",
        type=Path,
        metavar="DIR",
        help="demo mode: show the QR images (*.png) in DIR instead of the bundled demo images",
    )
    run.add_argument(
        "--role",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="a role profile (TOML) for candidate sessions (repeatable)",
    )
    run.add_argument(
        "--serial",
        metavar="DEVICE",
        help='a handheld scanner in USB serial mode: a device path, "auto" (default) or "off"',
    )

    verify = commands.add_parser("verify", help="verify a credential file, payload or QR image")
    common(verify)
    verify.add_argument("path", help="a JSON file, a raw QR payload, an image, or - for stdin")
    verify.add_argument("--json", action="store_true", help="print one JSON object")
    verify.add_argument(
        "--holder",
        metavar="VALUE",
        help="what the candidate gives (e.g. their email), matched against the credential's "
        "recipient identifiers",
    )

    portfolio = commands.add_parser(
        "portfolio", help="check a candidate's credentials against a role profile"
    )
    common(portfolio)
    portfolio.add_argument(
        "--role", required=True, metavar="ROLE", help="a role file (TOML) or a role's file name"
    )
    portfolio.add_argument("--json", action="store_true", help="print one JSON object")
    portfolio.add_argument("--pdf", metavar="PATH", help="also write a printable report")
    portfolio.add_argument("files", nargs="+", help="credential files, payloads or QR images")
    decode = commands.add_parser("decode", help="print the QR codes found in images")
    decode.add_argument("images", nargs="+", type=Path)
    decode.add_argument("--json", action="store_true", help="print a JSON list")

    from kiosk.cli_sync import add_sync_options

    sync = commands.add_parser("sync", help="fetch and cache trusted issuers' keys before offline")
    common(sync)
    add_sync_options(sync)

    from kiosk.cli_trust import add_trust_parser

    add_trust_parser(commands, common)
    return parser


def settings_from(args: argparse.Namespace) -> KioskSettings:
    """Operator settings from command-line options."""
    options: dict[str, object] = {
        "trust_list_paths": tuple(args.trust_list),
        "trust_config": _trust_config(args),
        "offline": args.offline,
        "challenge": getattr(args, "challenge", None),
        "domain": getattr(args, "domain", None),
        "require_holder_binding": getattr(args, "require_holder_binding", False),
        "role_paths": tuple(getattr(args, "role", None) or ()) if args.command == "run" else (),
    }
    if args.now:
        instant = parse_datetime(args.now)
        if instant is None:
            raise UsageError(f"--now {args.now!r} is not an ISO-8601 date-time with a time zone")
        options["clock"] = lambda: instant
    deadline = getattr(args, "deadline", None)
    if deadline is not None and not 0 < deadline < 3600:
        raise UsageError(f"--deadline {deadline:g} must be more than 0 and less than 3600 seconds")
    for name, attribute in (
        ("camera", "camera_index"),
        ("return_after", "return_after_seconds"),
        ("demo_interval", "demo_interval_seconds"),
        ("serial", "serial_device"),
        ("deadline", "verification_deadline_seconds"),
        ("demo_folder", "demo_folder"),
    ):
        value = getattr(args, name, None)
        if value is not None:
            options[attribute] = value
    return KioskSettings(**options)  # type: ignore[arg-type]


def _trust_config(args: argparse.Namespace) -> TrustConfig | None:
    """`--trust-config PATH`, else the default file when it exists, else None (lists only)."""
    from kiosk.cli_trust import default_trust_config_path

    path = args.trust_config or default_trust_config_path()
    if not path.is_file() and (args.trust_config is None or args.command == "trust"):
        return None  # `kiosk trust add/import` create it
    return read_trust_config(path)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "verify":
            from kiosk.cli_verify import run_verify

            return run_verify(args.path, settings_from(args), as_json=args.json, holder=args.holder)
        if args.command == "portfolio":
            from kiosk.cli_portfolio import run_portfolio

            return run_portfolio(args, settings_from(args))
        if args.command == "decode":
            from kiosk.cli_decode import run_decode

            return run_decode(args.images, as_json=args.json)
        if args.command == "trust":
            from kiosk.cli_trust import run_trust_command

            return run_trust_command(args, settings_from(args))
        if args.command == "sync":
            from kiosk.cli_sync import run_sync_command

            return run_sync_command(args, settings_from(args))
        if args.command is None:
            args = build_parser().parse_args(["run", *(argv or sys.argv[1:])])
        return run_app(settings_from(args))
    except UsageError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TrustListError as error:
        print(f"kiosk: trust list {error.source} {error.reason}", file=sys.stderr)
        return EXIT_USAGE


def run_app(settings: KioskSettings) -> int:
    """Start the Textual app on a camera or on the demo images."""
    from kiosk.app.app import make_app
    from kiosk.demo_frames import frame_source_for

    log_to_file()
    make_app(settings, frame_source_for(settings)).run()
    return 0


def log_to_file() -> Path:
    """Send log records to a file: anything written to stderr would corrupt the kiosk screen."""
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    path = state / "credential-kiosk" / "kiosk.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=path, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    return path


def read_input(path: str) -> bytes:
    """The bytes of PATH (or stdin for -), refusing what is too large to be a QR payload."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        file = Path(path)
        try:
            if file.stat().st_size > MAX_INPUT_BYTES:
                raise UsageError(f"{path} is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB")
            data = file.read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error.strerror}") from error
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError("the input is too large")
    return data


def dump_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    sys.exit(main())
