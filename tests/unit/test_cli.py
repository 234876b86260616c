"""`kiosk verify` and its contract: JSON shape, exit codes, inputs (JSON, payload, image, stdin)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "kiosk" / "demo"
NOW = "2026-11-24T12:00:00Z"
CHECK_IDS = {
    "payload",
    "format",
    "proof",
    "issuer-key",
    "trust",
    "dates",
    "status",
    "anchor",
    "holder",
}


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["verify", *args, "--json", "--now", NOW])
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.mark.parametrize(
    ("name", "verdict", "code"),
    [
        ("credentials/01-valid.json", "VERIFIED", 0),
        ("credentials/02-tampered.json", "NOT VERIFIED", 1),
        ("credentials/03-expired.json", "NOT VERIFIED", 1),
        ("credentials/04-unknown-issuer.json", "CHECK MANUALLY", 2),
        ("credentials/05-garbage.txt", "NOT VERIFIED", 1),
        ("qr/01-valid.png", "VERIFIED", 0),
        ("qr/02-tampered.png", "NOT VERIFIED", 1),
        ("qr/04-unknown-issuer.png", "CHECK MANUALLY", 2),
        ("qr/05-garbage.png", "NOT VERIFIED", 1),
    ],
)
def test_demo_inputs_give_their_verdicts_and_exit_codes(
    capsys: pytest.CaptureFixture[str], name: str, verdict: str, code: int
) -> None:
    exit_code, report = run_json(capsys, str(DEMO / name), "--demo")
    assert (report["verdict"], exit_code) == (verdict, code)


def test_json_contract_shape(capsys: pytest.CaptureFixture[str]) -> None:
    _, report = run_json(capsys, str(DEMO / "credentials/01-valid.json"), "--demo")
    assert {
        "verdict",
        "checks",
        "issuer",
        "holder",
        "achievement",
        "issued",
        "valid_from",
        "valid_until",
    } <= set(report)
    checks = report["checks"]
    assert isinstance(checks, list)
    for check in checks:
        assert check["id"] in CHECK_IDS
        assert check["status"] in {"passed", "failed", "not done"}
        assert isinstance(check["reason"], str) and check["reason"]
    assert report["issuer"] == {"value": "Northfield College (demo issuer)", "source": "trust list"}
    assert report["holder"] == {"value": "Alex Candidate", "source": "signed"}


def test_expired_demo_names_the_date(capsys: pytest.CaptureFixture[str]) -> None:
    _, report = run_json(capsys, str(DEMO / "credentials/03-expired.json"))
    dates = [c for c in report["checks"] if c["id"] == "dates"]  # type: ignore[union-attr]
    assert dates[0]["status"] == "failed" and "30 Jun 2025" in dates[0]["reason"]


def test_demo_option_adds_the_demo_list_to_the_configured_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"format": "credential-kiosk-trust-list/1", "issuers": []}))
    code, report = run_json(
        capsys, str(DEMO / "credentials/01-valid.json"), "--trust-list", str(empty)
    )
    assert (report["verdict"], code) == ("CHECK MANUALLY", 2)
    code, report = run_json(
        capsys, str(DEMO / "credentials/01-valid.json"), "--trust-list", str(empty), "--demo"
    )
    assert (report["verdict"], code) == ("VERIFIED", 0)


def test_now_option_changes_the_dates_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "verify",
            str(DEMO / "credentials/03-expired.json"),
            "--demo",
            "--json",
            "--now",
            "2024-06-01T00:00:00Z",
        ]
    )
    assert code == 0 and json.loads(capsys.readouterr().out)["verdict"] == "VERIFIED"


@pytest.mark.parametrize(
    "args",
    [
        ["verify"],
        ["verify", "/nonexistent/file.json"],
        ["verify", "x", "--now", "yesterday"],
        ["verify", "x", "--bogus"],
        ["verify", str(DEMO / "credentials/01-valid.json"), "--trust-list", "/nonexistent.json"],
    ],
)
def test_usage_errors_exit_64(args: list[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        raise SystemExit(main(args))
    assert raised.value.code == EXIT_USAGE


def test_console_script_reads_stdin_and_prints_text() -> None:
    kiosk = Path(sys.executable).with_name("kiosk")
    payload = (DEMO / "credentials/02-tampered.json").read_bytes()
    done = subprocess.run(
        [str(kiosk), "verify", "-", "--now", NOW],
        input=payload,
        capture_output=True,
        timeout=60,
        check=False,
    )
    text = done.stdout.decode()
    assert done.returncode == 1
    assert text.startswith("✘ NOT VERIFIED")
    assert "failed" in text and "Signature" in text
    assert "claimed" in text
