"""The key-binding JWT (RFC 9901 §4.3, §7.3): the holder's proof of possession.

The KB-JWT must say it is one (`typ` kb+jwt), be signed — by an algorithm the kiosk's JOSE
policy accepts — with the key the issuer bound into the credential (`cnf.jwk`), cover exactly
this presentation (`sd_hash`, with the SD-JWT's `_sd_alg`), answer the kiosk's challenge
(`nonce`), name the kiosk's domain (`aud`) when one is set, and be fresh (`iat` within
`context.key_binding_max_age`, not in the future beyond the clock skew).

Without a challenge set on the kiosk, a KB-JWT's nonce cannot be known to be fresh: the holder
check is "not done" (possible replay), as for presentations.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from kiosk.verification.context import VerificationContext
from kiosk.verification.errors import UnsupportedError, VerificationError
from kiosk.verification.jwt_credential import JsonObject, read_token
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.plain_text import plain_text
from kiosk.verification.sd_jwt.compact import SdJwtPresentation
from kiosk.verification.sd_jwt.disclosures import digest_of
from kiosk.verification.suites.jose import verify_compact_jws

KB_JWT_TYPE = "kb+jwt"
KEY_PARAMETERS = ("kty", "crv", "x", "y", "n", "e", "d", "p", "k")
"""What of a `cnf.jwk` describes the key (private members kept, so they are refused); members
such as `key_ops`, `ext` or `kid` that wallets add say nothing about the key itself."""


def holder_key(payload: JsonObject) -> Any:
    """The `cnf.jwk` the issuer bound the credential to, or None when it names none."""
    cnf = payload.get("cnf")
    if cnf is None:
        return None
    if not isinstance(cnf, dict):
        raise VerificationError("The credential's cnf claim is not an object.")
    if "jwk" not in cnf:
        raise UnsupportedError(
            "The credential binds its holder by a key reference (not cnf.jwk) the kiosk "
            "cannot look up."
        )
    jwk = cnf["jwk"]
    if not isinstance(jwk, dict):
        raise VerificationError("The credential's cnf.jwk is not a JSON Web Key.")
    return {name: jwk[name] for name in KEY_PARAMETERS if name in jwk}


def check_key_binding(
    presentation: SdJwtPresentation,
    hash_function: Callable[[bytes], Any],
    context: VerificationContext,
) -> CheckResult:
    """The holder check for a presentation with a KB-JWT (see the module docstring)."""
    token = presentation.key_binding_jwt
    assert token is not None
    try:
        header, claims = read_token(token)
    except VerificationError as error:
        return CheckResult.failed(CheckId.HOLDER, f"The key-binding token: {error.description}")
    if header.get("typ") != KB_JWT_TYPE:
        return CheckResult.failed(
            CheckId.HOLDER, "The key-binding token does not declare itself one (typ kb+jwt)."
        )
    try:
        jwk = holder_key(presentation.payload)
        if jwk is None:
            return CheckResult.failed(
                CheckId.HOLDER,
                "The presentation has a key-binding token but the credential binds no holder key.",
            )
        verify_compact_jws(token, public_key_from_jwk(jwk), str(header.get("alg")))
    except UnsupportedError as error:
        return CheckResult.not_done(CheckId.HOLDER, error.description)
    except VerificationError as error:
        return CheckResult.failed(
            CheckId.HOLDER, f"The holder's key-binding signature: {error.description}"
        )
    expected = digest_of(presentation.sd_hash_input, hash_function)
    if claims.get("sd_hash") != expected:
        return CheckResult.failed(
            CheckId.HOLDER,
            "The key-binding token was made for another presentation (sd_hash differs): "
            "disclosures were added, removed or changed.",
        )
    return _freshness(claims, context)


def _freshness(claims: JsonObject, context: VerificationContext) -> CheckResult:
    nonce, audience = claims.get("nonce"), claims.get("aud")
    if not isinstance(nonce, str) or not isinstance(audience, str):
        return CheckResult.failed(
            CheckId.HOLDER, "The key-binding token lacks its nonce or audience."
        )
    issued = _instant(claims.get("iat"))
    if issued is None:
        return CheckResult.failed(CheckId.HOLDER, "The key-binding token has no valid iat time.")
    if context.challenge is not None and nonce != context.challenge:
        return CheckResult.failed(
            CheckId.HOLDER,
            "The presentation does not answer this kiosk's challenge: it may be a replay.",
        )
    if context.domain is not None and audience != context.domain:
        return CheckResult.failed(
            CheckId.HOLDER, "The presentation was made for another verifier (wrong audience)."
        )
    if issued > context.now + context.clock_skew:
        return CheckResult.failed(CheckId.HOLDER, "The key-binding token is dated in the future.")
    if context.now - issued > context.key_binding_max_age + context.clock_skew:
        return CheckResult.failed(
            CheckId.HOLDER,
            "The key-binding token is stale (made "
            f"{issued:%Y-%m-%d %H:%M} UTC): it may be a replay.",
        )
    details = (f"audience: {plain_text(audience, limit=80)}",)
    if context.challenge is None:
        return CheckResult.not_done(
            CheckId.HOLDER,
            "Possible replay: the presentation answers a challenge this kiosk did not issue.",
            f"nonce: {plain_text(nonce, limit=80)}",
            *details,
        )
    return CheckResult.passed(
        CheckId.HOLDER,
        "The holder proved possession of the credential's key for this kiosk's challenge.",
        *details,
    )


def _instant(value: Any) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 2**35:
        return None
    return datetime.fromtimestamp(int(value), UTC)
