"""`eddsa-jcs-2022` and `ecdsa-jcs-2019` (P-256, P-384): W3C vectors, tampering, proof forms.

W3C publishes a signed document only for ecdsa-jcs-2019 P-384; for eddsa-jcs-2022 and P-256 the
signed document is assembled from the vector files (canonical document + proof configuration +
signature), which is exactly what their signers signed.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from kiosk.verification.jsonld.jcs import canonical_json
from kiosk.verification.keys.multibase import base58btc_encode
from kiosk.verification.suites.jcs import jcs_hash_data
from kiosk.verification.suites.registry import suite_for
from kiosk.verification.suites.signing import did_key_for
from tests.conftest import shared_vectors
from tests.helpers import FIXTURES, context, make_key

W3C = FIXTURES / "vectors" / "w3c"
# folder, file suffix, hash, cryptosuite
VECTOR_SETS = [
    ("eddsa-jcs-2022", "JCS", hashlib.sha256, "eddsa-jcs-2022"),
    ("ecdsa-jcs-2019-p256", "JCSECDSAP256", hashlib.sha256, "ecdsa-jcs-2019"),
    ("ecdsa-jcs-2019-p384", "JCSECDSAP384", hashlib.sha384, "ecdsa-jcs-2019"),
]
SET_IDS = [s[0] for s in VECTOR_SETS]


def _read(folder: str, name: str) -> str:
    return (W3C / folder / name).read_text("utf-8").strip()


def assembled(folder: str, suffix: str) -> dict[str, Any]:
    """The signed credential of a W3C vector set: document + proof config + proof value."""
    document: dict[str, Any] = json.loads(_read(folder, f"canonDoc{suffix}.txt"))
    proof = json.loads(_read(folder, f"proofConfig{suffix}.json"))
    proof["proofValue"] = _read(folder, f"sigBTC58{suffix}.txt")
    return {**document, "proof": proof}


def proof_status(document: dict[str, Any]) -> CheckStatus | None:
    result = verify_document(document, context()).check(CheckId.PROOF)
    return None if result is None else result.status


@pytest.mark.parametrize(("folder", "suffix", "hash_function", "suite"), VECTOR_SETS, ids=SET_IDS)
def test_w3c_intermediate_values(
    folder: str, suffix: str, hash_function: Callable[[bytes], Any], suite: str
) -> None:
    """Our JCS of the proof configuration and document, and hashData, are the vectors' bytes."""
    config = json.loads(_read(folder, f"proofConfig{suffix}.json"))
    document = json.loads(_read(folder, f"canonDoc{suffix}.txt"))
    assert config["cryptosuite"] == suite
    assert canonical_json(config).decode() == _read(folder, f"proofCanon{suffix}.txt")
    assert canonical_json(document).decode() == _read(folder, f"canonDoc{suffix}.txt")
    expected = bytes.fromhex(_read(folder, f"combinedHash{suffix}.txt"))
    assert jcs_hash_data(config, document, hash_function) == expected


@pytest.mark.parametrize(("folder", "suffix", "hash_function", "suite"), VECTOR_SETS, ids=SET_IDS)
def test_w3c_vectors_verify(
    folder: str, suffix: str, hash_function: Callable[[bytes], Any], suite: str
) -> None:
    report = verify_document(assembled(folder, suffix), context())
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.PASSED, report.checks
    assert f"proof suite {suite}" in proof.details
    assert report.verdict is not Verdict.NOT_VERIFIED  # issuer is an https URL, not trusted


def test_published_p384_signed_document_is_the_assembled_one() -> None:
    published = json.loads((W3C / "ecdsa-jcs-2019-p384-signedJCSECDSAP384.json").read_text())
    assert published == assembled("ecdsa-jcs-2019-p384", "JCSECDSAP384")
    assert proof_status(published) is CheckStatus.PASSED


TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "name": lambda d: d.update(name="Alumni Credential!"),
    "subject": lambda d: d["credentialSubject"].update(alumniOf="The School of Exampless"),
    "created": lambda d: d["proof"].update(created="2023-02-24T23:36:39Z"),
    "proof purpose field added": lambda d: d["proof"].update(domain="example.org"),
    "signature": lambda d: d["proof"].update(
        proofValue=d["proof"]["proofValue"][:-2] + d["proof"]["proofValue"][-1:-3:-1]
    ),
    "proof context not a prefix": lambda d: d["proof"].update(
        {"@context": ["https://www.w3.org/ns/credentials/examples/v2"]}
    ),
    "number": lambda d: d.update(description=1.0),
}


@pytest.mark.parametrize("tamper", sorted(TAMPERINGS))
@pytest.mark.parametrize(("folder", "suffix", "hash_function", "suite"), VECTOR_SETS, ids=SET_IDS)
def test_tampered_w3c_vectors_fail(
    folder: str, suffix: str, hash_function: Callable[[bytes], Any], suite: str, tamper: str
) -> None:
    document = copy.deepcopy(assembled(folder, suffix))
    TAMPERINGS[tamper](document)
    report = verify_document(document, context())
    assert report.verdict is Verdict.NOT_VERIFIED
    assert proof_status(document) is CheckStatus.FAILED


