"""What the screen shows of an SD-JWT VC: the claims the issuer signed in the clear and those the
holder disclosed — never the digests of what was kept back — each named by type metadata where
the kiosk has it, else by its path. Values are plain text, marked signed or claimed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kiosk.verification.model import FieldSource, ShownField
from kiosk.verification.plain_text import plain_text
from kiosk.verification.sd_jwt.type_metadata import ClaimPath, TypeMetadata

TECHNICAL_CLAIMS = frozenset(
    {"iss", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status", "_sd_alg", "jti"}
)
"""Claims the kiosk reads itself (issuer, dates, holder key, type, status): not listed again."""
MAX_CLAIMS = 40
MAX_DEPTH = 8


def shown_claims(
    claims: dict[str, Any], metadata: TypeMetadata | None, locale: str, source: FieldSource
) -> tuple[tuple[str, ShownField], ...]:
    """One (label, value) per leaf claim, at most `MAX_CLAIMS`."""
    shown: list[tuple[str, ShownField]] = []
    for path, value in _leaves(claims, (), 0):
        if path and path[0] in TECHNICAL_CLAIMS:
            continue
        text = plain_text(value, limit=160)
        if not text:
            continue
        label = metadata.label(path, locale) if metadata is not None else None
        shown.append((plain_text(label or _path_words(path), limit=60), ShownField(text, source)))
        if len(shown) >= MAX_CLAIMS:
            break
    return tuple(shown)


def _leaves(value: Any, path: ClaimPath, depth: int) -> Iterator[tuple[ClaimPath, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key), depth + 1)
    elif isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        for position, item in enumerate(value):
            yield from _leaves(item, (*path, position), depth + 1)
    elif isinstance(value, list):
        yield path, ", ".join(_scalar(item) for item in value)
    elif value is not None:
        yield path, _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _path_words(path: ClaimPath) -> str:
    return " / ".join(str(part) for part in path) or "claim"
