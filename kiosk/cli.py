"""The `kiosk` command: run the kiosk app, verify a file, decode QR codes, sync, show settings.

    kiosk [run] [--camera N] [--serial DEVICE] [--trust-list PATH]... [--demo] [--offline]
    kiosk verify PATH [--json] [--trust-list PATH]... [--demo] [--offline] [--now ISO]
    kiosk decode IMAGE... [--json]
    kiosk sync [--trust-list PATH]... [--json]
    kiosk trust list|show ID|add ID NAME|remove ID|import FILE|URL|check|sync|publish …
    kiosk config show|check
    kiosk --version

Every command takes `--config PATH` and reads kiosk.toml (`kiosk.config`); options override it.

`kiosk verify` exit codes: 0 VERIFIED, 1 NOT VERIFIED, 2 CHECK MANUALLY, 64 usage error.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kiosk import __version__
from kiosk.config import (
    KEYS_BY_FIELD,
    ConfigError,
    EffectiveSettings,
    Flag,
    effective_settings,
)
from kiosk.settings import KioskSettings
from kiosk.verification.credential import parse_datetime
from payloads.safe_text import strip_unsafe
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


NETWORK_FLAGS = (
    ("trust_list", "trust_list_paths", "--trust-list"),
    ("trust_config", "trust_config_file", "--trust-config"),
    ("offline", "offline", "--offline"),
    ("challenge", "challenge", "--challenge"),
    ("domain", "domain", "--domain"),
    ("require_holder_binding", "require_holder_binding", "--require-holder-binding"),
    ("deadline", "verification_deadline_seconds", "--deadline"),
    ("cache_dir", "cache_dir", "--cache-dir"),
    ("allow_host", "allowed_hosts", "--allow-host"),
    ("ca_file", "extra_ca_file", "--ca-file"),
    ("universal_resolver", "universal_resolver_url", "--universal-resolver"),
)
RUN_FLAGS = (
    ("camera", "camera_index", "--camera"),
    ("return_after", "return_after_seconds", "--return-after"),
    ("demo_interval", "demo_interval_seconds", "--demo-interval"),
    ("demo_folder", "demo_folder", "--demo-folder"),
    ("serial", "serial_device", "--serial"),
    ("role", "role_paths", "--role"),
)
"""Command-line options that set a `KioskSettings` field: (argparse dest, field, option).
Each overrides the same setting in kiosk.toml and is checked like the file's value."""
COMMANDS = ("run", "verify", "decode", "sync", "trust", "config", "portfolio")


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """`--config PATH`, which every command takes."""
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="the settings file (default: $XDG_CONFIG_HOME/credential-kiosk/kiosk.toml)",
    )


def add_core_options(parser: argparse.ArgumentParser) -> None:
    """The settings file, trust sources, clock and presentation binding (every command that
    verifies; `kiosk trust` adds its own network options)."""
    add_config_option(parser)
    parser.add_argument(
        "--trust-list",
        action="append",
        type=Path,
        metavar="PATH",
        help="a trust list to use instead of the configured ones (repeatable)",
    )
    parser.add_argument(
        "--trust-config",
        type=Path,
        metavar="PATH",
        help="the trust sources to use (TOML, docs/trust-lists.md)",
    )
    parser.add_argument(
        "--offline", action="store_true", default=None, help="forbid all network access"
    )
    parser.add_argument("--now", metavar="ISO-8601", help="verify as of this instant")
    parser.add_argument("--challenge", help="the challenge presentations must answer")
    parser.add_argument("--domain", help="the domain presentations must be bound to")
    parser.add_argument(
        "--require-holder-binding",
        action="store_true",
        default=None,
        help="SD-JWT VC: a credential without a key-binding proof is CHECK MANUALLY",
    )
    parser.add_argument(
        "--deadline",
        type=float,
        metavar="SECONDS",
        help="stop a verification that takes longer: CHECK MANUALLY (default 10)",
    )


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """The options of every command that verifies or fetches (run, verify, sync, config show)."""
    add_core_options(parser)
    parser.add_argument("--cache-dir", type=Path, metavar="DIR", help="where to keep the copies")
    parser.add_argument(
        "--allow-host",
        action="append",
        metavar="HOST",
        help="fetch from this host although its address is not public (repeatable)",
    )
    parser.add_argument("--ca-file", type=Path, metavar="PEM", help="also trust these CAs")
    parser.add_argument(
        "--universal-resolver", metavar="URL", help="an https DID resolver (…/1.0/identifiers/)"
    )


