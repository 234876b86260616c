"""Recognising Blockcerts certificates and finding their Merkle proof.

- **v2**: an Open Badges 2.0 assertion (first context `https://w3id.org/openbadges/v2`, or the
  Blockcerts v2 / 2.0-alpha / 2.1 context) with a `MerkleProof2017` `signature`. It is read
  into a `ParsedCredential` here: issuer from `badge.issuer`, dates from `issuedOn` / `expires`.
- **v3**: a VC 1.1 or 2.0 credential whose proof is a `MerkleProof2019` (or a
  `DataIntegrityProof` with cryptosuite `merkle-proof-2019`); `credential.recognise` reads it.
- **v1** (`https://w3id.org/blockcerts/v1`): refused as not supported (the Blockcerts verifier
  dropped it too).

A certificate may carry several proofs (a signature, then a Merkle proof chained to it —
`ChainedProof2021` — or a proof set), as cert-verifier-js reads them: each proof signs the
document with every proof before it (`signed_document`); every one is verified
(`blockcerts/proof_check.py`), and the last Merkle proof is the one anchored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kiosk.verification.blockcerts.errors import MerkleProofError
from kiosk.verification.blockcerts.merkle_proof_2017 import (
    is_merkle_proof_2017,
    read_merkle_proof_2017,
)
from kiosk.verification.blockcerts.merkle_proof_2019 import (
    decode_merkle_proof_2019,
    is_merkle_proof_2019,
)
from kiosk.verification.blockcerts.receipt import MerkleReceipt
from kiosk.verification.errors import UnsupportedError, VerificationError

if TYPE_CHECKING:
    from kiosk.verification.credential import ParsedCredential

OB2_CONTEXTS = frozenset(
    {
        "https://w3id.org/openbadges/v2",
        "https://openbadgespec.org/v2/context.json",
    }
)
BLOCKCERTS_V2_CONTEXTS = frozenset(
    {
        "https://w3id.org/blockcerts/v2",
        "https://w3id.org/blockcerts/v2.0-alpha",
        "https://w3id.org/blockcerts/v2.1",
        "https://w3id.org/blockcerts/schema/2.0/context.json",
        "https://w3id.org/blockcerts/schema/2.0-alpha/context.json",
        "https://w3id.org/blockcerts/schema/2.1/context.json",
        "https://www.blockcerts.org/schema/2.0/context.json",
        "https://www.blockcerts.org/schema/2.0-alpha/context.json",
        "https://www.blockcerts.org/schema/2.1/context.json",
    }
)
BLOCKCERTS_V1_CONTEXT = "https://w3id.org/blockcerts/v1"
V2_LABEL = "Blockcerts v2 certificate (Open Badges 2.0)"
V3_FAMILY = "Blockcerts v3 certificate"


class CertificateFormatError(VerificationError):
    """A Blockcerts v2 certificate missing what every certificate states."""

    code = "format"


def first_context(document: Mapping[str, Any]) -> Any:
    contexts = document.get("@context")
    return contexts[0] if isinstance(contexts, list) and contexts else contexts


def is_blockcerts_v1(document: Mapping[str, Any]) -> bool:
    return bool(first_context(document) == BLOCKCERTS_V1_CONTEXT)


def is_blockcerts_v2(document: Mapping[str, Any]) -> bool:
    """An Open Badges 2.0 / Blockcerts v2 document that is a Blockcerts certificate: it names a
    Blockcerts v2 context or carries a MerkleProof2017 `signature`."""
    if first_context(document) not in OB2_CONTEXTS | BLOCKCERTS_V2_CONTEXTS:
        return False
    contexts = document.get("@context")
    named = [c for c in contexts if isinstance(c, str)] if isinstance(contexts, list) else []
    if BLOCKCERTS_V2_CONTEXTS & set(named):
        return True
    return is_merkle_proof_2017(document.get("signature"))


def recognise_v2(document: dict[str, Any]) -> ParsedCredential:
    """Read a Blockcerts v2 certificate (an Open Badges 2.0 assertion) for the checks.

    Raises:
        CertificateFormatError: malformed (no issuer, no issue date, not an Assertion).
    """
    from kiosk.verification.credential import ParsedCredential  # a cycle: lazy

    types = document.get("type")
    if "Assertion" not in (types if isinstance(types, list) else [types]):
        raise CertificateFormatError("It is not a Blockcerts certificate (type Assertion missing).")
    badge = document.get("badge")
    issuer = badge.get("issuer") if isinstance(badge, Mapping) else None
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else None
    if not isinstance(issuer_id, str) or not issuer_id:
        raise CertificateFormatError("It does not say who issued it (badge.issuer missing).")
    if not isinstance(document.get("recipient"), Mapping):
        raise CertificateFormatError("It does not say who it was issued to (recipient missing).")
    issued = lenient_datetime(document.get("issuedOn"))
    if issued is None:
        raise CertificateFormatError("Its issue date (issuedOn) is missing or not a date.")
    expires = document.get("expires")
    valid_until = lenient_datetime(expires)
    if expires is not None and valid_until is None:
        raise CertificateFormatError("Its expiry date (expires) is not a date.")
    signature = document.get("signature")
    return ParsedCredential(
        document=document,
        vc_version="ob2",
        label=V2_LABEL,
        issuer_id=issuer_id,
        proofs=(signature,) if isinstance(signature, dict) else (),
        valid_from=issued,
        valid_until=valid_until,
        issued=issued,
        proof_property="signature",
    )


def lenient_datetime(value: Any) -> datetime | None:
    """A v2 date: ISO 8601, with or without a time or a time zone (then UTC)."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    text = value.replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text if "T" in text else f"{text}T00:00:00")
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_merkle_proof(proof: Any) -> bool:
    """A Blockcerts Merkle proof of either version (or a chained one wrapping MerkleProof2019)."""
    if is_merkle_proof_2017(proof) or is_merkle_proof_2019(proof):
        return True
    return (
        isinstance(proof, Mapping)
        and proof.get("type") == "ChainedProof2021"
        and proof.get("chainedProofType") == "MerkleProof2019"
    )