def test_key_of_the_wrong_type_is_refused() -> None:
    """An eddsa-jcs-2022 proof naming a P-256 key: refused before any signature maths."""
    document = assembled("ecdsa-jcs-2019-p256", "JCSECDSAP256")
    document["proof"]["cryptosuite"] = "eddsa-jcs-2022"
    result = verify_document(document, context()).check(CheckId.PROOF)
    assert result is not None and result.status is CheckStatus.FAILED
    assert "cannot be made with a P-256 key" in result.reason


def test_registry_names_both_suites() -> None:
    for cryptosuite in ("eddsa-jcs-2022", "ecdsa-jcs-2019"):
        suite = suite_for({"type": "DataIntegrityProof", "cryptosuite": cryptosuite})
        assert suite.name == cryptosuite


# --- credentials signed here, issuer = signer (did:key), so the whole pipeline can pass ---


def _p256_did(key: ec.EllipticCurvePrivateKey) -> str:
    point = key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    return "did:key:z" + base58btc_encode(b"\x80\x24" + point)


def _unsigned(did: str) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2",
        ],
        "type": ["VerifiableCredential", "ExampleDegreeCredential"],
        "issuer": did,
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", "degree": "Bachelor of Examples"},
    }


def _proof(did: str, cryptosuite: str, with_context: dict[str, Any] | None) -> dict[str, Any]:
    proof: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": cryptosuite,
        "created": "2026-01-01T00:00:00Z",
        "verificationMethod": f"{did}#{did.removeprefix('did:key:')}",
        "proofPurpose": "assertionMethod",
    }
    if with_context is not None:
        proof["@context"] = with_context["@context"]
    return proof


def _sign_ed25519(message: bytes, key: ed25519.Ed25519PrivateKey) -> bytes:
    return key.sign(message)


def _sign_p256(message: bytes, key: ec.EllipticCurvePrivateKey) -> bytes:
    r, s = decode_dss_signature(key.sign(message, ec.ECDSA(SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


# how the signer built its proof configuration: spec Create Proof (context copied into the
# proof), Digital Bazaar (context in the signed configuration only), or bare proof options
FORMS = ["spec", "context-in-config-only", "bare-options"]


def _signed(form: str, cryptosuite: str) -> tuple[dict[str, Any], str]:
    if cryptosuite == "eddsa-jcs-2022":
        ed_key = make_key("jcs")
        did = did_key_for(ed_key)

        def sign(message: bytes) -> bytes:
            return _sign_ed25519(message, ed_key)

    else:
        p256_key = ec.derive_private_key(7_000_001, ec.SECP256R1())
        did = _p256_did(p256_key)

        def sign(message: bytes) -> bytes:
            return _sign_p256(message, p256_key)

    document = _unsigned(did)
    stored = _proof(did, cryptosuite, document if form == "spec" else None)
    signed_config = (
        stored
        if form != "context-in-config-only"
        else {
            **stored,
            "@context": document["@context"],
        }
    )
    message = jcs_hash_data(signed_config, document, hashlib.sha256)
    stored["proofValue"] = "z" + base58btc_encode(sign(message))
    return {**document, "proof": stored}, did


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("cryptosuite", ["eddsa-jcs-2022", "ecdsa-jcs-2019"])
def test_signed_here_and_trusted_is_verified(form: str, cryptosuite: str) -> None:
    credential, did = _signed(form, cryptosuite)
    report = verify_document(credential, context({did: "JCS Test Issuer"}))
    assert report.verdict is Verdict.VERIFIED, report.checks


@pytest.mark.parametrize("form", FORMS)
def test_signed_here_then_changed_is_not_verified(form: str) -> None:
    credential, did = _signed(form, "ecdsa-jcs-2019")
    credential["credentialSubject"]["degree"] = "Master of Examples"
    report = verify_document(credential, context({did: "JCS Test Issuer"}))
    assert report.verdict is Verdict.NOT_VERIFIED


def test_appended_document_context_is_still_covered() -> None:
    """A context added to the document after signing (proof keeps the original prefix): the
    spec hashes the document with the proof's context, so the proof still holds."""
    credential, _ = _signed("spec", "eddsa-jcs-2022")
    credential["@context"] = [
        *credential["@context"],
        "https://w3id.org/security/data-integrity/v2",
    ]
    assert proof_status(credential) is CheckStatus.PASSED


@pytest.mark.shared
def test_shared_w3c_jcs_vectors_verify() -> None:
    root = shared_vectors()
    signed = root / "w3c-vc-di-ecdsa/TestVectors/ecdsa-jcs-2019-p384/signedJCSECDSAP384.json"
    assert proof_status(json.loads(signed.read_text("utf-8"))) is CheckStatus.PASSED
    for path in sorted(root.glob("w3c-vc-di-e*dsa/TestVectors/e*dsa-jcs-*/*")):
        copied = W3C / path.parent.name / path.name
        if copied.exists():
            assert copied.read_bytes() == path.read_bytes(), path
