"""Credentials secured as compact JWS: VC-JWT (VC 1.1, `vc` claim) and VC-JOSE (`vc+jwt`).

The token's claims and the credential must agree (VC 1.1 §6.3.1 mapping): `iss` ↔ issuer,
`nbf` ↔ issuanceDate, `exp` ↔ expirationDate, `jti` ↔ id, `sub` ↔ credentialSubject.id. A
disagreement is a malformed credential, not a choice between two values. JSON-LD processing is not
needed for the signature (the JWS signs the exact bytes), so no term can be silently dropped.

Reading the token itself (three base64url parts, strict JSON header and claims) is
`payloads.jws`; this module keeps only what the claims mean.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kiosk.verification.credential import (
    VC_V1_CONTEXT,
    FormatError,
    ParsedCredential,
    parse_datetime,
    recognise,
)
from kiosk.verification.errors import UnsupportedError
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.suites.jose import JOSE_PROOF_TYPE
from payloads.jws import JwsFormatError, read_compact_jws

JsonObject = dict[str, Any]
CREDENTIAL_TYPES = {"vc+jwt", "vc+ld+jwt"}
PRESENTATION_TYPES = {"vp+jwt", "vp+ld+jwt"}


def read_token(token: str) -> tuple[JsonObject, JsonObject]:
    """The header and payload of a compact JWS (not yet verified), read by `payloads.jws`."""
    try:
        read = read_compact_jws(token)
    except JwsFormatError as error:
        raise FormatError(error.description) from error
    header, payload = read.header, read.claims
    if "crit" in header:
        raise FormatError("The token requires extensions this kiosk does not understand (crit).")
    return header, payload


def is_presentation_token(header: JsonObject, payload: JsonObject) -> bool:
    typ = header.get("typ")  # any JSON value: a list or an object must not reach a set lookup
    return (isinstance(typ, str) and typ in PRESENTATION_TYPES) or "vp" in payload


def presentation_from_token(token: str) -> tuple[JsonObject, JsonObject]:
    """A JWT presentation as (presentation document, holder proof entry).

    VC 1.1 (`vp` claim, typ JWT): `iss` is the holder, `nonce` the challenge, `aud` the domain.
    VC 2.0 (typ vp+jwt): the payload is the presentation; `nonce`/`aud` may carry the same.
    """
    header, payload = read_token(token)
    typ = header.get("typ")
    if "vp" in payload:
        if not isinstance(typ, str) or typ.upper() != "JWT":
            raise FormatError("The token does not declare itself a presentation JWT (typ JWT).")
        document = payload["vp"]
        if not isinstance(document, dict):
            raise FormatError("The token's vp claim is not a presentation.")
        document = dict(document)
        _agree_or_set(document, "holder", payload.get("iss"), "iss")
    else:
        if not isinstance(typ, str) or typ not in PRESENTATION_TYPES:
            raise FormatError("The token does not declare itself a presentation (typ vp+jwt).")
        document = {k: v for k, v in payload.items() if k not in {"iss", "aud", "nonce", "iat"}}
        _agree_or_set(document, "holder", payload.get("iss"), "iss")
    if "proof" in document:
        raise FormatError("The token's presentation also carries an embedded proof.")
    holder = document.get("holder")
    holder_id = holder.get("id") if isinstance(holder, dict) else holder
    kid = header.get("kid")
    if isinstance(kid, str) and kid.startswith("#") and isinstance(holder_id, str):
        kid = holder_id + kid
    if kid is None and isinstance(holder_id, str) and holder_id.startswith("did:key:"):
        kid = holder_id
    if not isinstance(kid, str) or not kid:
        raise UnsupportedError("The token does not say which key signed it (no kid).")
    audience = payload.get("aud")
    proof: JsonObject = {
        "type": JOSE_PROOF_TYPE,
        "verificationMethod": kid,
        "proofPurpose": "authentication",
        "alg": header.get("alg"),
        "jws": token,
    }
    if "nonce" in payload:
        proof["challenge"] = payload["nonce"]
    if isinstance(audience, str):
        proof["domain"] = audience
    return document, proof


def recognise_jwt(
    token: str, canonicalizer: Canonicalizer, read: tuple[JsonObject, JsonObject] | None = None
) -> ParsedCredential:
    """Parse a compact JWS holding a credential (not yet verified); `read` is its header and
    payload when the caller has already read them. Its credential is read like any other: from
    the JSON-LD graph of the payload (which must expand with the bundled contexts)."""
    header, payload = read if read is not None else read_token(token)
    typ = header.get("typ")
    if is_presentation_token(header, payload):
        raise FormatError("It is a presentation, not a credential.")
    # Explicit typing (RFC 8725 §3.11): a token must say what it is, so one kind of token
    # cannot be passed off as another.
    if "vc" in payload:
        if not isinstance(typ, str) or typ.upper() != "JWT":
            raise FormatError("The token does not declare itself a credential JWT (typ JWT).")
        document, label = _from_vc_claim(payload), "VC-JWT"
    elif "@context" in payload:
        if not isinstance(typ, str) or typ not in CREDENTIAL_TYPES:
            raise FormatError("The token does not declare itself a credential (typ vc+jwt).")
        document, label = _from_jose_payload(header, payload), "VC-JOSE"
    else:
        raise FormatError("The token does not hold a verifiable credential.")
    if "proof" in document:
        raise FormatError("The token's credential also carries an embedded proof.")
    parsed = recognise(document, canonicalizer)
    kid = header.get("kid")
    if isinstance(kid, str) and kid.startswith("#"):
        kid = parsed.issuer_id + kid
    if kid is None and parsed.issuer_id.startswith("did:key:"):
        kid = parsed.issuer_id  # a did:key has exactly one key
    if not isinstance(kid, str) or not kid:
        raise UnsupportedError("The token does not say which key signed it (no kid).")
    proof: JsonObject = {
        "type": JOSE_PROOF_TYPE,
        "verificationMethod": kid,
        "proofPurpose": "assertionMethod",
        "alg": header.get("alg"),
        "jws": token,
    }
    return ParsedCredential(
        document=document,
        vc_version=parsed.vc_version,
        label=f"{parsed.label.removesuffix(')')}, {label})",
        issuer_id=parsed.issuer_id,
        proofs=(proof,),
        valid_from=parsed.valid_from,
        valid_until=parsed.valid_until,
        issued=parsed.issued,
        needs_json_ld=False,
        graph=parsed.graph,
    )


def _from_vc_claim(payload: JsonObject) -> JsonObject:
    """VC 1.1 JWT: the `vc` claim plus the registered claims, which must agree with it."""
    vc = payload["vc"]
    if not isinstance(vc, dict):
        raise FormatError("The token's vc claim is not a credential.")
    document = dict(vc)
    _agree_or_set(document, "issuer", payload.get("iss"), "iss")
    _agree_or_set(document, "id", payload.get("jti"), "jti")
    for claim, field in (("nbf", "issuanceDate"), ("exp", "expirationDate")):
        if claim in payload:
            _agree_or_set(document, field, _instant(payload[claim], claim), claim)
    if "sub" in payload:
        subject = document.get("credentialSubject")
        if not isinstance(subject, dict):
            raise FormatError("The token's credentialSubject is not an object.")
        subject = dict(subject)
        _agree_or_set(subject, "id", payload["sub"], "sub")
        document["credentialSubject"] = subject
    if document.get("@context", [None])[0] != VC_V1_CONTEXT:
        raise FormatError("A VC-JWT must hold a VC 1.1 credential.")
    return document


def _from_jose_payload(header: JsonObject, payload: JsonObject) -> JsonObject:
    """VC-JOSE (VC 2.0): the payload is the credential; `iss` (if any) must be its issuer."""
    for name, value in (("header iss", header.get("iss")), ("iss", payload.get("iss"))):
        if value is not None and value != _issuer_id(payload.get("issuer")):
            raise FormatError(f"The token's {name} and the credential's issuer disagree.")
    return {k: v for k, v in payload.items() if k not in {"iss", "nbf", "exp", "iat", "jti"}} | (
        {} if not {"nbf", "exp"} & payload.keys() else _checked_times(payload)
    )


def _checked_times(payload: JsonObject) -> JsonObject:
    """nbf/exp in a VC-JOSE token must not widen the credential's own validity period."""
    for claim, field in (("nbf", "validFrom"), ("exp", "validUntil")):
        if (
            claim in payload
            and field in payload
            and parse_datetime(payload[field]) != parse_datetime(_instant(payload[claim], claim))
        ):
            raise FormatError(f"The token's {claim} and the credential's {field} disagree.")
    extra: JsonObject = {}
    if "exp" in payload and "validUntil" not in payload:
        extra["validUntil"] = _instant(payload["exp"], "exp")
    if "nbf" in payload and "validFrom" not in payload:
        extra["validFrom"] = _instant(payload["nbf"], "nbf")
    return extra


def _agree_or_set(target: JsonObject, field: str, claim_value: Any, claim: str) -> None:
    if claim_value is None:
        return
    current = target.get(field)
    if current is None:
        target[field] = claim_value
        return
    same = (
        parse_datetime(current) == parse_datetime(claim_value)
        if field in {"issuanceDate", "expirationDate"}
        else _issuer_id(current) == claim_value
    )
    if not same:
        raise FormatError(f"The token's {claim} and the credential's {field} disagree.")


def _issuer_id(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def _instant(value: Any, claim: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 2**35:
        raise FormatError(f"The token's {claim} claim is not a valid time.")
    return datetime.fromtimestamp(int(value), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