def add_demo_option(parser: argparse.ArgumentParser) -> None:
    """`--demo`: also trust the demo issuer (run and verify only; never saved in kiosk.toml)."""
    parser.add_argument(
        "--demo",
        action="store_true",
        help="also trust the demo issuer, whose key is public (demonstrations only)",
    )


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options only the kiosk app uses."""
    parser.add_argument("--camera", type=int, metavar="N", help="read frames from camera N")
    parser.add_argument(
        "--return-after",
        type=float,
        metavar="SECONDS",
        help="how long a verdict stays on screen (default 12)",
    )
    parser.add_argument(
        "--demo-interval",
        type=float,
        metavar="SECONDS",
        help="demo mode: seconds per demo image (default 16, longer than a verdict stays)",
    )
    parser.add_argument(
        "--demo-folder",
        type=Path,
        metavar="DIR",
        help="demo mode: show the QR images (*.png) in DIR instead of the bundled demo images",
    )
    parser.add_argument(
        "--role",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="a role profile (TOML) for candidate sessions (repeatable)",
    )
    parser.add_argument(
        "--serial",
        metavar="DEVICE",
        help='a handheld scanner in USB serial mode: a device path, "auto" (default) or "off"',
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kiosk", description="Credential Kiosk: verify learner credentials.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    run = commands.add_parser("run", help="start the kiosk (the default)")
    add_common_options(run)
    add_run_options(run)
    add_demo_option(run)

    verify = commands.add_parser("verify", help="verify a credential file, payload or QR image")
    add_common_options(verify)
    add_demo_option(verify)
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
    add_common_options(portfolio)
    portfolio.add_argument(
        "--role",
        dest="portfolio_role",
        required=True,
        metavar="ROLE",
        help="a role file (TOML) or a role's file name",
    )
    portfolio.add_argument("--json", action="store_true", help="print one JSON object")
    portfolio.add_argument("--pdf", metavar="PATH", help="also write a printable report")
    portfolio.add_argument("files", nargs="+", help="credential files, payloads or QR images")
    decode = commands.add_parser("decode", help="print the QR codes found in images")
    add_config_option(decode)
    decode.add_argument("images", nargs="+", type=Path)
    decode.add_argument("--json", action="store_true", help="print a JSON list")

    sync = commands.add_parser("sync", help="fetch and cache trusted issuers' keys before offline")
    add_common_options(sync)
    sync.add_argument("--json", action="store_true", help="print one JSON object")

    from kiosk.cli_trust import add_trust_parser

    add_trust_parser(commands, add_core_options)

    config = commands.add_parser("config", help="show or check the settings file")
    actions = config.add_subparsers(dest="config_action", parser_class=_Parser, required=True)
    show = actions.add_parser("show", help="print the settings in force and where each came from")
    add_common_options(show)
    add_run_options(show)
    check = actions.add_parser("check", help="check the settings file without starting")
    add_config_option(check)
    return parser


def _flags(args: argparse.Namespace) -> dict[str, Flag]:
    """The settings given as options, each checked as the same key in kiosk.toml would be."""
    flags: dict[str, Flag] = {}
    for dest, field, option in (*NETWORK_FLAGS, *RUN_FLAGS):
        value = getattr(args, dest, None)
        if value is None or value == []:
            continue  # not given (a repeatable option given no times included)
        raw: object = [str(item) for item in value] if isinstance(value, list) else value
        raw = str(raw) if isinstance(raw, Path) else raw
        key = KEYS_BY_FIELD[field]
        try:
            flags[field] = Flag(option, key.read(raw))
        except ValueError as error:
            raise UsageError(f"{option} {error}") from None
    if getattr(args, "now", None):
        instant = parse_datetime(args.now)
        if instant is None:
            raise UsageError(f"--now {args.now!r} is not an ISO-8601 date-time with a time zone")
        flags["clock"] = Flag("--now", lambda: instant)
    return flags


def effective_from(args: argparse.Namespace) -> EffectiveSettings:
    """The settings in force for a command: defaults, kiosk.toml, then its options.

    Raises:
        ConfigError: the file cannot be used (exit 64).
        UsageError: an option's value is not allowed (exit 64).
    """
    return effective_settings(getattr(args, "config", None), _flags(args))


def settings_from(args: argparse.Namespace) -> KioskSettings:
    """Operator settings for a command (see `effective_from`), with the trust sources read."""
    settings = effective_from(args).settings
    return dataclasses.replace(
        settings,
        trust_config=_trust_config(settings, args),
        demo=bool(getattr(args, "demo", False)),
    )


def _trust_config(settings: KioskSettings, args: argparse.Namespace) -> TrustConfig | None:
    """The trust sources file named by `--trust-config` or kiosk.toml's `trust_sources`, else
    the default file when it exists, else None (trust lists only)."""
    from kiosk.cli_trust import default_trust_config_path

    named = settings.trust_config_file
    path = named or default_trust_config_path()
    if getattr(args, "command", None) == "trust" and not getattr(args, "trust_config", None):
        args.trust_config = named  # `kiosk trust add/import` edit the file kiosk.toml names
    if not path.is_file() and (named is None or getattr(args, "command", None) == "trust"):
        return None  # `kiosk trust add/import` create it
    return read_trust_config(path)


def _with_default_command(argv: Sequence[str]) -> list[str]:
    """`kiosk --camera 0` means `kiosk run --camera 0`."""
    words = list(argv)
    if not words or (words[0] not in COMMANDS and words[0] not in ("-h", "--help", "--version")):
        return ["run", *words]
    return words


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(_with_default_command(sys.argv[1:] if argv is None else argv))
    try:
        return _run_command(args, argv)
    except BrokenPipeError:  # `kiosk decode … | head -1`: the reader left; nothing to say
        silence_stdout()
        return 1


def _run_command(args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    try:
        if args.command == "verify":
            from kiosk.cli_verify import run_verify

            return run_verify(args.path, settings_from(args), as_json=args.json, holder=args.holder)
        if args.command == "portfolio":
            from kiosk.cli_portfolio import run_portfolio

            return run_portfolio(args, settings_from(args))
        if args.command == "decode":
            from kiosk.cli_decode import run_decode

            settings_from(args)  # a broken kiosk.toml stops every command alike
            return run_decode(args.images, as_json=args.json)
        if args.command == "trust":
            from kiosk.cli_trust import run_trust_command

            return run_trust_command(args, settings_from(args))
        if args.command == "sync":
            from kiosk.cli_sync import run_sync_command

            return run_sync_command(args, settings_from(args))
        if args.command == "config":
            from kiosk.cli_config import run_config_command

            return run_config_command(args, effective_from(args))
        return run_app(settings_from(args))
    except UsageError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TrustListError as error:
        print(f"kiosk: trust list {error.source} {error.reason}", file=sys.stderr)
        return EXIT_USAGE


def run_app(settings: KioskSettings) -> int:
    """Start the Textual app on a camera or on the demo images. A configured trust list that
    cannot be loaded stops it before it starts (`TrustListError`: exit 64)."""
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
    """`value` as indented JSON, every string (keys too) through the kiosk's text policy."""
    return json.dumps(_safe_strings(value), ensure_ascii=False, indent=2)


def _safe_strings(value: object) -> object:
    if isinstance(value, str):
        return strip_unsafe(value)
    if isinstance(value, dict):
        return {_safe_strings(key): _safe_strings(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_safe_strings(item) for item in value]
    return value


def write_out(text: str) -> bool:
    """Write `text` to standard output through the text policy; False when the reader has
    gone (a closed pipe: `kiosk verify … | head -1`), after which stdout is silenced."""
    try:
        sys.stdout.write(strip_unsafe(text))
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return False
    return True


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush on a closed pipe is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass


def quiet_logging() -> None:
    """Keep log records (and their tracebacks) off stderr: into the kiosk's log file when
    logging is not set up yet, else nowhere. `kiosk verify`'s stderr is for usage errors only."""
    root = logging.getLogger()
    if root.handlers:
        return
    try:
        log_to_file()
    except OSError:
        root.addHandler(logging.NullHandler())


if __name__ == "__main__":
    sys.exit(main())
