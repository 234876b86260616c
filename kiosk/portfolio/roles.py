"""Role profiles: one TOML file per role an employer hires for (see `docs/roles.md`).

    name = "Commis Chef"
    [[requirement]]
    label = "Food safety and hygiene"
    alignment_url = "http://data.europa.eu/esco/skill/…"

A requirement names what meets it in exactly one way: an alignment's `targetUrl`
(`alignment_url`), an alignment's code within a framework (`alignment_code` with
`alignment_framework`), an achievement's IRI (`achievement_id`), or an achievement type with
part of its name (`achievement_type` with `name_contains`). Roles live in the operator's config
folder (`$XDG_CONFIG_HOME/credential-kiosk/roles/`) or are given by path (`--role`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

MAX_ROLE_BYTES = 64 * 1024
MAX_REQUIREMENTS = 50
KEYS = frozenset(
    {
        "label",
        "alignment_url",
        "alignment_code",
        "alignment_framework",
        "achievement_id",
        "achievement_type",
        "name_contains",
        "note",
    }
)


class RoleError(ValueError):
    """A role file that cannot be used, with a sentence saying why."""


@dataclass(frozen=True, slots=True)
class Requirement:
    """One thing the role needs, and how a credential's signed data shows it."""

    label: str
    alignment_url: str = ""
    alignment_code: str = ""
    alignment_framework: str = ""
    achievement_id: str = ""
    achievement_type: str = ""
    name_contains: str = ""
    note: str = ""
    """Where the framework item comes from (for the operator; shown in the report)."""


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    requirements: tuple[Requirement, ...]
    source: str = ""
    """The file it was read from."""
    framework: str = ""
    """Free text: which public framework its requirements come from."""


def roles_folder() -> Path:
    """`$XDG_CONFIG_HOME/credential-kiosk/roles/` (default `~/.config/...`)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "credential-kiosk" / "roles"


def available_roles(folder: Path | None = None) -> list[Path]:
    """The role files in the operator's folder, by name."""
    where = folder or roles_folder()
    try:
        return sorted(p for p in where.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_role(path: Path) -> Role:
    """Read and check one role file.

    Raises:
        RoleError: unreadable, not TOML, or not in the documented format.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RoleError(f"The role file {path} cannot be read: {error.strerror}.") from error
    if len(data) > MAX_ROLE_BYTES:
        raise RoleError(f"The role file {path} is larger than {MAX_ROLE_BYTES} bytes.")
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RoleError(f"The role file {path} is not valid TOML: {error}.") from error
    return parse_role(table, str(path))


def parse_role(table: dict[str, object], source: str = "") -> Role:
    """A `Role` from a parsed TOML table (see the module docstring)."""
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RoleError('A role needs a name (name = "…").')
    framework = table.get("framework", "")
    if not isinstance(framework, str):
        raise RoleError("The role's framework must be text.")
    items = table.get("requirement", [])
    if not isinstance(items, list) or not items:
        raise RoleError("A role needs at least one [[requirement]].")
    if len(items) > MAX_REQUIREMENTS:
        raise RoleError(f"A role has at most {MAX_REQUIREMENTS} requirements.")
    return Role(
        name.strip(),
        tuple(_requirement(item, n) for n, item in enumerate(items, 1)),
        source,
        framework.strip(),
    )


def _requirement(item: object, number: int) -> Requirement:
    if not isinstance(item, dict):
        raise RoleError(f"Requirement {number} is not a table.")
    unknown = sorted(set(item) - KEYS)
    if unknown:
        raise RoleError(f"Requirement {number} has unknown keys: {', '.join(unknown)}.")
    values: dict[str, str] = {}
    for key, value in item.items():
        if not isinstance(value, str):
            raise RoleError(f"Requirement {number}: {key} must be text.")
        values[key] = value.strip()
    if not values.get("label"):
        raise RoleError(f"Requirement {number} needs a label.")
    ways = [
        bool(values.get("alignment_url")),
        bool(values.get("alignment_code") or values.get("alignment_framework")),
        bool(values.get("achievement_id")),
        bool(values.get("achievement_type") or values.get("name_contains")),
    ]
    if sum(ways) != 1:
        raise RoleError(
            f"Requirement {number} ({values['label']}) must name exactly one of: alignment_url; "
            "alignment_code with alignment_framework; achievement_id; achievement_type with "
            "name_contains."
        )
    if ways[1] and not (values.get("alignment_code") and values.get("alignment_framework")):
        raise RoleError(f"Requirement {number}: alignment_code needs alignment_framework.")
    if ways[3] and not (values.get("achievement_type") and values.get("name_contains")):
        raise RoleError(f"Requirement {number}: achievement_type needs name_contains.")
    return Requirement(**values)
