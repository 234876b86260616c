"""Provides `write_settings`: the settings screen's changes written into kiosk.toml in place,
atomically, keeping everything else in the file (the administrator's comments, order, other keys).

Why a writer of our own rather than a TOML library: the screen only ever writes single-line
scalars (numbers, booleans, short text), and the file is usually written by a person, with
comments that explain a site's choices. A general TOML writer (tomli-w) would rewrite the whole
file and drop those comments; a format-preserving one (tomlkit) is a large dependency for six
keys. This one changes only the lines of keys whose value changed (keeping a comment after the
value), adds a missing key under its table (or the table at the end) unless its value is the
default, and removes a key set back to "none". Before the file is replaced, the new text is
read back with `tomllib` and must give exactly the intended values, with every other key
unchanged; otherwise nothing is written and `ConfigError` says why.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from pathlib import Path

from kiosk.config.file import ConfigError, key_lines, parse_config_text
from kiosk.config.keys import KEYS_BY_FIELD, ConfigKey
from kiosk.settings import KioskSettings

HEADER = (
    "# Credential Kiosk settings (docs/config.md). Written by the settings screen;\n"
    "# edit by hand freely: comments and other keys are kept.\n"
)


def scalar(value: object) -> str:
    """A single-line TOML scalar (strings via JSON escaping, which TOML basic strings accept)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise ValueError(f"cannot write {type(value).__name__} as a single-line value")


def trailing_comment(line: str) -> str:
    """The `# comment` after a `key = value` line's value, or "" (a "#" inside a string is
    not one: the text before a comment must read as one TOML key on its own)."""
    for position, char in enumerate(line):
        if char != "#":
            continue
        try:
            if len(tomllib.loads(line[:position])) == 1:
                return "  " + line[position:].strip()
        except tomllib.TOMLDecodeError:
            continue
    return ""


def _edit(lines: list[str], key: ConfigKey, value: object) -> list[str]:
    where = key_lines("\n".join(lines))
    new_line = None if value is None else f"{key.key} = {scalar(value)}"
    at = where.get(key.name)
    if at is not None:
        if new_line is None:
            return lines[: at - 1] + lines[at:]
        new_line += trailing_comment(lines[at - 1])
        return [*lines[: at - 1], new_line, *lines[at:]]
    if new_line is None:
        return lines
    header = where.get(key.table)
    if header is None:
        return [*lines, "", f"[{key.table}]", new_line]
    end = header
    for name, number in where.items():
        if name.startswith(key.table + ".") and number > end:
            end = number
    return [*lines[:end], new_line, *lines[end:]]


def write_settings(path: Path, settings: KioskSettings, fields: tuple[str, ...]) -> None:
    """Write `fields` of `settings` into kiosk.toml at `path` (created if absent).

    Raises:
        ConfigError: the file cannot be read, is not valid, or the edit would not read back.
        OSError: the folder cannot be written.
    """
    keys = [KEYS_BY_FIELD[name] for name in fields]
    if any(not key.table for key in keys):
        raise ValueError("only keys inside a table are written from the screen")
    try:
        text = path.read_text("utf-8") if path.exists() else HEADER
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, None, f"cannot be read: {error}") from None
    before = parse_config_text(text, path).values
    defaults = KioskSettings()
    lines = text.splitlines()
    for key in keys:
        value = getattr(settings, key.field)
        if key.field in before and before[key.field] == value:
            continue  # unchanged: the line stays as written
        if key.field not in before and value == getattr(defaults, key.field):
            continue  # the default, not written down: the file stays short
        lines = _edit(lines, key, key.write(value))
    new_text = "\n".join(lines) + "\n"
    after = parse_config_text(new_text, path).values
    expected = dict(before)
    for name in fields:
        value = getattr(settings, name)
        if name in before or value != getattr(defaults, name):
            expected.pop(name, None)
            if KEYS_BY_FIELD[name].write(value) is not None:
                expected[name] = value
    if after != expected:
        raise ConfigError(path, None, "the settings could not be written without changing others")
    _replace(path, new_text)


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (same folder, fsync, rename), keeping its mode."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kiosk-", suffix=".toml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
