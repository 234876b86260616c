"""Self-made JSON-LD documents for the CBOR-LD tests: made up here, copied from nowhere.

They use only JSON-LD contexts the kiosk bundles (kiosk/verification/jsonld/contexts/):
credentials v1 and v2, Open Badges 3.0.3 and Ed25519Signature2020. Keys, DIDs, ids and
proof values are arbitrary bytes in the right shape: nothing here is signed, the tests
only compress and decompress.
"""

from __future__ import annotations

from typing import Any

from tests.unit.payloads.cborld_builder import (
    ED25519_2020,
    OB_V3_0_3,
    VC_V1,
    VC_V2,
    base58_encode,
)

ED25519_MULTICODEC = b"\xed\x01"
ISSUER_DID = "did:key:z" + base58_encode(ED25519_MULTICODEC + bytes(range(32)))
HOLDER_DID = "did:key:z" + base58_encode(ED25519_MULTICODEC + bytes(range(32, 64)))
VERIFICATION_METHOD = f"{ISSUER_DID}#{ISSUER_DID.removeprefix('did:key:')}"
CREDENTIAL_ID = "urn:uuid:8a4f1c9e-2b7d-4e3a-9c51-6d0f7e2b3a14"
PRESENTATION_ID = "urn:uuid:0f6a7b1e-93c2-4d15-8e4b-2a9d5c7e1f30"
PROOF_VALUE = "z" + base58_encode(bytes(range(1, 65)))


def ob3_credential() -> dict[str, Any]:
    """An Open Badges 3.0 credential (VC 2.0 data model) with a Data Integrity proof."""
    return {
        "@context": [VC_V2, OB_V3_0_3],
        "id": CREDENTIAL_ID,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Kiosk Test Badge",
        "issuer": {
            "id": ISSUER_DID,
            "type": ["Profile"],
            "name": "Example College (made up for tests)",
            "url": "https://college.example/",
        },
        "validFrom": "2025-09-01T08:00:00Z",
        "validUntil": "2030-08-31T23:59:59.500Z",
        "credentialSubject": {
            "id": HOLDER_DID,
            "type": ["AchievementSubject"],
            "activityEndDate": "2025-06-30",
            "creditsEarned": 2.5,
            "achievement": {
                "id": "https://college.example/achievements/kiosk-101",
                "type": ["Achievement"],
                "name": "Kiosk 101",
                "description": "A made-up achievement for the kiosk's tests.",
                "criteria": {"narrative": "Scan one code."},
                "image": {"id": "https://college.example/badges/kiosk-101.png", "type": "Image"},
                "tag": ["test", "kiosk"],
            },
        },
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2025-09-01T08:00:00Z",
            "verificationMethod": VERIFICATION_METHOD,
            "proofPurpose": "assertionMethod",
            "proofValue": PROOF_VALUE,
        },
    }


def vc2_presentation() -> dict[str, Any]:
    """A VC 2.0 presentation holding the OB 3.0 credential (a list of one)."""
    return {
        "@context": VC_V2,
        "id": PRESENTATION_ID,
        "type": "VerifiablePresentation",
        "holder": HOLDER_DID,
        "verifiableCredential": [ob3_credential()],
    }


def vc1_presentation() -> dict[str, Any]:
    """A VC 1.1 presentation with an Ed25519Signature2020 credential (like wallets' VPQR)."""
    contexts = [VC_V1, ED25519_2020]
    return {
        "@context": contexts,
        "type": "VerifiablePresentation",
        "holder": HOLDER_DID,
        "verifiableCredential": {
            "@context": contexts,
            "id": CREDENTIAL_ID,
            "type": ["VerifiableCredential"],
            "issuer": ISSUER_DID,
            "issuanceDate": "2021-04-09T20:18:55Z",
            "credentialSubject": {"id": HOLDER_DID},
            "proof": {
                "type": "Ed25519Signature2020",
                "created": "2021-04-09T20:18:55Z",
                "verificationMethod": VERIFICATION_METHOD,
                "proofPurpose": "assertionMethod",
                "proofValue": PROOF_VALUE,
            },
        },
        "proof": {
            "type": "Ed25519Signature2020",
            "created": "2021-04-09T20:19:00.123Z",
            "verificationMethod": VERIFICATION_METHOD,
            "proofPurpose": "authentication",
            "challenge": "kiosk-test-challenge",
            "proofValue": PROOF_VALUE,
        },
    }
