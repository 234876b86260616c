"""`kiosk portfolio`: the JSON shape and exit codes of issue 15, and the printable report
(rendered with pdftoppm and read back with pdftotext, compared with what the CLI printed)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.verification.suites.signing import did_key_for
from tests.employer_credentials import ESCO_KNIFE_SKILLS, rich_badge
from tests.helpers import make_key

TRUSTED = make_key("college")
STRANGER = make_key("stranger")
ROLE = f"""
name = "Commis Chef"
[[requirement]]
label = "Food hygiene rules"
alignment_url = "http://data.europa.eu/esco/skill/791fa659-3382-49f8-a8dd-505226d0da48"
[[requirement]]
label = "Knife skills"
alignment_url = "{ESCO_KNIFE_SKILLS}"
"""


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    trust = {
        "format": "credential-kiosk-trust-list/1",
        "name": "Test list",
        "publisher": "tests",
        "issuers": [{"id": did_key_for(TRUSTED), "name": "Northfield College"}],
    }
    (tmp_path / "trust.json").write_text(json.dumps(trust))
    (tmp_path / "role.toml").write_text(ROLE)
    (tmp_path / "hygiene.json").write_text(json.dumps(rich_badge(TRUSTED)))
    knife = rich_badge(
        STRANGER,
        achievement_id="urn:uuid:a1b2c3d4-0000-4000-8000-000000000002",
        name="Knife Skills",
        alignment_url=ESCO_KNIFE_SKILLS,
    )
    (tmp_path / "knife.json").write_text(json.dumps(knife))
    return tmp_path


def run(desk: Path, *extra: str) -> list[str]:
    return [
        "portfolio",
        "--role",
        str(desk / "role.toml"),
        "--trust-list",
        str(desk / "trust.json"),
        "--offline",
        "--now",
        "2026-11-24T12:00:00Z",
        *extra,
    ]


def test_json_shape_and_exit_codes(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(run(desk, "--json", str(desk / "hygiene.json"), str(desk / "knife.json")))
    out = json.loads(capsys.readouterr().out)
    assert code == 2  # nothing missing, knife skills only unconfirmed
    assert set(out) == {"holder", "credentials", "role"}
    assert [c["verdict"] for c in out["credentials"]] == ["VERIFIED", "CHECK MANUALLY"]
    assert [(r["label"], r["status"]) for r in out["role"]["requirements"]] == [
        ("Food hygiene rules", "met"),
        ("Knife skills", "unconfirmed"),
    ]
    assert out["role"]["requirements"][0]["credentials"] == [out["credentials"][0]["credential_id"]]
    assert out["holder"]["mismatch"] is False
    assert main(run(desk, "--json", str(desk / "knife.json"))) == 1  # hygiene missing
    capsys.readouterr()


def test_usage_errors_exit_64(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (desk / "bad.toml").write_text('name = "X"\n')
    assert main(["portfolio", "--role", str(desk / "bad.toml"), str(desk / "hygiene.json")]) == 64
    assert "at least one" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:  # argparse: --role is required
        main(["portfolio", str(desk / "hygiene.json")])
    assert exited.value.code == 64


def test_pdf_holds_what_the_cli_printed(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed")
    pdf = desk / "report.pdf"
    main(run(desk, "--pdf", str(pdf), str(desk / "hygiene.json"), str(desk / "knife.json")))
    printed = capsys.readouterr().out
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "Role: Commis Chef",
        "Checked: 2026-11-24 12:00 UTC",
        "MET: Food hygiene rules — Food Hygiene Level 2",
        "UNCONFIRMED: Knife skills — Knife Skills",
        "Every credential names the same holder: Alex Candidate.",
        "Northfield College",
        "Test list (tests): 1 issuers",
        "food hygiene rules (ESCO",
    ):
        assert expected in flat
    # every credential and reason the CLI printed is in the report
    for line in printed.splitlines():
        if line.startswith("  VERIFIED") or line.startswith("  CHECK MANUALLY"):
            assert " ".join(line.split()) in flat
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(desk / "page")], check=True)
    assert (desk / "page-1.png").stat().st_size > 1000
