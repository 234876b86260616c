"""Provides `read_config_file`: kiosk.toml read with `tomllib`, every key checked, each value
remembered with the line it came from.

An unknown table or key, a value of the wrong kind or out of range, or a file that is not TOML
raises `ConfigError` naming the file, the line and the reason (with a suggestion for a
misspelt key), so the kiosk stops at start-up rather than run with a setting quietly ignored.

`tomllib` gives values but no positions, so `key_lines` finds each key's line in the text:
table headers (`[network]`) and `key = …` lines, as kiosk.toml is written (docs/config.md).
A key it cannot place (an inline table, a dotted key) is reported at its table's header.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.config.keys import CONFIG_KEYS, TABLES

MAX_CONFIG_BYTES = 256 * 1024
"""A configuration file is a few hundred bytes; anything this large is a mistake."""

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("?)([A-Za-z0-9_\-]+)\1\s*=""")


class ConfigError(Exception):
    """kiosk.toml cannot be used; `str()` is "<file> line N: <reason>"."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path} line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """What one kiosk.toml sets."""

    path: Path
    values: dict[str, object] = field(default_factory=dict)
    """`KioskSettings` field → value, for the keys the file sets."""
    lines: dict[str, int] = field(default_factory=dict)
    """`KioskSettings` field → the line that set it."""


def key_lines(text: str) -> dict[str, int]:
    """Dotted key (and table) → the 1-based line where it is written."""
    found: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header is not None:
            table = header.group(1).replace('"', "").replace(" ", "")
            found.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key is not None:
            found.setdefault(f"{table}.{key.group(2)}" if table else key.group(2), number)
    return found


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def parse_config_text(text: str, path: Path) -> ConfigFile:
    """Check every key of a kiosk.toml's text; raises `ConfigError` at the first problem."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        raise ConfigError(path, line, f"not valid TOML: {error}") from None
    lines = key_lines(text)
    values: dict[str, object] = {}
    set_on: dict[str, int] = {}
    top_level = [key.name for key in CONFIG_KEYS.values() if not key.table]
    for name, value in document.items():
        if isinstance(value, dict) and name not in top_level:
            if name not in TABLES:
                reason = f'unknown table "[{name}]"{_suggest(name, list(TABLES))}'
                raise ConfigError(path, lines.get(name), reason)
            entries = [(f"{name}.{key}", inner) for key, inner in value.items()]
        else:
            entries = [(name, value)]
        for dotted, inner in entries:
            spec = CONFIG_KEYS.get(dotted)
            line = lines.get(dotted, lines.get(dotted.rpartition(".")[0]))
            if spec is None:
                reason = f'unknown key "{dotted}"{_suggest(dotted, list(CONFIG_KEYS))}'
                raise ConfigError(path, line, reason)
            try:
                values[spec.field] = spec.read(inner)
            except ValueError as error:
                raise ConfigError(path, line, f"{dotted} {error}") from None
            if line is not None:
                set_on[spec.field] = line
    return ConfigFile(path, values, set_on)


def read_config_file(path: Path) -> ConfigFile:
    """Read and check kiosk.toml at `path`; raises `ConfigError` (also when it cannot be read)."""
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(path, None, f"larger than {MAX_CONFIG_BYTES // 1024} KiB")
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(path, None, f"cannot be read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, None, "is not UTF-8 text") from None
    return parse_config_text(text, path)
