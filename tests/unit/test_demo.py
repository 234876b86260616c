"""The demo set: reproducible by its script, and each file gives the verdict it demonstrates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.context_setup import build_context
from kiosk.settings import KioskSettings
from kiosk.verification import Verdict, verify_payload
from tests.helpers import NOW

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "01-valid": Verdict.VERIFIED,
    "02-tampered": Verdict.NOT_VERIFIED,
    "03-expired": Verdict.NOT_VERIFIED,
    "04-unknown-issuer": Verdict.CHECK_MANUALLY,
    "05-garbage": Verdict.NOT_VERIFIED,
}


def test_each_demo_credential_gives_its_verdict_in_demo_mode() -> None:
    context = build_context(KioskSettings(), now=NOW, demo=True)
    for path in sorted((ROOT / "kiosk/demo/credentials").iterdir()):
        assert verify_payload(path.read_bytes(), context).verdict is EXPECTED[path.stem], path.name


def test_demo_script_reproduces_the_committed_files(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for part in ("kiosk", "scanners", "trust_lists", "scripts"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "scripts/make_demo.py"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
        env={"PYTHONPATH": str(copy)},
    )
    for relative in (
        "trust_lists/shipped/demo.json",
        *(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk/demo").rglob("*") if p.is_file()),
    ):
        assert (copy / relative).read_bytes() == (ROOT / relative).read_bytes(), relative
