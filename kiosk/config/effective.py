"""Provides `effective_settings`: defaults, then kiosk.toml, then command-line flags, with where
each setting came from; and `describe`, the text `kiosk config show` prints.

Every command builds its `KioskSettings` here, so `run`, `verify`, `decode` and `sync` read
the same file the same way. The default file is `$XDG_CONFIG_HOME/credential-kiosk/kiosk.toml`
(`~/.config/credential-kiosk/kiosk.toml`); it may be absent (then defaults apply). A file named
with `--config PATH` must exist.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.config.file import ConfigError, read_config_file
from kiosk.config.keys import CONFIG_KEYS, KEYS_BY_FIELD
from kiosk.settings import KioskSettings

CONFIG_NAME = "kiosk.toml"
DEFAULT = "default"


def default_config_path() -> Path:
    """`$XDG_CONFIG_HOME/credential-kiosk/kiosk.toml`, else `~/.config/credential-kiosk/…`."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "credential-kiosk" / CONFIG_NAME


@dataclass(frozen=True, slots=True)
class Flag:
    """A setting given on the command line."""

    option: str
    """As typed: "--camera"."""
    value: object


@dataclass(frozen=True, slots=True)
class EffectiveSettings:
    """The settings in force, and where each came from."""

    settings: KioskSettings
    sources: dict[str, str]
    """`KioskSettings` field → "default", "file line N" or "flag --option"."""
    config_path: Path
    file_found: bool


def effective_settings(
    config_path: Path | None = None, flags: dict[str, Flag] | None = None
) -> EffectiveSettings:
    """Defaults ← kiosk.toml ← flags (field → `Flag`); raises `ConfigError`."""
    explicit = config_path is not None
    path = config_path if config_path is not None else default_config_path()
    values: dict[str, object] = {}
    sources = {field.name: DEFAULT for field in dataclasses.fields(KioskSettings)}
    found = path.exists()
    if explicit and not found:
        raise ConfigError(path, None, "does not exist (named with --config)")
    if found:
        loaded = read_config_file(path)
        values.update(loaded.values)
        for name in loaded.values:
            line = loaded.lines.get(name)
            sources[name] = f"file line {line}" if line is not None else "file"
    for name, flag in (flags or {}).items():
        values[name] = flag.value
        sources[name] = f"flag {flag.option}"
    settings = KioskSettings(**values, config_file=path)  # type: ignore[arg-type]
    return EffectiveSettings(settings, sources, path, found)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        items = [_toml_value(item) for item in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) <= 72:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def describe(effective: EffectiveSettings) -> list[str]:
    """The effective settings as kiosk.toml lines, each with where it came from."""
    status = "found" if effective.file_found else "not found: defaults apply"
    lines = [f"# Settings file: {effective.config_path} ({status})"]
    table = ""
    for key in CONFIG_KEYS.values():
        if key.table != table:
            table = key.table
            lines.extend(("", f"[{table}]"))
        value = key.write(getattr(effective.settings, key.field))
        source = effective.sources[key.field]
        if value is None:
            lines.append(f"# {key.key} is not set  # {source}: {_unset_meaning(key.field)}")
        else:
            lines.append(f"{key.key} = {_toml_value(value)}  # {source}")
    for name, source in effective.sources.items():
        if name not in KEYS_BY_FIELD and source != DEFAULT:
            lines.append(f"# {name}: {source}")
    return lines


def _unset_meaning(field: str) -> str:
    return {
        "camera_index": "demo mode",
        "demo_folder": "the bundled demo images",
        "trust_config_file": "$XDG_CONFIG_HOME/credential-kiosk/trust.toml if present",
        "challenge": "none",
        "domain": "not checked",
        "extra_ca_file": "the system's CAs only",
        "universal_resolver_url": "none",
        "config_dir": "$XDG_CONFIG_HOME/credential-kiosk",
        "data_dir": "$XDG_DATA_HOME/credential-kiosk",
        "cache_dir": "$XDG_CACHE_HOME/credential-kiosk",
    }.get(field, "default")
