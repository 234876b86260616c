"""Building SD-JWT VCs for the tests: real keys, real signatures, disclosures and KB-JWTs.

Keys are P-256 (ES256) made deterministically from a label. The default issuer is a did:jwk
(no network); other tests swap in an https issuer (JWT VC issuer metadata) or an x5c chain.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from tests.helpers import NOW
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

CHALLENGE = "kiosk-challenge-7f3a"
DOMAIN = "https://kiosk.example"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def p256_key(label: str) -> ec.EllipticCurvePrivateKey:
    secret = int.from_bytes(hashlib.sha256(f"sd-jwt test key {label}".encode()).digest(), "big")
    return ec.derive_private_key(secret % (2**255), ec.SECP256R1())


def public_jwk(key: ec.EllipticCurvePrivateKey) -> dict[str, str]:
    numbers = key.public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64(numbers.x.to_bytes(32, "big")),
        "y": b64(numbers.y.to_bytes(32, "big")),
    }


def did_jwk(key: ec.EllipticCurvePrivateKey) -> str:
    return "did:jwk:" + b64(json.dumps(public_jwk(key), separators=(",", ":")).encode())


def sign_jwt(
    header: dict[str, Any], payload: dict[str, Any], key: ec.EllipticCurvePrivateKey
) -> str:
    """A compact JWS, ES256 (raw r||s)."""
    signing_input = (
        b64(json.dumps(header).encode()) + "." + b64(json.dumps(payload).encode())
    ).encode("ascii")
    r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    return signing_input.decode() + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def disclosure(*content: Any) -> str:
    """`disclosure(salt, name, value)` or `disclosure(salt, value)` (array element)."""
    return b64(json.dumps(list(content)).encode())


def digest(text: str, algorithm: str = "sha256") -> str:
    return b64(hashlib.new(algorithm, text.encode("ascii")).digest())


ISSUER_KEY = p256_key("issuer")
HOLDER_KEY = p256_key("holder")
ISSUER = did_jwk(ISSUER_KEY)


@dataclass
class SdJwtVc:
    """An issued SD-JWT VC: what the issuer signed and the disclosures it handed the holder."""

    header: dict[str, Any]
    payload: dict[str, Any]
    disclosures: list[str]
    key: ec.EllipticCurvePrivateKey = ISSUER_KEY
    jwt: str = field(init=False)

    def __post_init__(self) -> None:
        self.jwt = sign_jwt(self.header, self.payload, self.key)

    def present(
        self,
        disclosures: list[str] | None = None,
        *,
        bind: bool = True,
        nonce: str = CHALLENGE,
        aud: str = DOMAIN,
        iat: datetime = NOW,
        holder: ec.EllipticCurvePrivateKey = HOLDER_KEY,
        kb_header: dict[str, Any] | None = None,
        sd_hash: str | None = None,
    ) -> str:
        chosen = self.disclosures if disclosures is None else disclosures
        head = "~".join([self.jwt, *chosen]) + "~"
        if not bind:
            return head
        claims = {
            "nonce": nonce,
            "aud": aud,
            "iat": int(iat.timestamp()),
            "sd_hash": sd_hash if sd_hash is not None else digest(head),
        }
        return head + sign_jwt(kb_header or {"alg": "ES256", "typ": "kb+jwt"}, claims, holder)


def issue(
    *,
    extra_payload: dict[str, Any] | None = None,
    header: dict[str, Any] | None = None,
    key: ec.EllipticCurvePrivateKey = ISSUER_KEY,
    issuer: str = ISSUER,
    kid: str | None = "#0",
) -> SdJwtVc:
    """A diploma-like SD-JWT VC: given/family name and degree disclosed, a nationality array
    element disclosed, an address with a recursively disclosed locality, and two decoys."""
    given = disclosure("salt-given", "given_name", "Alex")
    family = disclosure("salt-family", "family_name", "Martin")
    locality = disclosure("salt-locality", "locality", "Utrecht")
    address = disclosure("salt-address", "address", {"_sd": [digest(locality)], "country": "NL"})
    nationality = disclosure("salt-nat", "NL")
    degree = disclosure("salt-degree", "degree", "MSc Applied Physics")
    payload: dict[str, Any] = {
        "iss": issuer,
        "iat": int(NOW.timestamp()) - 86400 * 30,
        "nbf": int(NOW.timestamp()) - 86400 * 30,
        "exp": int(NOW.timestamp()) + 86400 * 365,
        "vct": "https://credentials.kiosk.test/diploma",
        "_sd_alg": "sha-256",
        "_sd": sorted(
            [digest(given), digest(family), digest(address), digest(degree), digest("decoy-1")]
        ),
        "nationalities": [{"...": digest(nationality)}, {"...": digest("decoy-2")}],
        "cnf": {"jwk": public_jwk(HOLDER_KEY)},
        **(extra_payload or {}),
    }
    full_header = {"alg": "ES256", "typ": "dc+sd-jwt", **({"kid": kid} if kid else {})}
    full_header.update(header or {})
    return SdJwtVc(
        full_header, payload, [given, family, address, locality, nationality, degree], key
    )


def context(
    *,
    trusted: dict[str, TrustedIssuer] | None = None,
    now: datetime = NOW,
    challenge: str | None = CHALLENGE,
    domain: str | None = DOMAIN,
    **kwargs: Any,
) -> VerificationContext:
    """A context trusting the default issuer (or `trusted`), with the kiosk's challenge/domain."""
    issuers = trusted if trusted is not None else {ISSUER: TrustedIssuer(ISSUER, "Test University")}
    return VerificationContext(
        now=now,
        trust=TrustRegistry((TrustList("Test list", "tests", issuers, "tests"),)),
        contexts=bundled_contexts(),
        challenge=challenge,
        domain=domain,
        **kwargs,
    )
