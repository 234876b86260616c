"""`ecdsa-sd-2023` derived (selectively disclosed) proofs, W3C vc-di-ecdsa §3.5.

A holder reveals some statements of an issuer-signed credential. The derived proof carries the
issuer's base signature over (proof-options hash ‖ proof-scoped public key ‖ hash of the
mandatory statements), and one signature per revealed non-mandatory statement made with the
proof-scoped key. Blank nodes are relabelled with the issuer's HMAC labels (the label map), so
the verifier reproduces exactly the N-Quads that were signed. Base proofs (header 0xd9 0x5d 0x00)
are for holders, not verifiers: they are refused with a reason.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from typing import Any

import cbor2

from kiosk.verification.errors import UnsupportedError, VerificationError
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.keys.multibase import base58btc_encode
from kiosk.verification.keys.public_key import KeyType, public_key_from_multikey
from kiosk.verification.keys.verification_method import VerificationMethod
from kiosk.verification.suites.base import ProofFailedError
from kiosk.verification.suites.rdfc_hashing import proof_configuration

DERIVED_HEADER = b"\xd9\x5d\x01"
BASE_HEADER = b"\xd9\x5d\x00"
MAX_STATEMENTS = 10_000
_LABEL = re.compile(r"_:c14n[0-9]+")


@dataclass(frozen=True, slots=True)
class DerivedProofValue:
    """The five components of a derived proof value."""

    base_signature: bytes
    public_key: bytes
    signatures: list[bytes]
    label_map: dict[str, str]
    mandatory_indexes: list[int]


def parse_derived_proof_value(proof_value: Any) -> DerivedProofValue:
    """Decode `u`+base64url(header ‖ CBOR[5 components]); raise `ProofFailedError` if malformed."""
    if not isinstance(proof_value, str) or not proof_value.startswith("u"):
        raise ProofFailedError("The selective-disclosure proof value is not base64url multibase.")
    try:
        raw = _b64(proof_value[1:])
    except ValueError as error:
        raise ProofFailedError("The selective-disclosure proof value cannot be decoded.") from error
    if raw.startswith(BASE_HEADER):
        raise ProofFailedError(
            "This is the issuer's base proof, meant for the holder: "
            "a verifier needs a derived proof."
        )
    if not raw.startswith(DERIVED_HEADER):
        raise ProofFailedError("The selective-disclosure proof value has the wrong header.")
    try:
        components = cbor2.loads(raw[3:])
    except (cbor2.CBORDecodeError, ValueError, TypeError, RecursionError) as error:
        raise ProofFailedError("The selective-disclosure proof value is not valid CBOR.") from error
    if not (isinstance(components, list) and len(components) == 5):
        raise ProofFailedError("The selective-disclosure proof value is malformed.")
    base_signature, public_key, signatures, compressed, indexes = components
    if not (
        isinstance(base_signature, bytes)
        and len(base_signature) == 64
        and isinstance(public_key, bytes)
        and isinstance(signatures, list)
        and len(signatures) <= MAX_STATEMENTS
        and all(isinstance(s, bytes) and len(s) == 64 for s in signatures)
        and isinstance(compressed, dict)
        and all(
            isinstance(k, int) and isinstance(v, bytes) and len(v) == 32
            for k, v in compressed.items()
        )
        and isinstance(indexes, list)
        and all(isinstance(i, int) and not isinstance(i, bool) for i in indexes)
    ):
        raise ProofFailedError("The selective-disclosure proof value is malformed.")
    label_map = {
        f"c14n{k}": "u" + base64.urlsafe_b64encode(v).rstrip(b"=").decode()
        for k, v in compressed.items()
    }
    return DerivedProofValue(base_signature, public_key, signatures, label_map, indexes)


def relabel(canonical_nquads: str, label_map: dict[str, str]) -> list[str]:
    """Replace canonical blank-node labels by the label map's, in blank-node positions only, and
    sort the statements (vc-di-ecdsa labelReplacementCanonicalizeNQuads)."""
    lines = [line + "\n" for line in canonical_nquads.split("\n") if line]

    def swap(token: str) -> str:
        if not _LABEL.fullmatch(token):
            return token
        new = label_map.get(token[2:])
        if new is None:
            raise ProofFailedError("The selective-disclosure label map does not fit the data.")
        return "_:" + new

    return sorted(_map_blank_nodes(line, swap) for line in lines)


def _map_blank_nodes(line: str, swap: Any) -> str:
    """Rewrite subject, object and graph blank nodes of one canonical N-Quad."""
    subject, rest = line.split(" ", 1)
    predicate, rest = rest.split(" ", 1)
    if rest.startswith('"'):
        end = _literal_end(rest)
        obj, rest = rest[:end], rest[end:]
        obj_new = obj
    else:
        obj, rest = rest.split(" ", 1)
        obj_new, rest = swap(obj), " " + rest
    tail = rest.strip()
    graph = tail[:-1].strip() if tail.endswith(".") else ""
    graph_part = f" {swap(graph)}" if graph else ""
    return f"{swap(subject)} {predicate} {obj_new}{graph_part} .\n"


def _literal_end(text: str) -> int:
    """Index just past a literal (with its datatype or language tag) at the start of `text`."""
    index = 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == '"':
            break
        index += 1
    index += 1
    while index < len(text) and text[index] != " ":
        index += 1
    return index


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class EcdsaSdSuite:
    """Verifier side of ecdsa-sd-2023 (P-256 issuer keys, SHA-256)."""

    name: str = "ecdsa-sd-2023"
    key_types: frozenset[KeyType] = frozenset({KeyType.P256})

    def verify(
        self,
        unsecured: dict[str, Any],
        proof: dict[str, Any],
        method: VerificationMethod,
        canonicalizer: Canonicalizer,
    ) -> None:
        derived = parse_derived_proof_value(proof.get("proofValue"))  # a base proof fails here
        if method.public_key.key_type in (KeyType.P384, KeyType.SECP256K1):
            raise UnsupportedError(
                f"ecdsa-sd-2023 proofs with {method.public_key.key_type} keys are not supported."
            )
        if method.public_key.key_type not in self.key_types:
            raise ProofFailedError("An ecdsa-sd-2023 proof needs a P-256 issuer key.")
        proof_hash = hashlib.sha256(
            canonicalizer.canonicalize(proof_configuration(unsecured, proof)).encode()
        ).digest()
        statements = relabel(canonicalizer.canonicalize(unsecured), derived.label_map)
        mandatory_set = set(derived.mandatory_indexes)
        if any(i < 0 or i >= len(statements) for i in mandatory_set):
            raise ProofFailedError(
                "The selective-disclosure proof names statements that are absent."
            )
        mandatory = [s for i, s in enumerate(statements) if i in mandatory_set]
        optional = [s for i, s in enumerate(statements) if i not in mandatory_set]
        if len(optional) != len(derived.signatures):
            raise ProofFailedError(
                "The disclosed statements do not match the proof: something was added or removed."
            )
        try:
            ephemeral = public_key_from_multikey("z" + base58btc_encode(derived.public_key))
        except VerificationError as error:
            raise ProofFailedError("The proof's statement key is not a valid P-256 key.") from error
        if ephemeral.key_type is not KeyType.P256:
            raise ProofFailedError("The proof's statement key is not a P-256 key.")
        mandatory_hash = hashlib.sha256("".join(mandatory).encode()).digest()
        base_data = proof_hash + derived.public_key + mandatory_hash
        if not method.public_key.verify(derived.base_signature, base_data):
            raise ProofFailedError(
                "The issuer's signature does not match: the credential was changed after it was "
                "signed, or was not signed with this key."
            )
        for statement, signature in zip(optional, derived.signatures, strict=True):
            if not ephemeral.verify(signature, statement.encode()):
                raise ProofFailedError(
                    "A disclosed statement does not match its signature: it was changed."
                )


ECDSA_SD_2023 = EcdsaSdSuite()
