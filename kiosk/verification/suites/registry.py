"""Which suite verifies a proof, by (`type`, `cryptosuite`). Unknown → `UnsupportedError`."""

from __future__ import annotations

from typing import Any

from kiosk.verification.errors import UnsupportedError
from kiosk.verification.suites.base import ProofSuite
from kiosk.verification.suites.data_integrity import (
    ECDSA_RDFC_2019,
    ED25519_SIGNATURE_2020,
    EDDSA_RDFC_2022,
)
from kiosk.verification.suites.ecdsa_sd import ECDSA_SD_2023
from kiosk.verification.suites.jcs import ECDSA_JCS_2019, EDDSA_JCS_2022
from kiosk.verification.suites.jose import JOSE_PROOF_TYPE, JOSE_SUITE
from kiosk.verification.suites.secp256k1_2019 import ECDSA_SECP256K1_SIGNATURE_2019

SUITES: dict[tuple[str, str | None], ProofSuite] = {
    ("DataIntegrityProof", "eddsa-rdfc-2022"): EDDSA_RDFC_2022,
    ("DataIntegrityProof", "ecdsa-rdfc-2019"): ECDSA_RDFC_2019,
    ("DataIntegrityProof", "eddsa-jcs-2022"): EDDSA_JCS_2022,
    ("DataIntegrityProof", "ecdsa-jcs-2019"): ECDSA_JCS_2019,
    ("Ed25519Signature2020", None): ED25519_SIGNATURE_2020,
    (JOSE_PROOF_TYPE, None): JOSE_SUITE,
    ("DataIntegrityProof", "ecdsa-sd-2023"): ECDSA_SD_2023,
    ("EcdsaSecp256k1Signature2019", None): ECDSA_SECP256K1_SIGNATURE_2019,
}


def suite_for(proof: dict[str, Any]) -> ProofSuite:
    """The suite for `proof`, or `UnsupportedError` naming what the proof asks for."""
    proof_type = proof.get("type")
    cryptosuite = proof.get("cryptosuite")
    if not isinstance(proof_type, str):
        raise UnsupportedError("The proof does not say what kind of proof it is.")
    key = (proof_type, cryptosuite if isinstance(cryptosuite, str) else None)
    suite = SUITES.get(key)
    if suite is None:
        named = cryptosuite if isinstance(cryptosuite, str) else proof_type
        raise UnsupportedError(f"The proof suite {str(named)[:60]} is not supported.")
    return suite
