"""Helpers for trust-source tests: fixture paths, a `Where` with no network, ES256 signing of
OpenID Federation statements (the tests' own anchor key), and spec shortcuts."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from kiosk.trust_sources import Where
from tests.helpers import NOW

TRUST_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "trust"


def offline(now: datetime = NOW) -> Where:
    """No network, no cache: files only."""
    return Where(None, None, now)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def anchor_key(label: str = "anchor") -> ec.EllipticCurvePrivateKey:
    """A deterministic P-256 key for a test trust anchor."""
    secret = int.from_bytes(label.encode().ljust(32, b"k")[:32], "big") % (2**255)
    return ec.derive_private_key(secret or 1, ec.SECP256R1())


def jwks_of(key: ec.EllipticCurvePrivateKey, kid: str) -> dict[str, Any]:
    numbers = key.public_key().public_numbers()
    return {
        "keys": [
            {
                "kty": "EC",
                "crv": "P-256",
                "kid": kid,
                "x": b64url(numbers.x.to_bytes(32, "big")),
                "y": b64url(numbers.y.to_bytes(32, "big")),
            }
        ]
    }


def sign_statement(
    claims: dict[str, Any],
    key: ec.EllipticCurvePrivateKey,
    kid: str,
    typ: str = "entity-statement+jwt",
) -> str:
    """A compact ES256 JWS, as an OIDF registry signs its statements."""
    header = {"alg": "ES256", "typ": typ, "kid": kid}
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
    der = key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value), "utf-8")
    return path