def is_blockcerts(credential: ParsedCredential) -> bool:
    """True when the credential is anchored by a Blockcerts Merkle proof."""
    return any(is_merkle_proof(proof) for proof in credential.proofs)


def merkle_receipt(credential: ParsedCredential) -> MerkleReceipt:
    """The receipt of the certificate's last Merkle proof, decoded: the one the anchor check
    looks up. Blockcerts signs in order: each Merkle proof covers the document with every proof
    before it (`signed_document`), so the last one vouches for all of them.

    Raises:
        UnsupportedError: no Merkle proof of a kind the kiosk reads.
        MerkleProofError: the proof is malformed.
    """
    index = merkle_proof_indexes(credential)[-1]
    return receipt_at(credential, index)


def receipt_at(credential: ParsedCredential, index: int) -> MerkleReceipt:
    """The decoded receipt of the Merkle proof at `index`."""
    proof = credential.proofs[index]
    if is_merkle_proof_2017(proof):
        return read_merkle_proof_2017(proof, recipient_address(credential.document))
    if is_merkle_proof_2019(proof) or _is_chained_merkle_proof(proof):
        return decode_merkle_proof_2019(proof.get("proofValue"))
    raise UnsupportedError("This kind of Blockcerts proof is not supported yet.")


def merkle_proof_indexes(credential: ParsedCredential) -> list[int]:
    """Where the Merkle proofs are among the certificate's proofs (at least one)."""
    found = [i for i, proof in enumerate(credential.proofs) if is_merkle_proof(proof)]
    if not found:
        raise UnsupportedError("This kind of Blockcerts proof is not supported yet.")
    return found


def signed_document(credential: ParsedCredential, index: int) -> dict[str, Any]:
    """What the proof at `index` signs, as cert-verifier-js reads several proofs: the document
    with every proof before it (none for the first). A `ChainedProof2021` names its earlier
    proof inside itself (`previousProof`), and that copy must be the earlier proof itself."""
    unsecured = credential.unsecured
    earlier = list(credential.proofs[:index])
    if not earlier:
        return unsecured
    proof = credential.proofs[index]
    named = proof.get("previousProof")
    if isinstance(named, Mapping) and named not in earlier:
        raise MerkleProofError(
            "The chained proof names an earlier proof the certificate does not carry."
        )
    return {**unsecured, "proof": earlier[0] if len(earlier) == 1 else earlier}


def _is_chained_merkle_proof(proof: Any) -> bool:
    return (
        isinstance(proof, Mapping)
        and proof.get("type") == "ChainedProof2021"
        and proof.get("chainedProofType") == "MerkleProof2019"
    )


def recipient_address(document: Mapping[str, Any]) -> str | None:
    """The recipient's Bitcoin address (`recipientProfile.publicKey`), if there is one."""
    for holder in (document, document.get("recipient")):
        profile = holder.get("recipientProfile") if isinstance(holder, Mapping) else None
        key = profile.get("publicKey") if isinstance(profile, Mapping) else None
        if isinstance(key, str):
            return key
    return None
