"""`kiosk verify` on an SD-JWT VC: exit codes, the claims in --json, --require-holder-binding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.unit.sd_jwt.builder import ISSUER, issue


@pytest.fixture
def trust_list(tmp_path: Path) -> Path:
    path = tmp_path / "trust.json"
    entry = {"id": ISSUER, "name": "Test University"}
    path.write_text(json.dumps({"format": "credential-kiosk-trust-list/1", "issuers": [entry]}))
    return path


def run(tmp_path: Path, trust_list: Path, text: str, *extra: str) -> int:
    payload = tmp_path / "payload.txt"
    payload.write_text(text)
    args = ["verify", str(payload), "--json", "--offline", "--trust-list", str(trust_list)]
    return main([*args, "--now", "2026-11-24T12:00:00Z", *extra])


def test_the_json_report_lists_the_disclosed_claims(
    tmp_path: Path, trust_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(tmp_path, trust_list, issue().present(bind=False))
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert {"label": "degree", "value": "MSc Applied Physics", "source": "signed"} in report[
        "claims"
    ]
    assert report["credential_type"] == "SD-JWT VC (dc+sd-jwt)"


def test_require_holder_binding_makes_an_unbound_credential_check_manually(
    tmp_path: Path, trust_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(tmp_path, trust_list, issue().present(bind=False), "--require-holder-binding")
    report = json.loads(capsys.readouterr().out)
    assert code == 2
    assert any(c["id"] == "holder" and c["status"] == "not done" for c in report["checks"])


def test_the_kiosk_challenge_and_domain_bind_the_key_binding_jwt(
    tmp_path: Path, trust_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    presented = issue().present(nonce="n-42", aud="https://desk.example")
    assert (
        run(
            tmp_path,
            trust_list,
            presented,
            "--challenge",
            "n-42",
            "--domain",
            "https://desk.example",
        )
        == 0
    )
    capsys.readouterr()
    assert run(tmp_path, trust_list, presented, "--challenge", "n-43") == 1
