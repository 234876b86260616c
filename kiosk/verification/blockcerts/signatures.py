"""The signatures a Blockcerts v3 certificate carries besides its Merkle proofs.

Blockcerts issuers may sign a certificate (EcdsaSecp256k1Signature2019, Ed25519Signature2020, a
Data Integrity proof) and then anchor it (a Merkle proof chained to the signature); as
cert-verifier-js does, every proof is verified. The signatures go through the same issuer-key
and proof checks as any credential (`checks.issuer_key`, `checks.proof`), on the certificate
with only its signature proofs: the key must be the issuer's, the suite supported, the
signature valid.
"""

from __future__ import annotations

import dataclasses

from kiosk.verification.blockcerts.certificate import is_merkle_proof
from kiosk.verification.checks.issuer_key import check_issuer_key
from kiosk.verification.checks.proof import check_proof
from kiosk.verification.checks.state import CredentialState
from kiosk.verification.errors import VerificationError, as_check_result
from kiosk.verification.model import CheckId, CheckResult, CheckStatus


def check_signatures(state: CredentialState) -> CheckResult | None:
    """The certificate's signature proofs checked (None when it has none); the result worst of
    their issuer-key and proof checks."""
    credential = state.credential
    signatures = tuple(p for p in credential.proofs if not is_merkle_proof(p))
    if not signatures:
        return None
    sub = CredentialState(
        dataclasses.replace(credential, proofs=signatures), state.context, state.canonicalizer
    )
    results = []
    for check_id, check in ((CheckId.ISSUER_KEY, check_issuer_key), (CheckId.PROOF, check_proof)):
        try:
            result = check(sub)
        except VerificationError as error:
            result = as_check_result(check_id, error)
        results.append(result)
        if result.status is CheckStatus.FAILED:
            break
    return next((r for r in results if r.status is CheckStatus.FAILED), None) or next(
        (r for r in results if r.status is CheckStatus.NOT_DONE), results[-1]
    )
