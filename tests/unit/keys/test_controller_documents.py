"""Reading keys out of controller documents and issuer profiles (no network): the CID rules,
real DID documents and issuer profiles from other projects, and Blockcerts key windows."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification.errors import KeyResolutionError, UnsupportedError
from kiosk.verification.keys.controller_document import ControllerDocument
from kiosk.verification.keys.issuer_profile import read_issuer_profile
from kiosk.verification.keys.multibase import base58btc_encode
from kiosk.verification.keys.public_key import KeyType
from tests.conftest import shared_vectors
from tests.helpers import NOW
from tests.unit.keys.issuers import KEY, controller_document, multikey

DID = "did:web:issuer.kiosk.test"


def parse(document: dict[str, Any], identifier: str = DID) -> ControllerDocument:
    return ControllerDocument.parse(document, identifier, "the test document")


def test_relative_method_ids_and_references_resolve_against_the_document() -> None:
    document = {
        "id": DID,
        "verificationMethod": [
            {
                "id": "#key-1",
                "type": "Multikey",
                "controller": DID,
                "publicKeyMultibase": multikey(KEY),
            }
        ],
        "assertionMethod": ["#key-1"],
    }
    method = parse(document).method(f"{DID}#key-1", NOW)
    assert method.id == f"{DID}#key-1" and method.purposes == frozenset({"assertionMethod"})


def test_a_method_embedded_only_in_a_relationship_is_found() -> None:
    document = {
        "id": DID,
        "assertionMethod": [
            {
                "id": f"{DID}#k",
                "type": "Multikey",
                "controller": DID,
                "publicKeyMultibase": multikey(KEY),
            }
        ],
    }
    assert parse(document).method(f"{DID}#k", NOW).purposes == frozenset({"assertionMethod"})


def test_an_ed25519_2018_base58_key_is_read() -> None:
    raw = KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    document = controller_document(DID)
    method = document["verificationMethod"][0]
    del method["publicKeyMultibase"]
    method.update(type="Ed25519VerificationKey2018", publicKeyBase58=base58btc_encode(raw))
    assert parse(document).method(f"{DID}#key-1", NOW).public_key.key_type is KeyType.ED25519


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"publicKeyJwk": {"kty": "OKP"}}, KeyResolutionError, "more than one form"),
        ({"publicKeyMultibase": None, "publicKeyHex": "00"}, UnsupportedError, "publicKeyHex"),
        ({"publicKeyMultibase": None}, KeyResolutionError, "carries no public key"),
        ({"controller": None}, KeyResolutionError, "names another controller"),
        ({"revoked": "yesterday"}, KeyResolutionError, "cannot be read"),
        ({"expires": "2026-01-01T00:00:00"}, KeyResolutionError, "cannot be read"),
    ],
)
def test_malformed_methods_are_refused(
    change: dict[str, Any], error: type[Exception], words: str
) -> None:
    document = controller_document(DID)
    method = document["verificationMethod"][0]
    for name, value in change.items():
        if value is None:
            method.pop(name)
        else:
            method[name] = value
    with pytest.raises(error, match=words):
        parse(document).method(f"{DID}#key-1", NOW)


def test_a_document_with_too_many_methods_is_refused() -> None:
    document = controller_document(DID)
    document["verificationMethod"] = document["verificationMethod"] * 100
    with pytest.raises(KeyResolutionError, match="too many keys"):
        parse(document).method(f"{DID}#missing", NOW)


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(KeyResolutionError, match="not a JSON object"):
        ControllerDocument.parse([DID], DID, "the test document")


@pytest.mark.shared
@pytest.mark.parametrize(
    "relative",
    [
        "dcc-did-web/did.json",
        "dcc-did-web/multikey/did.json",
        "dcc-did-web/issuer-registry-client-test/did.json",
        "dcc-vc-test-fixtures/dids/legacy/did.json",
        "dcc-vc-test-fixtures/dids/oidf/did.json",
    ],
)
def test_real_did_web_documents_give_their_assertion_keys(relative: str) -> None:
    """The Digital Credentials Consortium's published did:web documents."""
    value = json.loads((shared_vectors() / relative).read_text("utf-8"))
    document = ControllerDocument.parse(value, value["id"], "a did:web document")
    for entry in value["assertionMethod"]:
        method_id = entry["id"] if isinstance(entry, dict) else document.absolute(entry)
        method = document.method(method_id, NOW)
        assert method.public_key.key_type is KeyType.ED25519
        assert "assertionMethod" in method.purposes and method.controller == value["id"]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("fragment", "key_type"),
    [
        ("key-1", KeyType.SECP256K1),
        ("key-1-multibase", KeyType.SECP256K1),
        ("z6MkhryaPw2apk6X486r7L78fSMZfUcfWL6eGKQJnzXti8aW", KeyType.ED25519),
    ],
)
def test_the_blockcerts_v3_issuer_profile_gives_its_keys(fragment: str, key_type: KeyType) -> None:
    path = shared_vectors() / "blockcerts/cert-verifier-js/fixtures/issuer-blockcerts.json"
    value = json.loads(path.read_text("utf-8"))
    document = ControllerDocument.parse(value, value["id"], "the Blockcerts profile")
    method = document.method(f"{value['id']}#{fragment}", NOW)
    assert method.public_key.key_type is key_type
    assert "assertionMethod" in method.purposes


@pytest.mark.shared
def test_blockcerts_profiles_give_key_windows_and_revocation_lists() -> None:
    folder = shared_vectors() / "blockcerts/cert-verifier-js"
    v3 = read_issuer_profile(json.loads((folder / "fixtures/issuer-blockcerts.json").read_text()))
    assert (
        v3.revocation_list
        == "https://www.blockcerts.org/samples/3.0/revocation-list-blockcerts.json"
    )
    assert v3.keys[0].id == "ecdsa-koblitz-pubkey:mgdWjvq4RYAAP5goUNagTRMx7Xw534S5am"
    assert v3.keys[0].created == datetime(2021, 11, 20, 15, 52, 57, 617381, tzinfo=UTC)
    v1 = read_issuer_profile(
        json.loads((folder / "fixtures/issuer-blockcerts-v1.json").read_text())
    )
    assert [k.id for k in v1.keys] == ["msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj"]


def test_profile_key_windows_follow_created_expires_and_revoked() -> None:
    profile = read_issuer_profile(
        {
            "id": "https://issuer.kiosk.test/profile.json",
            "name": "Blockcerts College",
            "revocationList": "https://issuer.kiosk.test/revoked.json",
            "publicKey": [
                {
                    "id": "ecdsa-koblitz-pubkey:old",
                    "created": "2020-01-01T00:00:00Z",
                    "revoked": "2024-01-01T00:00:00Z",
                },
                {
                    "id": "ecdsa-koblitz-pubkey:new",
                    "created": "2024-01-01T00:00:00Z",
                    "expires": "2028-01-01T00:00:00Z",
                },
            ],
        }
    )
    old, new = profile.keys
    assert old.valid_at(datetime(2023, 6, 1, tzinfo=UTC))
    assert not old.valid_at(datetime(2024, 6, 1, tzinfo=UTC))
    assert not new.valid_at(datetime(2023, 6, 1, tzinfo=UTC))
    assert new.valid_at(NOW) and not new.valid_at(datetime(2028, 6, 1, tzinfo=UTC))
    assert profile.revocation_list == "https://issuer.kiosk.test/revoked.json"
    with pytest.raises(KeyResolutionError):
        read_issuer_profile({"id": "x", "publicKey": [{"id": "k", "created": "not a date"}]})
