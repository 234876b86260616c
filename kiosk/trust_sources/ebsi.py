"""EBSI Trusted Issuers Registry v5 snapshots: issuer records and their accreditation JWTs.

A snapshot is a JSON file the operator keeps (pinned by sha256 or fetched by URL):

    {"format": "credential-kiosk-ebsi-snapshot/1", "taken_at": "2026-11-01T00:00:00Z",
     "issuers": [<GET /issuers/{did} answers>], "dids": {"did:ebsi:…": <DID document>}}

(or a bare issuer record, or an array of them). Each record is `{did, attributes: [{hash, body
(accreditation JWT), issuerType: RootTAO|TAO|TI|Revoked, tao, rootTao}]}`.

Per issuer the kiosk checks, and says on screen, each step:
- `issuerType` Revoked → not trusted (the entry is left out);
- `hash` = SHA-256 of `body`;
- the accreditation's signature, with the accrediting DID's key **when its DID document is in
  the snapshot** — else "signature: not done (did:ebsi resolution is not available offline;
  the DID document of … is not in the snapshot)";
- the accreditation's `exp`; "accredited for" (schema ids and types) shown as details.
The chain above the accrediting TAO (TAO → RootTAO) is followed the same way record by record
where the snapshot holds those records; where it does not, the step is reported "not done".
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from kiosk.trust_sources.documents import Where, obtain
from kiosk.verification.errors import VerificationError
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.suites.jose import verify_compact_jws
from trust_lists import TrustedIssuer, TrustList, TrustListError
from trust_lists.dcc import parse_json_bytes
from trust_lists.loader import parse_instant
from trust_lists.sources import TrustSourceSpec


def load_ebsi(spec: TrustSourceSpec, where: Where) -> TrustList:
    """The issuers of a TIR v5 snapshot (see the module docstring).

    Raises:
        TrustListError: cannot be had, or not a snapshot.
    """
    got = obtain(spec.location, where, spec.sha256)
    data = parse_json_bytes(spec.location, got.body)
    return ebsi_list(data, spec, where.now, got.fetched_at, got.from_cache)


def ebsi_list(
    data: Any,
    spec: TrustSourceSpec,
    now: datetime,
    fetched_at: datetime | None = None,
    from_cache: bool = False,
) -> TrustList:
    """A snapshot document (already parsed) as a trust list."""
    records, dids, taken_at = _snapshot_parts(data, spec.location)
    issuers: dict[str, TrustedIssuer] = {}
    for record in records:
        issuer = _issuer(record, dids, now)
        if issuer is not None:
            issuers[issuer.id] = issuer
    return TrustList(
        name=spec.name or "EBSI Trusted Issuers Registry",
        publisher=f"snapshot taken {taken_at:%Y-%m-%d}" if taken_at else "snapshot",
        issuers=issuers,
        source=spec.location,
        kind="EBSI TIR",
        governance=spec.governance,
        test_only=spec.test_only,
        fetched_at=fetched_at,
        from_cache=from_cache,
    )


def _snapshot_parts(
    data: Any, source: str
) -> tuple[list[dict[str, Any]], dict[str, Any], datetime | None]:
    if isinstance(data, dict) and data.get("format") == "credential-kiosk-ebsi-snapshot/1":
        records, dids = data.get("issuers"), data.get("dids", {})
        taken = data.get("taken_at")
        taken_at = parse_instant(taken) if isinstance(taken, str) else None
    elif isinstance(data, dict) and "did" in data:
        records, dids, taken_at = [data], {}, None
    else:
        records, dids, taken_at = data, {}, None
    if not isinstance(records, list) or not all(
        isinstance(r, dict) and isinstance(r.get("did"), str) for r in records
    ):
        raise TrustListError(source, "is not an EBSI TIR snapshot (issuer records with a did)")
    return records, dids if isinstance(dids, dict) else {}, taken_at


def _issuer(record: dict[str, Any], dids: dict[str, Any], now: datetime) -> TrustedIssuer | None:
    did = record["did"]
    attributes = [a for a in record.get("attributes", []) if isinstance(a, dict)]
    if not attributes or any(a.get("issuerType") == "Revoked" for a in attributes):
        return None
    details: list[tuple[str, str]] = []
    unconfirmed = ""
    latest_end: datetime | None = None
    for attribute in attributes:
        kind = str(attribute.get("issuerType", "?"))
        body = attribute.get("body")
        if not isinstance(body, str):
            details.append((kind, "no accreditation in the record"))
            continue
        if hashlib.sha256(body.encode()).hexdigest() != attribute.get("hash"):
            details.append((kind, "accreditation refused: its hash does not match"))
            continue
        header, claims = _decode(body)
        accreditor = _text(claims.get("iss")) or _text(_object(claims.get("vc")).get("issuer"))
        details.append((f"{kind} accredited by", accreditor or "unknown"))
        step = _signature_step(body, header, accreditor, dids)
        details.append(("signature", step))
        if not step.startswith("verified"):
            unconfirmed = f"the EBSI accreditation signature was {step}"
        exp = claims.get("exp")
        if isinstance(exp, int):
            end = datetime.fromtimestamp(exp, UTC)
            details.append(("accreditation valid until", f"{end:%Y-%m-%d}"))
            latest_end = end if latest_end is None or end > latest_end else latest_end
        subject = _object(_object(claims.get("vc")).get("credentialSubject"))
        for accredited in subject.get("accreditedFor", []) or []:
            if isinstance(accredited, dict):
                types = accredited.get("types")
                shown = (
                    ", ".join(t for t in types if isinstance(t, str))
                    if isinstance(types, list)
                    else ""
                )
                details.append(
                    ("accredited for", f"{shown} (schema {_text(accredited.get('schemaId'))})")
                )
        if root := _text(attribute.get("rootTao")):
            details.append(("root TAO", root))
    return TrustedIssuer(
        id=did,
        name=_text(record.get("name")) or did,
        valid_until=latest_end,
        note="EBSI accredited issuer",
        details=tuple(details),
        unconfirmed=unconfirmed,
    )


def _signature_step(
    body: str, header: dict[str, Any], accreditor: str, dids: dict[str, Any]
) -> str:
    document = dids.get(accreditor)
    if not isinstance(document, dict):
        return (
            "not done (did:ebsi resolution is not available offline; the DID document of "
            f"{accreditor[:60]} is not in the snapshot)"
        )
    kid = _text(header.get("kid"))
    for method in document.get("verificationMethod", []) or []:
        if isinstance(method, dict) and method.get("id") == kid:
            try:
                key = public_key_from_jwk(method.get("publicKeyJwk"))
                verify_compact_jws(body, key, _text(header.get("alg")))
            except VerificationError as error:
                return f"refused ({error})"
            return f"verified with {kid[:80]}"
    return f"not done (key {kid[:60]} is not in the DID document in the snapshot)"


def _decode(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    parts = token.split(".")
    try:
        header, claims = (
            json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))) for p in parts[:2]
        )
    except (ValueError, TypeError):
        return {}, {}
    return _object(header), _object(claims)


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
