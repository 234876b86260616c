"""`kiosk config show` and `kiosk config check`: the settings file, for the administrator.

    kiosk config show [--config PATH] [any run option]   the settings in force, and their source
    kiosk config check [--config PATH]                   check the file without starting

`show` prints kiosk.toml lines (a copy of them is a valid file) with, after each, where the
value came from: `default`, `file line N` or `flag --option`. `check` also loads the trust
lists the file names. Exit codes: 0 fine, 64 the file (or an option) cannot be used; the error
names the line and the reason.
"""

from __future__ import annotations

import argparse
import sys

from kiosk.config import EffectiveSettings, describe


def run_config_command(args: argparse.Namespace, effective: EffectiveSettings) -> int:
    """Run `kiosk config show|check` on settings already read (errors were raised before)."""
    if args.config_action == "show":
        sys.stdout.write("\n".join(describe(effective)) + "\n")
        return 0
    from trust_lists import load_trust_list

    for path in effective.settings.trust_list_paths:
        load_trust_list(path)  # raises TrustListError: exit 64 with the file and reason
    if effective.file_found:
        lists = len(effective.settings.trust_list_paths)
        print(f"{effective.config_path}: fine ({lists} trust list(s) load).")
    else:
        print(f"{effective.config_path} does not exist: the defaults apply.")
    return 0
