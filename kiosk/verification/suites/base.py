"""What every proof suite provides, and the failure it raises."""

from __future__ import annotations

from typing import Any, Protocol

from kiosk.verification.errors import VerificationError
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.multibase import multibase_decode
from kiosk.verification.keys.public_key import KeyType
from kiosk.verification.keys.verification_method import VerificationMethod

JsonObject = dict[str, Any]


class ProofFailedError(VerificationError):
    """The proof was checked and does not hold (bad signature, wrong key type, bad value)."""

    code = "proof-failed"


class ProofSuite(Protocol):
    """A proof suite that can verify one proof over one unsecured document."""

    @property
    def name(self) -> str:
        """The suite's name as shown to staff, e.g. "eddsa-rdfc-2022"."""
        ...

    @property
    def key_types(self) -> frozenset[KeyType]:
        """Key types this suite accepts; any other is refused (no algorithm confusion)."""
        ...

    def verify(
        self,
        unsecured: JsonObject,
        proof: JsonObject,
        method: VerificationMethod,
        canonicalizer: Canonicalizer,
    ) -> None:
        """Return when the proof holds; raise `ProofFailedError` (or a VerificationError)."""
        ...


def proof_signature(proof: JsonObject) -> bytes:
    """The signature bytes of a base58btc-multibase `proofValue`, or `ProofFailedError`."""
    proof_value = proof.get("proofValue")
    if not isinstance(proof_value, str) or not proof_value.startswith("z"):
        raise ProofFailedError("The proof value is missing or not base58btc multibase.")
    try:
        return multibase_decode(proof_value)
    except VerificationError as error:
        raise ProofFailedError("The proof value cannot be decoded.") from error


def require_key_type(suite_name: str, allowed: frozenset[KeyType], key_type: KeyType) -> None:
    """A suite's key-type rule: no algorithm/key confusion."""
    if key_type not in allowed:
        raise ProofFailedError(f"A {suite_name} proof cannot be made with a {key_type} key.")
