"""Provides `CONFIG_KEYS`: every key of kiosk.toml, the `KioskSettings` field it sets, and how
its value is read, checked and written back.

One table, so the reader, `kiosk config show`, the settings screen's writer and docs/config.md
(checked by a test) all name the same keys. A key is dotted by its table: `network.ca_file` is
`ca_file` under `[network]`; trust sources sit at the top of the file (no table), where
`trust_lists` is and where further trust sources go.

Each kind converts a TOML value to the field's Python value or raises `ValueError` with a
sentence an administrator can act on ("must be a whole number from 0 to 3650").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

Reader = Callable[[object], object]
"""Turns a TOML value into the field's value; raises `ValueError` saying what is wrong."""
Writer = Callable[[Any], object]
"""Turns the field's value back into a TOML value (None: the key is left out)."""


@dataclass(frozen=True, slots=True)
class ConfigKey:
    """One key of kiosk.toml."""

    name: str
    """Dotted: table and key (`scanner.camera`), or a top-level key (`trust_lists`)."""
    field: str
    """The `KioskSettings` field it sets."""
    read: Reader
    write: Writer
    meaning: str
    """One line for `kiosk config show --help` and docs/config.md."""

    @property
    def table(self) -> str:
        """The TOML table the key sits in ("" for a top-level key)."""
        return self.name.rpartition(".")[0]

    @property
    def key(self) -> str:
        """The key's own name inside its table."""
        return self.name.rpartition(".")[2]


# ----- kinds of value -----


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def whole(low: int, high: int) -> Reader:
    def read(value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return value

    return read


def number(low: float, high: float, unit: str) -> Reader:
    def read(value: object) -> float:
        if not _is_number(value) or not low <= float(value) <= high:  # type: ignore[arg-type]
            raise ValueError(f"must be a number of {unit} from {low:g} to {high:g}")
        return float(value)  # type: ignore[arg-type]

    return read


def duration(low: float, high: float, unit: str, per: timedelta) -> Reader:
    """A number of `unit`s (seconds, days) read as a `timedelta`."""
    as_number = number(low, high, unit)

    def read(value: object) -> timedelta:
        amount = as_number(value)
        assert isinstance(amount, float)
        return per * amount

    return read


def duration_writer(per: timedelta) -> Writer:
    def write(value: timedelta) -> float | int:
        amount = value / per
        return int(amount) if amount == int(amount) else amount

    return write


def text(max_length: int = 200) -> Reader:
    def read(value: object) -> str | None:
        if not isinstance(value, str):
            raise ValueError("must be text in quotes")
        if len(value) > max_length or any(not ch.isprintable() for ch in value):
            raise ValueError(f"must be printable text of at most {max_length} characters")
        return value.strip() or None

    return read


def path(value: object) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a file or folder path in quotes")
    return Path(value).expanduser()


def https_url(value: object) -> str:
    if not isinstance(value, str) or not value.startswith("https://") or len(value) > 2000:
        raise ValueError('must be an https URL in quotes ("https://…")')
    return value


def host(value: object) -> str:
    """A host name or address, optionally with ":port" (no scheme, no path, no spaces)."""
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > 260
        or any(ch.isspace() or ch in "/@?#" for ch in value.strip())
    ):
        raise ValueError('must be a host name such as "registry.college.internal" or "host:8443"')
    return value.strip()


def list_of(item: Reader, what: str) -> Reader:
    def read(value: object) -> tuple[object, ...]:
        if not isinstance(value, list):
            raise ValueError(f"must be a list of {what} in square brackets")
        items = []
        for position, element in enumerate(value, start=1):
            try:
                items.append(item(element))
            except ValueError as error:
                raise ValueError(f"item {position} {error}") from error
        return tuple(items)

    return read


