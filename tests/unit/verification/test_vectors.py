"""Vectors made by other implementations verify as their manifests say.

The copied fixtures always run; the full sweep over `../shared/vectors/` runs when it is there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.verification import CheckId, CheckStatus, Verdict, verify_document
from tests.conftest import shared_vectors
from tests.helpers import FIXTURES, context, load_fixture

PEER = FIXTURES / "vectors" / "peer-generated"
PEER_MANIFEST = json.loads((PEER / "MANIFEST.json").read_text("utf-8"))
PEER_DI = [
    entry
    for entry in PEER_MANIFEST["files"]
    if entry["kind"] in {"vc-di", "vc-ld11"} and (PEER / entry["file"]).exists()
]


def status(report: Any, check_id: CheckId) -> CheckStatus | None:
    result = report.check(check_id)
    return None if result is None else result.status


@pytest.mark.parametrize("entry", PEER_DI, ids=lambda e: e["file"])
def test_peer_generated_credentials_verify_as_manifest_says(entry: dict[str, Any]) -> None:
    document = load_fixture(f"vectors/peer-generated/{entry['file']}")
    issuer = document["issuer"]["id"]
    report = verify_document(document, context({issuer: "Example Community College"}))
    if entry["expected"] == "valid":
        assert report.verdict is Verdict.VERIFIED, report.checks
        assert report.fields.issuer is not None
        assert report.fields.issuer.value == "Example Community College"
    else:
        assert report.verdict is Verdict.NOT_VERIFIED
        proof = report.check(CheckId.PROOF)
        assert proof is not None and proof.status is CheckStatus.FAILED
        assert "signature" in proof.reason.lower()


@pytest.mark.parametrize(
    "entry", [e for e in PEER_DI if e["expected"] == "valid"], ids=lambda e: e["file"]
)
def test_peer_generated_credential_from_untrusted_issuer_is_check_manually(
    entry: dict[str, Any],
) -> None:
    report = verify_document(load_fixture(f"vectors/peer-generated/{entry['file']}"), context())
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert status(report, CheckId.PROOF) is CheckStatus.PASSED
    assert status(report, CheckId.TRUST) is CheckStatus.NOT_DONE


W3C = sorted((FIXTURES / "vectors" / "w3c").glob("*.json"))


@pytest.mark.parametrize("path", W3C, ids=lambda p: p.name)
def test_w3c_vectors_signatures_verify(path: Path) -> None:
    """W3C cryptosuite vectors: the signature math verifies. They are not VERIFIED: their
    issuers are not trusted, and the "employ" vectors claim a did:key issuer but are signed by
    another did:key, which a did:key issuer cannot have (issuer-key fails)."""
    report = verify_document(json.loads(path.read_text("utf-8")), context())
    assert status(report, CheckId.PROOF) is CheckStatus.PASSED, report.checks
    if "employ" in path.name:
        assert status(report, CheckId.ISSUER_KEY) is CheckStatus.FAILED
        assert report.verdict is Verdict.NOT_VERIFIED
    else:
        assert status(report, CheckId.ISSUER_KEY) is CheckStatus.NOT_DONE
        assert report.verdict is Verdict.CHECK_MANUALLY


IN_SCOPE_SUITES = {
    "eddsa-rdfc-2022",
    "eddsa-jcs-2022",
    "ecdsa-rdfc-2019",
    "ecdsa-jcs-2019",
    "Ed25519Signature2020",
    "ecdsa-sd-2023",
}


def _shared_signed_vectors() -> list[tuple[Path, str]]:
    root = shared_vectors()
    manifest = json.loads((root / "MANIFEST.json").read_text("utf-8"))
    selected = []
    for entry in manifest["files"]:
        if not entry["path"].startswith(("w3c-vc-di-eddsa", "w3c-vc-di-ecdsa")):
            continue
        if entry.get("expected_verdict") != "valid":
            continue
        document = json.loads((root / entry["path"]).read_text("utf-8"))
        proofs = document.get("proof")
        proofs = proofs if isinstance(proofs, list) else [proofs]
        suites = {p.get("cryptosuite") or p.get("type") for p in proofs}
        if suites <= IN_SCOPE_SUITES:
            selected.append((root / entry["path"], entry["path"]))
    return selected


@pytest.mark.shared
def test_every_in_scope_shared_w3c_vector_signature_verifies() -> None:
    vectors = _shared_signed_vectors()
    assert vectors, "expected in-scope W3C vectors in ../shared/vectors"
    for path, name in vectors:
        report = verify_document(json.loads(path.read_text("utf-8")), context())
        assert status(report, CheckId.PROOF) is CheckStatus.PASSED, name


def test_proof_chain_needs_every_earlier_proof() -> None:
    chain = load_fixture("vectors/w3c/eddsa-rdfc-2022-signedProofChain1.json")
    report = verify_document(chain, context())
    proof = report.check(CheckId.PROOF)
    assert proof is not None and proof.status is CheckStatus.PASSED
    assert "chained" in proof.reason
    chain["proof"] = chain["proof"][1:]
    broken = verify_document(chain, context()).check(CheckId.PROOF)
    assert broken is not None and broken.status is CheckStatus.FAILED
    assert "missing" in broken.reason
