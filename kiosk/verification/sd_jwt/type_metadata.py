"""Display names of SD-JWT VC claims, from type metadata the kiosk holds (SD-JWT VC draft §6).

The kiosk never fetches type metadata because a credential names it. It has two sources:

- the bundled files in `type_metadata/` (the DC4EU diploma, ELM, micro-credential, EHIC, PDA1
  and PID types), each pinned by sha256 in `type_metadata/pins.json` and refused if changed;
- metadata the issuer put in the token's own protected header (`vctm`, base64url JSON), used only
  for its `vct` — it is covered by the issuer's signature, so it is as good as the claims.

A claim's label is the entry whose `path` matches (a `null` path element matches any array
position), in the display language closest to the kiosk's locale.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from payloads.envelopes import StrictJsonError, strict_json_loads

BUNDLED_DIR = Path(__file__).resolve().parent / "type_metadata"
ClaimPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class TypeMetadata:
    """One credential type's names: the type's own, and its claims' by path."""

    vct: str
    displays: tuple[dict[str, Any], ...]
    claims: tuple[tuple[tuple[Any, ...], tuple[dict[str, Any], ...]], ...]
    source: str

    def type_name(self, locale: str) -> str | None:
        chosen = _by_locale(self.displays, locale)
        name = chosen.get("name") if chosen else None
        return name if isinstance(name, str) and name else None

    def label(self, path: ClaimPath, locale: str) -> str | None:
        for pattern, displays in self.claims:
            if _matches(pattern, path):
                chosen = _by_locale(displays, locale)
                label = chosen.get("label") if chosen else None
                if isinstance(label, str) and label:
                    return label
        return None


def _matches(pattern: tuple[Any, ...], path: ClaimPath) -> bool:
    return len(pattern) == len(path) and all(
        p == q or (p is None and isinstance(q, int)) for p, q in zip(pattern, path, strict=True)
    )


def _by_locale(displays: Sequence[dict[str, Any]], locale: str) -> dict[str, Any] | None:
    def lang(entry: dict[str, Any]) -> str:
        value = entry.get("lang", entry.get("locale", ""))
        return value.lower() if isinstance(value, str) else ""

    wanted = locale.lower()
    for exact, primary in ((wanted, None), (None, wanted.split("-")[0]), (None, "en")):
        for entry in displays:
            tag = lang(entry)
            if tag == exact or (primary is not None and tag.split("-")[0] == primary):
                return entry
    return displays[0] if displays else None


def parse_type_metadata(value: Any, source: str) -> TypeMetadata | None:
    """Read a type metadata document; None when it is not one."""
    if not isinstance(value, dict) or not isinstance(value.get("vct"), str):
        return None
    displays = tuple(d for d in value.get("display") or [] if isinstance(d, dict))
    claims = []
    for claim in value.get("claims") or []:
        if not isinstance(claim, dict) or not isinstance(claim.get("path"), list):
            continue
        shown = tuple(d for d in claim.get("display") or [] if isinstance(d, dict))
        claims.append((tuple(claim["path"]), shown))
    return TypeMetadata(value["vct"], displays, tuple(claims), source)


@functools.cache
def bundled_type_metadata() -> dict[str, TypeMetadata]:
    """The bundled metadata by `vct`; a file whose sha256 differs from its pin is refused."""
    pins = json.loads((BUNDLED_DIR / "pins.json").read_bytes())
    found: dict[str, TypeMetadata] = {}
    for pin in pins["files"]:
        data = (BUNDLED_DIR / pin["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != pin["sha256"]:
            raise RuntimeError(f"bundled type metadata {pin['file']} does not match its pin")
        parsed = parse_type_metadata(json.loads(data), f"the bundled {pin['file']}")
        if parsed is not None:
            found[parsed.vct] = parsed
    return found


def type_metadata_for(vct: Any, header: dict[str, Any]) -> TypeMetadata | None:
    """Metadata for `vct`: the bundled copy, else the issuer's own in the token header."""
    if not isinstance(vct, str):
        return None
    bundled = bundled_type_metadata().get(vct)
    if bundled is not None:
        return bundled
    embedded = header.get("vctm")
    for item in embedded if isinstance(embedded, list) else []:
        if not isinstance(item, str) or len(item) > 256 * 1024:
            continue
        try:
            value = strict_json_loads(base64.urlsafe_b64decode(item + "=" * (-len(item) % 4)))
        except (binascii.Error, ValueError, StrictJsonError):
            continue
        parsed = parse_type_metadata(value, "the type metadata in the token's header")
        if parsed is not None and parsed.vct == vct:
            return parsed
    return None
