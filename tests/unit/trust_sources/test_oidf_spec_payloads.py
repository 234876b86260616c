"""The OpenID Federation payloads in `../shared/vectors/openid-federation/` (spec figures and
IT-Wallet examples, decoded and unsigned as published): each is signed here with the tests' own
anchor key and read back through the kiosk's statement checks — at an instant inside its
iat/exp window it is accepted and read, after its exp it is refused, and signed by another
key it is refused. Examples that are not valid JSON as published are refused with a reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from kiosk.trust_sources.oidf import StatementError, issuer_from_statement, verify_statement
from kiosk.verification.keys.jwk import public_key_from_jwk
from kiosk.verification.keys.public_key import PublicKey
from tests.conftest import shared_vectors
from tests.unit.trust_sources.support import anchor_key, jwks_of, sign_statement
from trust_lists import TrustListError
from trust_lists.dcc import parse_json_bytes

KID = "spec-anchor"


def pinned() -> dict[str, tuple[PublicKey, str]]:
    (jwk,) = jwks_of(anchor_key("spec"), KID)["keys"]
    return {KID: (public_key_from_jwk(jwk), "ES256")}


def test_every_spec_statement_is_accepted_in_its_window_and_refused_after_it() -> None:
    folder = shared_vectors() / "openid-federation"
    read = 0
    for path in sorted((folder / "spec-figures").glob("entity*.json")):
        claims = json.loads(path.read_text())
        token = sign_statement(claims, anchor_key("spec"), KID)
        inside = datetime.fromtimestamp(claims["iat"] + 60, UTC)
        accepted = verify_statement(token, pinned(), inside)
        assert accepted == claims
        issuer = issuer_from_statement(accepted)
        federation = claims.get("metadata", {}).get("federation_entity", {})
        assert issuer.id == claims["sub"]
        assert issuer.name == federation.get("organization_name", claims["sub"])
        after = datetime.fromtimestamp(claims["exp"] + 1, UTC)
        with pytest.raises(StatementError, match="expired on"):
            verify_statement(token, pinned(), after)
        rogue = sign_statement(claims, anchor_key("rogue"), KID)
        with pytest.raises(StatementError, match="signature does not verify"):
            verify_statement(rogue, pinned(), inside)
        read += 1
    assert read == 15


def test_it_wallet_examples_read_or_are_refused_as_published() -> None:
    folder = shared_vectors() / "openid-federation" / "it-wallet"
    outcomes = {}
    for path in sorted(folder.glob("*.json")):
        try:
            outcomes[path.name] = parse_json_bytes(path.name, path.read_bytes())
        except TrustListError as error:
            outcomes[path.name] = error.reason
    refused = {k for k, v in outcomes.items() if isinstance(v, str)}
    assert refused == {
        "oidfed-ec-leaf-wallet-provider.json",
        "oidfed-ss-ta-leaf-wallet-provider.json",
    }
    assert all("is not valid JSON (line" in outcomes[name] for name in refused)
    anchor = outcomes["oidfed-ec-federation-ta.json"]
    token = sign_statement(anchor, anchor_key("spec"), KID)
    inside = datetime.fromtimestamp(anchor["iat"] + 60, UTC)
    claims = verify_statement(token, pinned(), inside)
    assert claims["iss"] == claims["sub"]
