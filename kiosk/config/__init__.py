"""The kiosk's configuration file, kiosk.toml: one file read by every command, flags on top.

Headless and light (tomllib and the settings dataclass only), so `kiosk verify` pays nothing
for it. Keys: `docs/config.md` (checked against `CONFIG_KEYS` by a test).
"""

from kiosk.config.effective import (
    EffectiveSettings,
    Flag,
    default_config_path,
    describe,
    effective_settings,
)
from kiosk.config.file import ConfigError, ConfigFile, read_config_file
from kiosk.config.keys import CONFIG_KEYS, KEYS_BY_FIELD, ConfigKey

__all__ = [
    "CONFIG_KEYS",
    "KEYS_BY_FIELD",
    "ConfigError",
    "ConfigFile",
    "ConfigKey",
    "EffectiveSettings",
    "Flag",
    "default_config_path",
    "describe",
    "effective_settings",
    "read_config_file",
]
