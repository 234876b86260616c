"""OpenID Federation registries (as the DCC and Credential Engine run them), every JWS verified
against trust anchor keys the operator pins.

1. The anchor's entity configuration (`…/.well-known/openid-federation`, a JWS): signed by a
   pinned key (matched by `kid`), `iss` = `sub`, `exp` honoured (past it the registry is not
   used: "the list … expired on …"); it names the `federation_fetch_endpoint`.
2. For each issuer, at verification time: `GET <fetch endpoint>?sub=<issuer id>` → a
   subordinate statement, signed by a pinned key, `iss` = the anchor, `sub` = exactly the issuer
   id, `exp` in the future. 404/410: not a member. Fetched copies are cached (offline use, with
   "as of").
3. What the statement says is shown as text, never fetched: organisation name (the trusted name),
   legal name, homepage, logo URL, policy URL, Credential Engine CTID, ROR id.

DCC's own verifier only decodes these tokens; the kiosk refuses any it cannot verify.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kiosk.trust_sources.documents import SourceGone, Where, obtain
from kiosk.verification.errors import VerificationError
from kiosk.verification.jwt_credential import read_token
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.keys.public_key import PublicKey
from kiosk.verification.suites.jose import verify_compact_jws
from trust_lists import TrustListError
from trust_lists.dcc import parse_json_bytes
from trust_lists.loader import read_list_file
from trust_lists.model import LookupUnavailable, TrustedIssuer, TrustList
from trust_lists.sources import TrustSourceSpec

STATEMENT_TYPE = "entity-statement+jwt"


class StatementError(Exception):
    """An entity statement that must not be used; the message says why."""


def pinned_keys(path: str) -> dict[str, tuple[PublicKey, str]]:
    """The pinned anchor keys from a JWKS file: kid → (key, alg hint).

    Raises:
        TrustListError: unreadable, not a JWKS, or a key that cannot be used.
    """
    try:
        data = json.loads(read_list_file(Path(path)))
    except ValueError as error:
        raise TrustListError(path, "is not a JSON key set") from error
    keys = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(keys, list) or not keys:
        raise TrustListError(path, 'holds no keys (a JWKS: {"keys": [...]})')
    pinned: dict[str, tuple[PublicKey, str]] = {}
    for jwk in keys:
        kid = jwk.get("kid") if isinstance(jwk, dict) else None
        if not isinstance(kid, str) or not kid:
            raise TrustListError(path, "has a key without a kid")
        try:
            pinned[kid] = (public_key_from_jwk(jwk), str(jwk.get("alg", "")))
        except VerificationError as error:
            raise TrustListError(path, f"key {kid[:40]}: {error}") from error
    return pinned


def verify_statement(
    token: str, keys: dict[str, tuple[PublicKey, str]], now: datetime, check_exp: bool = True
) -> dict[str, Any]:
    """The claims of an entity statement signed by one of `keys`.

    Raises:
        StatementError: malformed, wrong type, unknown key, bad signature, or past `exp`.
    """
    try:
        header, claims = read_token(token.strip())
    except VerificationError as error:
        raise StatementError(str(error)) from error
    if header.get("typ") != STATEMENT_TYPE:
        raise StatementError(f"it is not an entity statement (typ {str(header.get('typ'))[:40]})")
    kid = header.get("kid")
    if not isinstance(kid, str) or kid not in keys:
        raise StatementError(f"it is signed with key {str(kid)[:60]!r}, not a pinned anchor key")
    key, _alg = keys[kid]
    try:
        verify_compact_jws(token.strip(), key, str(header.get("alg")))
    except VerificationError as error:
        raise StatementError(f"its signature does not verify ({error})") from error
    exp = claims.get("exp")
    if not isinstance(exp, int) or isinstance(exp, bool):
        raise StatementError("it has no numeric expiry (exp)")
    if check_exp and datetime.fromtimestamp(exp, UTC) <= now:
        raise StatementError(f"it expired on {datetime.fromtimestamp(exp, UTC):%Y-%m-%d %H:%M} UTC")
    return claims


def load_oidf(spec: TrustSourceSpec, where: Where) -> TrustList:
    """The registry as a per-issuer source (its `lookup` asks the fetch endpoint).

    Raises:
        TrustListError: no pinned keys, the entity configuration cannot be had or verified.
    """
    keys = pinned_keys(spec.anchor_jwks)
    got = obtain(spec.location, where, spec.sha256)
    try:
        claims = verify_statement(got.body.decode("ascii", "replace"), keys, where.now, False)
    except StatementError as error:
        raise TrustListError(spec.location, f"entity configuration refused: {error}") from error
    anchor = claims.get("iss")
    if not isinstance(anchor, str) or claims.get("sub") != anchor:
        raise TrustListError(spec.location, "entity configuration refused: iss and sub differ")
    federation = _object(_object(claims.get("metadata")).get("federation_entity"))
    endpoint = federation.get("federation_fetch_endpoint")
    if not isinstance(endpoint, str) or not endpoint.startswith("https://"):
        raise TrustListError(spec.location, "the registry names no https fetch endpoint")
    org = federation.get("organization_name")

    def lookup(issuer_id: str) -> TrustedIssuer | None:
        return _subordinate(issuer_id, endpoint, anchor, keys, where, spec.name or anchor)

    return TrustList(
        name=spec.name or (org if isinstance(org, str) else anchor),
        publisher=org if isinstance(org, str) else anchor,
        issuers={},
        source=spec.location,
        kind="OpenID Federation",
        governance=spec.governance or _text(federation.get("policy_uri")),
        test_only=spec.test_only,
        valid_until=datetime.fromtimestamp(int(claims["exp"]), UTC),
        fetched_at=got.fetched_at,
        from_cache=got.from_cache,
        signed_by="anchor key " + ", ".join(sorted(keys)),
        lookup=lookup,
        member_listing=_https(federation.get("federation_list_endpoint")),
    )


MAX_MEMBERS = 2000
"""Members whose statements `save_member_statements` fetches at most, per registry."""


def save_member_statements(source: TrustList, where: Where) -> tuple[int, list[str]]:
    """Fetch the registry's member listing and every member's statement (each verified and
    cached, for offline use). Returns (statements saved, problems).

    Raises:
        TrustListError: the listing cannot be had or is not a list of ids.
    """
    if source.lookup is None or not source.member_listing:
        return 0, []
    got = obtain(source.member_listing, where)
    members = parse_json_bytes(source.member_listing, got.body)
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise TrustListError(source.member_listing, "is not a list of member ids")
    saved, problems = 0, []
    for member in members[:MAX_MEMBERS]:
        try:
            if source.lookup(member) is not None:
                saved += 1
            else:
                problems.append(f"{member[:80]}: the registry has no statement about it")
        except LookupUnavailable as error:
            problems.append(f"{member[:80]}: {error.reason}")
    return saved, problems


def _https(value: Any) -> str:
    return value if isinstance(value, str) and value.startswith("https://") else ""


def _subordinate(
    issuer_id: str,
    endpoint: str,
    anchor: str,
    keys: dict[str, tuple[PublicKey, str]],
    where: Where,
    registry: str,
) -> TrustedIssuer | None:
    url = f"{endpoint}?sub={quote(issuer_id, safe=':')}"
    try:
        got = obtain(url, where)
    except SourceGone:
        return None  # the registry says: not a member
    except TrustListError as error:
        raise LookupUnavailable(f"{registry}: {error.reason}") from error
    try:
        claims = verify_statement(got.body.decode("ascii", "replace"), keys, where.now)
    except StatementError as error:
        raise LookupUnavailable(f"{registry}: the statement about this issuer {error}") from error
    if claims.get("iss") != anchor or claims.get("sub") != issuer_id:
        raise LookupUnavailable(f"{registry}: the statement is about another entity")
    return issuer_from_statement(claims, got.as_of)


def issuer_from_statement(claims: dict[str, Any], as_of: str = "") -> TrustedIssuer:
    """The trusted issuer a verified subordinate statement describes."""
    metadata = _object(claims.get("metadata"))
    federation = _object(metadata.get("federation_entity"))
    details: list[tuple[str, str]] = []
    extra = (
        ("legal name", _object(metadata.get("institution_additional_information")), "legal_name"),
        ("homepage", federation, "homepage_uri"),
        ("logo", federation, "logo_uri"),
        ("policy", federation, "policy_uri"),
        ("Credential Engine CTID", _object(metadata.get("credential_registry_entity")), "ctid"),
        ("ROR id", _object(metadata.get("ror_entity")), "rorid"),
    )
    for label, holder, key in extra:
        if text := _text(holder.get(key)):
            if label == "logo" and text.startswith("data:"):
                text = "an embedded image (not shown)"
            details.append((label, text))
    if as_of:
        details.append(("registry answer", as_of))
    issuer_id = str(claims.get("sub"))
    return TrustedIssuer(
        id=issuer_id,
        name=_text(federation.get("organization_name")) or issuer_id,
        url=_text(federation.get("homepage_uri")),
        valid_until=datetime.fromtimestamp(int(claims["exp"]), UTC),
        details=tuple(details),
    )


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
