"""The Digital Credentials Consortium's registry formats.

- **dcc-legacy** registry: `{"meta": {"created", "updated"}, "registry": {"<DID>": {"name",
  "location", "url", ["legalName"]}}}` (DCC Pilot, Member, Community and Sandbox registries).
- **known-registries** list: an ordered list (most authoritative first) of `{"name", "type":
  "dcc-legacy" | "oidf" | "vc-recognition", "governanceUrl", "url" | "trustAnchorEC" |
  "fetchEndpoint"}`; the kiosk reads it into source specs (`sources.TrustSourceSpec`).

Both are plain, unsigned files: their integrity comes from the operator's sha256 pin or from the
https fetch; `docs/trust-lists.md` says what that means.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from trust_lists.loader import TrustListError, parse_instant
from trust_lists.model import TrustedIssuer, TrustList


def parse_json_bytes(source: str, body: bytes) -> Any:
    """Strict JSON (no NaN, no duplicate-key surprises beyond the last one winning).

    Raises:
        TrustListError: "is not valid JSON (line 6, column 90: …)".
    """
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        raise TrustListError(source, "is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise TrustListError(
            source, f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    except (ValueError, RecursionError) as error:
        raise TrustListError(source, "is not valid JSON") from error


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_dcc_legacy(
    data: Any, source: str, name: str = "", governance: str = "", test_only: bool = False
) -> TrustList:
    """A dcc-legacy registry document as a trust list.

    Raises:
        TrustListError: not the dcc-legacy shape, or an entry without a name.
    """
    if not isinstance(data, dict) or not isinstance(data.get("registry"), dict):
        raise TrustListError(source, "is not a DCC registry (no 'registry' object)")
    meta = data.get("meta")
    meta = meta if isinstance(meta, dict) else {}
    updated = _meta_date(meta.get("updated"))
    issuers: dict[str, TrustedIssuer] = {}
    for issuer_id, entry in data["registry"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise TrustListError(source, f"entry {issuer_id[:80]} has no name")
        if not issuer_id or not isinstance(issuer_id, str):
            raise TrustListError(source, "has an entry without an issuer id")
        details = tuple(
            (label, value)
            for label, key in (("legal name", "legalName"), ("location", "location"))
            if isinstance(value := entry.get(key), str) and value
        )
        url = entry.get("url") if isinstance(entry.get("url"), str) else ""
        issuers[issuer_id] = TrustedIssuer(
            id=issuer_id,
            name=entry["name"],
            note=_test_note(entry["name"]),
            url=url or "",
            details=details + ((("web site", url),) if url else ()),
        )
    publisher = f"updated {updated:%Y-%m-%d}" if updated else ""
    return TrustList(
        name=name or "DCC registry",
        publisher=publisher,
        issuers=issuers,
        source=source,
        kind="DCC registry",
        governance=governance,
        test_only=test_only,
    )


def _test_note(name: str) -> str:
    """Registries name their test issuers in words; say so on screen (never trusted more)."""
    lowered = name.casefold()
    return "listed as a test issuer" if "test" in lowered or "sandbox" in lowered else ""


def _meta_date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    # DCC writes "+0000" offsets; fromisoformat in 3.11 accepts them.
    return parse_instant(value)


KNOWN_REGISTRY_KINDS = {"dcc-legacy": "dcc-legacy", "oidf": "oidf", "vc-recognition": "signed-list"}


def parse_known_registries(data: Any, source: str) -> list[dict[str, str]]:
    """The DCC known-registries list as plain source descriptions, in its order:
    `{"kind", "name", "location", "governance"}` (kind "dcc-legacy", "oidf" or "signed-list").

    Raises:
        TrustListError: not a list of registries, or an entry of an unknown type.
    """
    if not isinstance(data, list):
        raise TrustListError(source, "is not a known-registries list (a JSON array)")
    found: list[dict[str, str]] = []
    for position, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise TrustListError(source, f"registry {position} is not an object")
        kind = KNOWN_REGISTRY_KINDS.get(str(entry.get("type")))
        if kind is None:
            raise TrustListError(
                source, f"registry {position} has unknown type {entry.get('type')!r}"
            )
        location = next(
            (
                entry[key]
                for key in ("url", "trustAnchorEC", "fetchEndpoint")
                if isinstance(entry.get(key), str)
            ),
            None,
        )
        name = entry.get("name")
        if location is None or not isinstance(name, str):
            raise TrustListError(source, f"registry {position} needs a name and an address")
        governance = entry.get("governanceUrl")
        found.append(
            {
                "kind": kind,
                "name": name,
                "location": location,
                "governance": governance if isinstance(governance, str) else "",
            }
        )
    return found
