"""ecdsa-sd-2023 derived proofs: the W3C vector verifies; any change to what was disclosed fails."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kiosk.verification import CheckId, CheckStatus, verify_document
from kiosk.verification.suites.base import ProofFailedError
from kiosk.verification.suites.ecdsa_sd import parse_derived_proof_value, relabel
from tests.helpers import context, load_fixture

DERIVED = load_fixture("vectors/w3c/ecdsa-sd-2023-employ-derivedRevealDocument.json")


def proof_status(document: dict[str, Any]) -> tuple[CheckStatus | None, str]:
    check = verify_document(document, context()).check(CheckId.PROOF)
    return (None, "") if check is None else (check.status, check.reason)


def test_w3c_derived_vector_verifies() -> None:
    assert proof_status(DERIVED)[0] is CheckStatus.PASSED


def test_changed_disclosed_statement_fails() -> None:
    changed = copy.deepcopy(DERIVED)
    changed["credentialSubject"]["birthCountry"] = "Canada"
    status, reason = proof_status(changed)
    assert status is CheckStatus.FAILED and "changed" in reason


def test_removed_disclosed_statement_fails() -> None:
    changed = copy.deepcopy(DERIVED)
    del changed["credentialSubject"]["birthCountry"]
    assert proof_status(changed)[0] is CheckStatus.FAILED


def test_base_proof_is_refused_with_a_reason() -> None:
    base = load_fixture("vectors/w3c-invalid/ecdsa-sd-2023-employ-addSignedSDBase.base-proof.json")
    status, reason = proof_status(base)
    assert status is CheckStatus.FAILED and "base proof" in reason


@pytest.mark.parametrize(
    "value", ["z123", "u", "uAAAA", "u2V0BgA", "u2V0AhVhA", 17, None, "u" + "A" * 50]
)
def test_malformed_proof_values_are_refused(value: Any) -> None:
    with pytest.raises(ProofFailedError):
        parse_derived_proof_value(value)


def test_relabelling_touches_blank_nodes_only() -> None:
    nquads = (
        '_:c14n1 <http://ex/p> "text with _:c14n0 inside" .\n'
        "_:c14n0 <http://ex/q> _:c14n1 _:c14n0 .\n"
    )
    lines = relabel(nquads, {"c14n0": "uAAA", "c14n1": "uBBB"})
    assert lines == [
        "_:uAAA <http://ex/q> _:uBBB _:uAAA .\n",
        '_:uBBB <http://ex/p> "text with _:c14n0 inside" .\n',
    ]
