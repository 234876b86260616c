"""Load trust lists in the kiosk's own JSON format (`credential-kiosk-trust-list/1`).

{"format": "credential-kiosk-trust-list/1", "name": "...", "publisher": "...",
 "valid_until": "2027-01-01T00:00:00Z",                     (optional: the list's own end)
 "issuers": [{"id": "did:key:...", "name": "...", "note": "...", "url": "...",
              "valid_from": "2026-01-01T00:00:00Z", "valid_until": null,
              "public_keys": ["z6Mk..."],                     (optional: pinned keys)
              "x509_anchors": ["-----BEGIN CERTIFICATE-----…"]}]}  (optional: SD-JWT x5c roots)
"""

from __future__ import annotations

import json
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trust_lists.model import TrustedIssuer, TrustList

if TYPE_CHECKING:
    from cryptography import x509

FORMAT_ID = "credential-kiosk-trust-list/1"
MAX_TRUST_LIST_BYTES = 8 * 1024 * 1024


class TrustListError(Exception):
    """A trust list that cannot be loaded; `reason` says why in plain words."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def shipped_trust_list_paths() -> tuple[Path, ...]:
    """The lists shipped with the kiosk (`trust_lists/shipped/*.json`)."""
    folder = resources.files("trust_lists").joinpath("shipped")
    return tuple(sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".json")))


def load_trust_list(path: Path) -> TrustList:
    """Read and check one trust list file.

    Raises:
        TrustListError: unreadable, too large, not JSON, wrong format id or a bad entry.
    """
    source = str(path)
    return parse_trust_list(read_list_file(path), source, default_name=path.stem)


def read_list_file(path: Path) -> bytes:
    """The bytes of a list file, refusing one larger than `MAX_TRUST_LIST_BYTES`.

    Raises:
        TrustListError: unreadable or too large.
    """
    try:
        if path.stat().st_size > MAX_TRUST_LIST_BYTES:
            raise TrustListError(str(path), "the file is too large")
        return path.read_bytes()
    except OSError as error:
        raise TrustListError(str(path), f"cannot be read ({error.strerror})") from error


def parse_trust_list(body: bytes, source: str, default_name: str = "") -> TrustList:
    """A format-1 list from its bytes (a file or a fetched copy).

    Raises:
        TrustListError: not JSON, wrong format id or a bad entry.
    """
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise TrustListError(source, "is not valid JSON") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT_ID:
        raise TrustListError(source, f"is not a trust list (format must be {FORMAT_ID})")
    entries = data.get("issuers")
    if not isinstance(entries, list):
        raise TrustListError(source, "has no issuers list")
    issuers: dict[str, TrustedIssuer] = {}
    for position, entry in enumerate(entries, start=1):
        issuer = _issuer(source, position, entry)
        if issuer.id in issuers:
            raise TrustListError(source, f"lists issuer {issuer.id} twice")
        issuers[issuer.id] = issuer
    return TrustList(
        name=_text(data.get("name")) or default_name or source,
        publisher=_text(data.get("publisher")),
        issuers=issuers,
        source=source,
        valid_until=_date(source, 0, data.get("valid_until")),
    )


def _issuer(source: str, position: int, entry: Any) -> TrustedIssuer:
    if not isinstance(entry, dict):
        raise TrustListError(source, f"issuer entry {position} is not an object")
    issuer_id, name = entry.get("id"), entry.get("name")
    if not isinstance(issuer_id, str) or not issuer_id or not isinstance(name, str) or not name:
        raise TrustListError(source, f"issuer entry {position} needs an id and a name")
    return TrustedIssuer(
        id=issuer_id,
        name=name,
        note=_text(entry.get("note")),
        url=_text(entry.get("url")),
        valid_from=_date(source, position, entry.get("valid_from")),
        valid_until=_date(source, position, entry.get("valid_until")),
        x509_anchors=_anchors(source, position, entry.get("x509_anchors", [])),
        public_keys=_public_keys(source, position, entry.get("public_keys")),
    )


def _anchors(source: str, position: int, value: Any) -> tuple[x509.Certificate, ...]:
    """PEM trust anchor certificates for the issuer's x5c chains (SD-JWT VC)."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TrustListError(source, f"issuer entry {position}: x509_anchors must list PEM texts")
    if not value:
        return ()
    from cryptography import x509  # only lists with anchors pay for the X.509 module

    try:
        return tuple(x509.load_pem_x509_certificate(item.encode("ascii")) for item in value)
    except (ValueError, UnicodeEncodeError) as error:
        raise TrustListError(source, f"issuer entry {position} has a bad x509 anchor") from error


def _public_keys(source: str, position: int, value: Any) -> tuple[str, ...]:
    """Pinned keys: Multikey strings ("z6Mk…") or JWK objects (kept as JSON text); the core
    decodes them when it uses them (`kiosk.verification.keys.pinned`)."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 16:
        raise TrustListError(source, f"issuer entry {position}: public_keys must be a short list")
    keys: list[str] = []
    for key in value:
        if isinstance(key, str) and key.startswith("z") and 32 <= len(key) <= 200:
            keys.append(key)
        elif isinstance(key, dict) and isinstance(key.get("kty"), str):
            keys.append(json.dumps(key, sort_keys=True))
        else:
            raise TrustListError(
                source,
                f"issuer entry {position}: a public key must be a Multikey string (z…) or a JWK",
            )
    return tuple(keys)


def parse_instant(value: str) -> datetime | None:
    """An ISO-8601 instant with a time zone ("Z", "+00:00" or "+0000"), else None."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _date(source: str, position: int, value: Any) -> datetime | None:
    if value is None:
        return None
    where = f"issuer entry {position}" if position else "the list"
    parsed = parse_instant(str(value))
    if parsed is None:
        raise TrustListError(source, f"{where} has a bad date {value!r} (needs a time zone)")
    return parsed


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
