"""The Blockcerts samples in `../shared/vectors/blockcerts/` and `peer-generated/`, as test cases.

Each `Case` names a certificate, its MANIFEST verdict, the kiosk's verdict, and what its world
holds: the documents the upstream test served (`test-network-mocks.json`: issuer profiles,
revocation lists, DID documents, by the upstream test's name) and the anchoring transaction the
upstream test injected (its `lookForTx` result: anchored data, paying address, time), published
on the local explorers in each API's shape. `mainnet-valid-2.0.json` is answered with the
explorer responses recorded for its very transaction (`explorer-lookup/`).

Anything a case serves that was not recorded upstream is marked `fabricated` with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.verification.blockcerts.certificate import merkle_receipt
from kiosk.verification.blockcerts.chains import Chain
from kiosk.verification.credential import recognise
from kiosk.verification.errors import VerificationError
from kiosk.verification.model import Verdict
from tests.conftest import SHARED_VECTORS
from tests.unit.blockcerts.chain_servers import Tx

BLOCKCERTS = SHARED_VECTORS / "blockcerts"
CVJS = BLOCKCERTS / "cert-verifier-js"
PEER = SHARED_VECTORS / "peer-generated"
OB2 = "https://w3id.org/openbadges/v2"

V, NV, CM = Verdict.VERIFIED, Verdict.NOT_VERIFIED, Verdict.CHECK_MANUALLY


@dataclass(frozen=True)
class Case:
    """One certificate and the world it is verified in."""

    path: str
    """Relative to `../shared/vectors/`."""
    manifest: str
    expected: Verdict
    because: str
    """A phrase the deciding check's reason contains."""
    mocks: str | None = None
    """The upstream e2e test whose recorded network answers are served."""
    tx_index: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)
    """More documents to serve: URL → JSON value (each one listed in `fabricated`)."""
    fabricated: str = ""
    peer_serve: bool = False
    """Serve the peer-generated MANIFEST `serve` map (and publish its explorer answer)."""
    untrusted: bool = False
    recorded_explorers: bool = False
    also: tuple[str, ...] = ()
    """Further upstream tests whose recorded documents are served for URLs not yet served."""
    caveat: str = ""
    """Why the kiosk's verdict differs from a MANIFEST "valid" (checked by the table test)."""

    @property
    def id(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def _empty_list(url: str) -> dict[str, Any]:
    return {"@context": OB2, "id": url, "type": "RevocationList", "revokedAssertions": []}


RELATIVE_IDS = (
    "The relative IRI 'text/html' (display.contentMediaType, typed @id by this context) is "
    "dropped from the signed data by JSON-LD to RDF; the kiosk's safe mode refuses it, as "
    "jsonld.js safe mode does, rather than verify a hash that silently omits it."
)
UNSIGNED_SAMPLE = (
    "MANIFEST 'valid' comes from a normalisation-only test: jsonld.js computes the same hash "
    "as the kiosk, and it is not the sample's targetHash"
)
SECP256K1_SD = (
    "a Blockcerts ecdsa-sd-2023 proof with a secp256k1 key (their fork of the cryptosuite); the "
    "standard suite takes P-256 and P-384 keys, so the kiosk says 'not supported', not 'failed'"
)
EMPTY_VP = "a presentation with no credential in it: the kiosk has nothing to verify"
REVOCATION_2_0_ALPHA = "https://w3id.org/blockcerts/samples/2.0-alpha/revocationList.json"
F = "blockcerts/cert-verifier-js/fixtures/"
S = "blockcerts/cert-schema/"
P = "peer-generated/"
CASES: tuple[Case, ...] = (
    # -- peer-generated (MerkleProof2019, signed by the Blockcerts encoder) --------------------
    Case(P + "blockcerts-v3-btc-testnet.json", "valid", V, "2 explorers agree", peer_serve=True),
    Case(
        P + "blockcerts-v3-btc-testnet.tampered.json",
        "invalid",
        NV,
        "changed since it was issued",
        peer_serve=True,
    ),
    Case(
        P + "blockcerts-v3-btc-testnet.revoked.json",
        "invalid",
        NV,
        "Revoked by the issuer",
        peer_serve=True,
    ),
    Case(P + "blockcerts-v3-mocknet.json", "valid", CM, "Test certificate", peer_serve=True),
    Case(
        P + "blockcerts-v3-mocknet.tampered.json",
        "invalid",
        NV,
        "changed since it was issued",
        peer_serve=True,
    ),
    Case(
        P + "blockcerts-v3-mocknet.revoked.json",
        "invalid",
        NV,
        "Revoked by the issuer",
        peer_serve=True,
    ),
    # -- Blockcerts v2 (MerkleProof2017) ---------------------------------------------------------
    Case(
        F + "v2/ethereum-main-valid-2.0.json",
        "valid",
        V,
        "Anchored on Ethereum",
        "ethereum-main-v2-valid",
        recorded_explorers=True,
    ),
    Case(
        F + "v2/ethereum-merkle-root-unmatch-2.0.json",
        "invalid proof",
        NV,
        "does not lead to its Merkle root",
        "ethereum-main-invalid-merkle-root",
    ),
    Case(
        F + "v2/ethereum-revoked-2.0.json",
        "revoked",
        NV,
        "Accidentally issued to Ethereum",
        "ethereum-main-revoked",
    ),
    Case(
        F + "v2/ethereum-ropsten-valid-2.0.json",
        "valid",
        V,
        "Ethereum Ropsten",
        "ethereum-ropsten-v2-valid",
    ),
    Case(
        F + "v2/mainnet-merkle-root-unmatch-2.0.json",
        "invalid proof",
        NV,
        "holds a different Merkle root",
        "mainnet-merkle-root-mismatch",
    ),
    Case(
        F + "v2/mainnet-valid-2.0.json",
        "valid",
        V,
        "Anchored on Bitcoin in",
        "mainnet-v2-valid",
        recorded_explorers=True,
    ),
    Case(F + "v2/mocknet-valid-2.0.json", "valid", CM, "Test certificate", "mocknet-v2-valid"),
    Case(
        F + "v2/testnet-revoked-key-2.0.json",
        "revoked issuer key",
        NV,
        "had revoked the paying address",
        "testnet-v2-revoked",
    ),
    Case(
        F + "v2/testnet-tampered-hashes-2.0.json",
        "tampered",
        NV,
        "changed since it was issued",
        "testnet-tampered-hashes",
    ),
    Case(
        F + "v2/testnet-valid-2.0.json",
        "valid",
        V,
        "paid by the issuer's own address",
        "testnet-v2-valid",
        extra={REVOCATION_2_0_ALPHA: _empty_list(REVOCATION_2_0_ALPHA)},
        fabricated="the profile's revocation list was not recorded upstream (cert-verifier-js "
        "fails open on it); served empty — without it the kiosk says CHECK MANUALLY",
    ),
    Case(
        F + "v2/testnet-valid-v1-issuer-2.0.json",
        "valid",
        V,
        "paid by the issuer's own address",
        "testnet-v2-issuer-v1",
    ),
    Case(F + "v1/testnet-valid-1.2.json", "unsupported", CM, "Blockcerts v1"),
    # -- Blockcerts v3 (MerkleProof2019), cert-verifier-js fixtures ----------------------------
    Case(
        F + "v3/testnet-v3-did.json",
        "valid",
        V,
        "paid by the issuer's key",
        "testnet-v3-did",
        also=("verify-v3",),  # the revocation list its profile names, recorded by verify-v3
    ),
    Case(
        F + "v3/testnet-v3-did--verification-method-not-referenced.json",
        "unknown issuer",
        NV,
        "not in",
        "testnet-v3-did--verification-method-not-referenced",
    ),
    Case(
        F + "v3/testnet-v3--tampered.json",
        "tampered",
        NV,
        "relative identifier",  # safe mode refuses it before the hash is even compared
        "verify-v3",
    ),
    Case(
        F + "v3/mocknet-vc-v2-validFrom-valid.json",
        "valid",
        CM,
        "Test certificate",
        "mocknet-vc-v2-validFrom-valid",
    ),
    Case(
        F + "v3/mocknet-vc-v2-validUntil-expired.json",
        "expired",
        NV,
        "Expired on",
        "mocknet-vc-v2-validUntil-invalid",
    ),
    Case(
        F + "v3/mocknet-vc-v2-invalid-date-format.json",
        "invalid",
        NV,
        "time zone",
        "mocknet-vc-v2-invalid-date-format",
    ),
    Case(
        F + "v3/mocknet-vc-v2-data-integrity-proof.json",
        "valid",
        CM,
        "Test certificate",
        "mocknet-vc-v2-data-integrity-proof",
    ),
    Case(
        F + "v3/mocknet-vc-v2-name-description.json",
        "valid",
        CM,
        "Test certificate",
        "mocknet-vc-v2-name-description",
    ),
    Case(
        F + "v3/mocknet-vc-v2-name-description-multilingual.json",
        "valid",
        CM,
        "Test certificate",
        "mocknet-vc-v2-name-description-multilingual",
    ),
    Case(
        F + "v3/mocknet-vc-v2-credential-subject-array.json",
        "valid",
        CM,
        "Test certificate",
        "mocknet-vc-v2-credential-subject-array",
    ),
    Case(
        F + "v3/mocknet-vc-v2-credential-schema.json",
        "valid",
        CM,
        "Test certificate",
        "mocknet-vc-v2-credential-schema",
    ),
    Case(
        F + "v3/mocknet-vc-v2-data-integrity-proof-multiple-signatures.json",
        "valid",
        CM,
        "Test certificate",
        "mocknet-vc-v2-data-integrity-proof-multiple-signatures",
    ),
    # Several proofs, each verified as cert-verifier-js does (a signature, then a Merkle proof
    # over the certificate with that signature); mocknet ones stay CHECK MANUALLY.
    Case(F + "v3/mocknet-v3-valid.json", "valid", CM, "Test certificate", "mocknet-v3-valid"),
    Case(
        F + "v3/example-non-chained-proofs.json",
        "valid",
        CM,
        "Test certificate",
        "multiple-proofs-non-chained",
    ),
    Case(
        F + "v3/proof-chain-example-ed25519.json",
        "valid",
        CM,
        "not a secp256k1 key",
        "proof-chain-example-ed25519",
        caveat=(
            "the anchoring transaction is paid by the did:ion key the chained proof names, while "
            "the issuer is an Ed25519 did:key with no address: the kiosk binds the issuing "
            "address to the issuer only, so the issuer-key check is not done"
        ),
    ),
    # The status list these name is signed (EcdsaSecp256k1Signature2019) by a did:key that is
    # not the certificate's issuer (its profile URL), and states no statusPurpose: read, with
    # the signer named and both facts noted in the details (docs/status.md).
    Case(
        F + "v3/cert-rl-status-list-2021.json",
        "valid (inferred)",
        V,
        "status-list-2021.json",
        "status-list-2021-v3-revoked",
    ),
    Case(
        F + "v3/cert-rl-status-list-2021-revoked.json",
        "revoked",
        NV,
        "Revoked, according to the status list at www.blockcerts.org/samples/3.0/status-list",
        "status-list-2021-v3-revoked",
    ),
    Case(
        F + "v3/testnet-v3--no-did.json",
        "unknown",
        NV,
        "changed since it was issued",
        "verify-v3",
        tx_index=1,
    ),
    Case(F + "v3/testnet-v3-hashlink.json", "unknown", NV, "changed since it was issued"),
    Case(F + "v3/blockcerts-3.0-alpha.json", "unknown", CM, "no block explorer is configured"),
    Case(
        F + "v3/blockcerts-3.0-beta.json",
        "unknown",
        NV,
        "relative identifier",
        caveat=RELATIVE_IDS,
    ),
    Case(
        F + "v3/blockcerts-3.0-beta-did-ethereum-ropsten.json",
        "unknown",
        NV,
        "relative identifier",
        caveat=RELATIVE_IDS,
    ),
    Case(F + "v3/certificate.json", "unknown", CM, "no block explorer is configured"),
    # -- in the Blockcerts folder, not anchored: the kiosk's other code paths ----------------
    Case(
        F + "v3/testnet-v3-verification-method-issuer-profile.json",
        "valid",
        V,
        "The signature is valid",
        "verification-method-issuer-profile",
    ),
    Case(
        F + "v3/ecdsa-sd-2023-derived-credential.json",
        "valid",
        CM,
        "secp256k1 keys are not supported",
        "ecdsa-sd-2023-derived",
        caveat=SECP256K1_SD,
    ),
    Case(
        F + "v3/ecdsa-sd-2023-signed-credential.json",
        "invalid proof",
        NV,
        "base proof",
        "ecdsa-sd-2023-signed",
    ),
    Case(F + "v3/vp-eddsa-rdfc-2022.json", "valid", NV, "holds no credentials", caveat=EMPTY_VP),
    Case(
        F + "v3/mocknet-verifiable-presentation.json",
        "valid",
        CM,
        "sealed by its issuer",
        "mocknet-verifiable-presentation",
    ),
    Case(
        F + "v3/mocknet-verifiable-presentation-failing-credential.json",
        "schema invalid",
        CM,
        "sealed by its issuer",
        "mocknet-verifiable-presentation-failing-credential",
    ),
    # -- cert-schema examples ----------------------------------------------------------------
    Case(S + "examples/1.1/sample_signed_cert-1.1.json", "unsupported", NV, "no @context"),
    Case(S + "examples/1.2/sample_signed_cert-1.2.json", "unsupported", CM, "Blockcerts v1"),
    Case(S + "examples/1.2/sample_invalid_cert-1.2.json", "invalid", CM, "Blockcerts v1"),
    Case(
        S + "examples/1.2/sample_signed_cert_multiple_signers-1.2.json",
        "unsupported",
        CM,
        "Blockcerts v1",
    ),
    Case(
        S + "examples/2.0-alpha/sample_valid.json",
        "valid",
        NV,
        "changed since it was issued",
        caveat=UNSIGNED_SAMPLE,
    ),
    Case(
        S + "examples/2.0-alpha/tampered_unmapped_fields.json", "tampered", NV, "no context defines"
    ),
    Case(
        S + "examples/2.0-alpha/tampered_unmapped_fields_vocab.json",
        "valid (normalisation)",
        NV,
        "no proof",
    ),
    Case(
        S + "examples/2.1/sample_valid.json",
        "valid",
        NV,
        "changed since it was issued",
        caveat=UNSIGNED_SAMPLE,
    ),
    Case(
        S + "examples/2.1/tampered_unmapped_fields_vocab.json",
        "valid (normalisation)",
        NV,
        "no proof",
    ),
    Case(
        S + "examples/3.0/bbba8553-8ec1-445f-82c9-a57251dd731c.json",
        "unknown",
        NV,
        "changed since it was issued",
    ),
    Case(S + "examples/3.0/cert-no-proof.json", "invalid", NV, "no proof"),
    # the example reuses the Ed25519 proof of proof-chain-example-ed25519 on other content
    Case(S + "examples/3.1/example.3.1.multisigned.json", "unknown", NV, "Its signature"),
    Case(
        S + "tests/normalization/v3/fixtures/v3-custom-context.json",
        "unknown",
        NV,
        "relative identifier",
    ),
    Case(S + "tests/normalization/v3/fixtures/v3-display-html.json", "unknown", NV, "no proof"),
)


@cache
def network_mocks() -> dict[str, Any]:
    """`test-network-mocks.json`: upstream e2e test name → its recorded network answers."""
    mocks = json.loads((CVJS / "test-network-mocks.json").read_text())
    return {
        case["test_file"].rsplit("/", 1)[-1].removesuffix(".test.ts"): case
        for case in mocks["cases"]
    }


def mocked_documents(test_name: str) -> dict[str, bytes]:
    """URL → body of every HTTP answer the upstream test served."""
    documents = {}
    for mock in network_mocks()[test_name]["http_mocks"]:
        response = mock["response"]
        if "inline_body" in response:
            body = json.dumps(response["inline_body"]).encode()
        else:
            relative = response["file"].removeprefix("test/")
            path = CVJS / relative
            if not path.exists():
                path = path.with_suffix(".json")
            body = path.read_bytes()
            if response.get("wrapped_as"):
                body = json.dumps({"didDocument": json.loads(body)}).encode()
        documents[mock["url"]] = body
    return documents


def mocked_tx(test_name: str, index: int, certificate: dict[str, Any]) -> Tx | None:
    """The anchoring transaction the upstream test injected, on the certificate's own chain."""
    results = network_mocks()[test_name]["lookForTx_results"]
    if not results:
        return None
    found = results[index]
    try:
        anchor = merkle_receipt(recognise(certificate)).anchors[0]
    except VerificationError:  # several proofs: the kiosk does not look the anchor up
        return None
    if anchor.chain is None or anchor.chain is Chain.MOCKNET:
        return None
    when = datetime.fromisoformat(found["time"].replace("Z", "+00:00"))
    return Tx(anchor.chain, anchor.tx_id, found["remoteHash"], found["issuingAddress"], when)


def read(path: str) -> bytes:
    return (SHARED_VECTORS / path).read_bytes()


def peer_manifest(name: str) -> dict[str, Any]:
    manifest = json.loads((PEER / "MANIFEST.json").read_text())
    entry: dict[str, Any] = next(f for f in manifest["files"] if f["file"] == name)
    return entry


def manifest_verdicts() -> dict[str, str]:
    """path → MANIFEST verdict, for every Blockcerts-looking file of the shared vectors."""
    manifest = json.loads((SHARED_VECTORS / "MANIFEST.json").read_text())
    verdicts = {
        entry["path"]: entry["expected_verdict"]
        for entry in manifest["files"]
        if entry["path"].startswith("blockcerts/") and entry.get("expected_verdict")
    }
    for entry in json.loads((PEER / "MANIFEST.json").read_text())["files"]:
        if entry.get("kind") == "blockcerts":
            verdicts[P + entry["file"]] = entry["expected"]
    return verdicts


def fixture_path(path: str) -> Path:
    return SHARED_VECTORS / path
