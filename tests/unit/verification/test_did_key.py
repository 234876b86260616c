"""did:key resolution to the right keys (W3C CCG did:key examples and our own keys)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification.errors import KeyResolutionError, VerificationError
from kiosk.verification.keys.did_key import resolve_did_key
from kiosk.verification.keys.public_key import KeyType
from kiosk.verification.suites.signing import did_key_for
from tests.helpers import make_key


def test_own_ed25519_key_round_trips() -> None:
    key = make_key()
    did = did_key_for(key)
    method = resolve_did_key(did)
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert method.public_key.key.public_bytes(Encoding.Raw, PublicFormat.Raw) == raw
    assert method.controller == did and method.id == f"{did}#{did[8:]}"
    assert "assertionMethod" in method.purposes


@pytest.mark.parametrize(
    ("did", "key_type"),
    [
        ("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", KeyType.ED25519),
        ("did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169", KeyType.P256),
        (
            "did:key:z82Lm1MpAkeJcix9K8TMiLd5NMAhnwkjjCBeWHXyu3U4oT2MVJJKXkcVBgjGhnLBn2Kaau9",
            KeyType.P384,
        ),
        ("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", KeyType.SECP256K1),
    ],
)
def test_w3c_did_key_examples_resolve_to_their_key_types(did: str, key_type: KeyType) -> None:
    assert resolve_did_key(did).public_key.key_type is key_type


def test_fragment_naming_another_key_is_refused() -> None:
    did = did_key_for(make_key())
    with pytest.raises(KeyResolutionError):
        resolve_did_key(f"{did}#z6MkSomethingElse")


@pytest.mark.parametrize(
    "bad", ["did:key:", "did:key:abc", "did:key:z", "did:web:x", "did:key:z111"]
)
def test_malformed_did_keys_are_refused(bad: str) -> None:
    with pytest.raises(VerificationError):
        resolve_did_key(bad)
