"""The shared RDFC transformation of Data Integrity `*-rdfc-*` suites and Ed25519Signature2020.

hashData = H(canonical proof configuration) || H(canonical unsecured document), where the proof
configuration is the proof without `proofValue`, carrying the document's `@context`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.suites.base import ProofFailedError

JsonObject = dict[str, Any]
HashFunction = Callable[[bytes], "hashlib._Hash"]


def proof_configuration(unsecured: JsonObject, proof: JsonObject) -> JsonObject:
    """The proof options to canonicalize: the proof without its value, in the document's context.

    Raises:
        ProofFailedError: the proof's own `@context` is not a prefix of the document's.
    """
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    document_context = unsecured.get("@context")
    proof_context = options.get("@context")
    if proof_context is not None:
        doc_list = document_context if isinstance(document_context, list) else [document_context]
        proof_list = proof_context if isinstance(proof_context, list) else [proof_context]
        if doc_list[: len(proof_list)] != proof_list:
            raise ProofFailedError("The proof's context does not match the credential's.")
    options["@context"] = document_context
    return options


def rdfc_hash_data(
    unsecured: JsonObject,
    proof: JsonObject,
    canonicalizer: Canonicalizer,
    hash_function: HashFunction,
) -> bytes:
    """The bytes a `*-rdfc-*` proof signs."""
    config = proof_configuration(unsecured, proof)
    hash_name = hash_function(b"").name
    canonical_config = canonicalizer.canonicalize(config, hash_name)
    canonical_document = canonicalizer.canonicalize(unsecured, hash_name)
    return (
        hash_function(canonical_config.encode("utf-8")).digest()
        + hash_function(canonical_document.encode("utf-8")).digest()
    )
