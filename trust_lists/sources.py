"""The operator's trust sources: what to load, from where, pinned how (a list of specs).

    specs = read_trust_config(Path("/etc/credential-kiosk/trust.toml"))
    write_trust_config(path, TrustConfig(sources=(...), local_list=Path(...)))

The configuration file (TOML, documented in docs/trust-lists.md):

    local_list = "local-trust-list.json"      # `kiosk trust add/remove` edit this (format 1)

    [[source]]
    kind = "signed-list"                      # see SOURCE_KINDS
    location = "https://lists.example.edu/kiosk-trust.json"   # an https URL or a file path
    name = "Example University fleet list"
    pinned_key = "did:key:z6Mk…"              # signed-list: the publisher's key
    # sha256 = "…"                            # any kind: the exact bytes expected
    # anchor_jwks = "dcc-anchor.jwks.json"    # oidf: the trust anchor's public keys
    # governance = "https://…"                # shown with the verdict, never fetched
    # test_only = true                        # matches give CHECK MANUALLY

Relative paths are relative to the configuration file. The kiosk's one config file (kiosk.toml,
issue 16) can fill the same `TrustSourceSpec` list; this module is the API it calls.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from trust_lists.loader import TrustListError

SOURCE_KINDS = {
    "kiosk-list": "the kiosk's own list (format 1), a file or an https URL",
    "signed-list": "a RecognizedEntityCredential with a Data Integrity proof by `pinned_key`",
    "dcc-legacy": "a DCC legacy registry ({meta, registry: {DID: {name, location, url}}})",
    "dcc-known-registries": "a DCC known-registries list: each registry in it becomes a source",
    "oidf": "an OpenID Federation trust anchor's entity configuration URL (`anchor_jwks` pinned)",
    "ebsi-tir": "an EBSI Trusted Issuers Registry v5 snapshot (a JSON array of issuer records)",
}


@dataclass(frozen=True, slots=True)
class TrustSourceSpec:
    """One configured source."""

    kind: str
    location: str
    """An https URL or a file path."""
    name: str = ""
    test_only: bool = False
    sha256: str = ""
    """Hex SHA-256 of the exact bytes expected (integrity for unsigned lists)."""
    pinned_key: str = ""
    """signed-list: the did:key (or did:web id) whose proof the list must carry."""
    anchor_jwks: str = ""
    """oidf: a path to the trust anchor's public JWKS (a JSON file), the keys pinned."""
    governance: str = ""

    @property
    def is_url(self) -> bool:
        return self.location.startswith("https://") or self.location.startswith("http://")

    @property
    def shown_name(self) -> str:
        return self.name or self.location

    def as_dict(self) -> dict[str, Any]:
        """The non-empty fields (for `--json` and for writing the configuration)."""
        values: dict[str, Any] = {"kind": self.kind, "location": self.location}
        for key in ("name", "sha256", "pinned_key", "anchor_jwks", "governance"):
            if getattr(self, key):
                values[key] = getattr(self, key)
        if self.test_only:
            values["test_only"] = True
        return values


@dataclass(frozen=True, slots=True)
class TrustConfig:
    """The whole trust configuration: sources in order, and the local list file."""

    sources: tuple[TrustSourceSpec, ...] = ()
    local_list: Path | None = None
    """The operator's own entries (format 1), used first; `kiosk trust add` writes here."""
    path: Path | None = field(default=None, compare=False)
    """Where the configuration was read from."""


def read_trust_config(path: Path) -> TrustConfig:
    """Read a trust configuration file.

    Raises:
        TrustListError: unreadable, not TOML, or a source without a known kind and a location.
    """
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as error:
        raise TrustListError(str(path), f"cannot be read ({error.strerror})") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TrustListError(str(path), f"is not valid TOML ({error})") from error
    return config_from_mapping(data, path)


def config_from_mapping(data: dict[str, Any], path: Path) -> TrustConfig:
    """A configuration from already-parsed TOML (also for kiosk.toml's `[trust]` table)."""
    base = path.parent
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list):
        raise TrustListError(str(path), "'source' must be an array of tables ([[source]])")
    sources = tuple(_spec(str(path), base, n, s) for n, s in enumerate(raw_sources, start=1))
    local = data.get("local_list")
    if local is not None and not isinstance(local, str):
        raise TrustListError(str(path), "'local_list' must be a path")
    return TrustConfig(
        sources=sources, local_list=_resolve(base, local) if local else None, path=path
    )


def _spec(origin: str, base: Path, position: int, raw: Any) -> TrustSourceSpec:
    if not isinstance(raw, dict):
        raise TrustListError(origin, f"source {position} is not a table")
    kind, location = raw.get("kind"), raw.get("location")
    if kind not in SOURCE_KINDS:
        raise TrustListError(
            origin, f"source {position}: kind must be one of {', '.join(SOURCE_KINDS)}"
        )
    if not isinstance(location, str) or not location:
        raise TrustListError(origin, f"source {position} needs a location")
    text: dict[str, str] = {}
    for key in ("name", "sha256", "pinned_key", "anchor_jwks", "governance"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise TrustListError(origin, f"source {position}: {key} must be text")
        text[key] = value
    test_only = raw.get("test_only", False)
    if not isinstance(test_only, bool):
        raise TrustListError(origin, f"source {position}: test_only must be true or false")
    spec = TrustSourceSpec(kind=kind, location=location, test_only=test_only, **text)
    if not spec.is_url:
        spec = replace(spec, location=str(_resolve(base, location)))
    if spec.anchor_jwks:
        spec = replace(spec, anchor_jwks=str(_resolve(base, spec.anchor_jwks)))
    if kind == "signed-list" and not spec.pinned_key:
        raise TrustListError(origin, f"source {position}: a signed-list needs a pinned_key")
    if kind == "oidf" and not spec.anchor_jwks:
        raise TrustListError(origin, f"source {position}: an oidf source needs anchor_jwks")
    return spec


def _resolve(base: Path, value: str) -> Path:
    candidate = Path(value).expanduser()
    return candidate if candidate.is_absolute() else base / candidate


def write_trust_config(path: Path, config: TrustConfig) -> None:
    """Write `config` as TOML (atomically: a temporary file, then a rename)."""
    lines = ["# Credential Kiosk trust sources (docs/trust-lists.md)", ""]
    if config.local_list is not None:
        lines += [f"local_list = {_toml_string(str(config.local_list))}", ""]
    for spec in config.sources:
        lines.append("[[source]]")
        for key, value in spec.as_dict().items():
            shown = "true" if value is True else _toml_string(str(value))
            lines.append(f"{key} = {shown}")
        lines.append("")
    temporary = path.with_name(f".{path.name}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary.write_text("\n".join(lines), "utf-8")
    temporary.replace(path)


def _toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, with ASCII-only output)."""
    return json.dumps(value, ensure_ascii=True)
