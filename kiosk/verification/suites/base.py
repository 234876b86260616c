"""What every proof suite provides, and the failure it raises."""

from __future__ import annotations

from typing import Any, Protocol

from kiosk.verification.errors import VerificationError
from kiosk.verification.jsonld.canonicalize import Canonicalizer
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