def serial_device(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError('must be "auto", "off" or a device path such as "/dev/ttyACM0"')
    choice = value.strip()
    if choice.lower() not in ("auto", "off") and not choice.startswith("/dev/"):
        raise ValueError('must be "auto", "off" or a device path such as "/dev/ttyACM0"')
    return choice


def explorer(value: object) -> str:
    """One "<api> <chain> <https URL>" line (docs/blockcerts.md)."""
    if not isinstance(value, str):
        raise ValueError('must be text: "<api> <chain> <https URL>"')
    parts = value.split()
    if len(parts) != 3 or parts[0] not in ("esplora", "blockcypher", "etherscan"):
        raise ValueError('must read "<esplora|blockcypher|etherscan> <chain> <https URL>"')
    https_url(parts[2])
    return value


def deadline(value: object) -> float:
    """Seconds, more than 0 and less than an hour (the verification deadline)."""
    if not _is_number(value) or not 0 < float(value) < 3600:  # type: ignore[arg-type]
        raise ValueError("must be more than 0 and less than 3600 seconds")
    return float(value)  # type: ignore[arg-type]


def language(value: object) -> str:
    """A BCP 47 language tag, simply: "en", "de", "pt-BR"."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError('must be a language tag such as "en" or "pt-BR"')
    return value


def _as_string(value: object) -> object:
    return str(value) if isinstance(value, Path) else value


def same(value: object) -> object:
    """Written as it is (numbers, booleans, text); paths as text; tuples as lists."""
    if isinstance(value, tuple):
        return [_as_string(item) for item in value]
    return _as_string(value)


_SECOND = timedelta(seconds=1)
_DAY = timedelta(days=1)

_KEYS = (
    # ----- trust sources (top of the file, no table) -----
    ConfigKey(
        "trust_lists",
        "trust_list_paths",
        list_of(path, "file paths"),
        same,
        "trust-list files to load (docs/trust-lists.md)",
    ),
    ConfigKey(
        "trust_sources",
        "trust_config_file",
        path,
        same,
        "the trust sources file (trust.toml: signed lists, registries, federations, list URLs; "
        "`kiosk trust` edits it)",
    ),
    ConfigKey(
        "roles",
        "role_paths",
        list_of(path, "file paths"),
        same,
        "role profiles (TOML) offered for candidate sessions, before those in the roles/ folder "
        "(docs/roles.md)",
    ),
    # ----- scanning -----
    ConfigKey(
        "scanner.camera",
        "camera_index",
        whole(0, 63),
        same,
        "camera device number (/dev/videoN); leave it out for demo mode",
    ),
    ConfigKey(
        "scanner.serial",
        "serial_device",
        serial_device,
        same,
        'handheld scanner in USB serial mode: "auto", "off" or a device path',
    ),
    ConfigKey(
        "scanner.keyboard_max_gap_ms",
        "wedge_max_gap_ms",
        number(5, 200, "milliseconds"),
        same,
        "keyboard-mode scanners: keys closer than this (median) are a scan, not typing",
    ),
    ConfigKey(
        "scanner.demo_interval_seconds",
        "demo_interval_seconds",
        number(1, 3600, "seconds"),
        same,
        "demo mode: how long each demo image is shown",
    ),
    ConfigKey(
        "scanner.demo_folder",
        "demo_folder",
        path,
        same,
        "demo mode: a folder of QR images (*.png) shown instead of the bundled ones",
    ),
    # ----- screen -----
    ConfigKey(
        "screen.return_after_seconds",
        "return_after_seconds",
        number(0, 600, "seconds"),
        same,
        "how long a verdict stays before the kiosk returns to scanning (0: until a key)",
    ),
    ConfigKey(
        "screen.bell", "bell", boolean, same, "ring the terminal bell when a verdict appears"
    ),
    ConfigKey("screen.preview", "preview", boolean, same, "show the live camera preview"),
    ConfigKey(
        "screen.locale",
        "locale",
        language,
        same,
        'language for claim names from SD-JWT VC type metadata ("en", "de", "pt-BR")',
    ),
    # ----- verification -----
    ConfigKey(
        "verification.clock_skew_seconds",
        "clock_skew",
        duration(0, 3600, "seconds", _SECOND),
        duration_writer(_SECOND),
        "tolerance on validity dates and proof times, for clocks a little off",
    ),
    ConfigKey(
        "verification.challenge",
        "challenge",
        text(),
        same,
        "the challenge presentations must answer (leave out: none)",
    ),
    ConfigKey(
        "verification.domain",
        "domain",
        text(),
        same,
        "the domain presentations must be bound to (leave out: not checked)",
    ),
    ConfigKey(
        "verification.deadline_seconds",
        "verification_deadline_seconds",
        deadline,
        same,
        "the longest one verification may take, fetches included; past it: CHECK MANUALLY",
    ),
    ConfigKey(
        "verification.require_holder_binding",
        "require_holder_binding",
        boolean,
        same,
        "SD-JWT VC: a credential without a key-binding proof is CHECK MANUALLY",
    ),
    ConfigKey(
        "verification.key_binding_max_age_seconds",
        "key_binding_max_age",
        duration(0, 86400, "seconds", _SECOND),
        duration_writer(_SECOND),
        "SD-JWT VC: the oldest key-binding proof accepted (plus the clock skew)",
    ),
    ConfigKey(
        "verification.max_file_bytes",
        "max_file_bytes",
        whole(1024, 64 * 1024 * 1024),
        same,
        "largest file given to kiosk verify, and credential fetched from a link",
    ),
    ConfigKey(
        "verification.max_payload_bytes",
        "max_payload_bytes",
        whole(1024, 16 * 1024 * 1024),
        same,
        "larger scanned payloads are refused as too large before any parsing",
    ),
    # ----- network -----
    ConfigKey(
        "network.offline", "offline", boolean, same, "forbid all network access (cache only)"
    ),
    ConfigKey(
        "network.ca_file",
        "extra_ca_file",
        path,
        same,
        "PEM certificates trusted besides the system's (e.g. a corporate CA)",
    ),
    ConfigKey(
        "network.allowed_hosts",
        "allowed_hosts",
        list_of(host, "host names"),
        same,
        'hosts reachable although not public ("registry.college.internal" or "host:port")',
    ),
    ConfigKey(
        "network.explorers",
        "blockchain_explorers",
        list_of(explorer, '"<api> <chain> <https URL>" lines'),
        same,
        "block explorers asked about Blockcerts anchors (docs/blockcerts.md)",
    ),
    ConfigKey(
        "network.universal_resolver",
        "universal_resolver_url",
        https_url,
        same,
        "an https DID resolver prefix for other DID methods (leave out: none)",
    ),
    ConfigKey(
        "network.min_confirmations",
        "min_confirmations",
        whole(1, 1000),
        same,
        "blocks an anchoring transaction must be under",
    ),
    ConfigKey(
        "network.connect_timeout_seconds",
        "connect_timeout_seconds",
        number(0.1, 120, "seconds"),
        same,
        "time allowed to open a connection",
    ),
    ConfigKey(
        "network.read_timeout_seconds",
        "read_timeout_seconds",
        number(0.1, 300, "seconds"),
        same,
        "time one read from a server may take",
    ),
    ConfigKey(
        "network.total_timeout_seconds",
        "total_timeout_seconds",
        number(0.1, 600, "seconds"),
        same,
        "time one fetch may take in all",
    ),
    ConfigKey(
        "network.max_document_bytes",
        "max_document_bytes",
        whole(1024, 64 * 1024 * 1024),
        same,
        "largest document fetched",
    ),
    ConfigKey(
        "network.max_redirects", "max_redirects", whole(0, 20), same, "redirects followed per fetch"
    ),
    # ----- cache and history -----
    ConfigKey(
        "cache.max_age_days",
        "max_cache_age",
        duration(0, 3650, "days", _DAY),
        duration_writer(_DAY),
        "cached keys and lists older than this are not used",
    ),
    ConfigKey(
        "history.retention_days",
        "history_retention_days",
        whole(0, 3650),
        same,
        "days verifications are kept (0: none)",
    ),
    # ----- where files live -----
    ConfigKey(
        "files.operator_dir",
        "config_dir",
        path,
        same,
        "folder of the operator file (PIN hash); default: beside kiosk.toml's default place",
    ),
    ConfigKey(
        "files.data_dir",
        "data_dir",
        path,
        same,
        "folder of the history database and its CSV exports",
    ),
    ConfigKey(
        "files.cache_dir",
        "cache_dir",
        path,
        same,
        "folder of the fetched keys, profiles and lists (kiosk sync fills it)",
    ),
)

CONFIG_KEYS: MappingProxyType[str, ConfigKey] = MappingProxyType({key.name: key for key in _KEYS})
"""Every kiosk.toml key by its dotted name, in the order `kiosk config show` prints them."""

KEYS_BY_FIELD: MappingProxyType[str, ConfigKey] = MappingProxyType(
    {key.field: key for key in _KEYS}
)
"""The same keys by the `KioskSettings` field they set."""

NOT_IN_FILE = MappingProxyType(
    {
        "clock": "the real clock; `--now` fixes it for one run",
        "extra": "reserved for settings added later",
        "config_file": "the file itself: `--config PATH`",
        "trust_config": "read from the `trust_sources` file",
        "demo": "`--demo` for one run only: a demonstration is never the saved configuration",
    }
)
"""`KioskSettings` fields with no key in the file, and why."""

TABLES = tuple(dict.fromkeys(key.table for key in _KEYS if key.table))
"""The tables of kiosk.toml, in order."""
