"""Issue 12 finding 2: nothing is trusted by default.

The demo issuer's key derives from a public string (`scripts/make_demo.py`), so anyone can sign
a "Doctor of Medicine" with it. The demo list is used only in demo mode (the bundled demo images,
or an explicit `--demo`), never by `kiosk verify` or a camera/scanner kiosk unless a configured
trust list names the demo issuer. A configured list that cannot be loaded stops `kiosk run`.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from kiosk.app import jobs
from kiosk.cli import EXIT_USAGE, main
from kiosk.settings import KioskSettings
from kiosk.verification import CheckId, CheckStatus, Verdict
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import DEMO_LISTS

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "kiosk" / "demo" / "credentials"
NOW = "2026-11-24T12:00:00Z"


def _public_demo_key() -> ed25519.Ed25519PrivateKey:
    """What an attacker does: derive the demo key from the string in the public repository."""
    seed = hashlib.sha256(b"credential-kiosk demo key: Northfield College").digest()
    return ed25519.Ed25519PrivateKey.from_private_bytes(seed)


def _forged_doctor() -> bytes:
    key = _public_demo_key()
    document: dict[str, Any] = json.loads((DEMO / "01-valid.json").read_bytes())
    document.pop("proof")
    assert document["issuer"]["id"] == did_key_for(key), "the demo key is the public one"
    document = copy.deepcopy(document)
    document["name"] = "Doctor of Medicine"
    document["credentialSubject"]["name"] = "Mallory Forger"
    document["credentialSubject"]["achievement"]["name"] = "Doctor of Medicine"
    signed = sign_eddsa_rdfc_2022(document, key, "2026-11-01T09:00:00Z")
    return json.dumps(signed).encode()


FORGED = _forged_doctor()


@pytest.fixture
def forged_file(tmp_path: Path) -> Path:
    path = tmp_path / "doctor.json"
    path.write_bytes(FORGED)
    return path


def _verify_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["verify", *args, "--json", "--now", NOW])
    return code, json.loads(capsys.readouterr().out)


def test_kiosk_verify_does_not_trust_the_demo_issuer(
    capsys: pytest.CaptureFixture[str], forged_file: Path
) -> None:
    code, report = _verify_json(capsys, str(forged_file))
    assert report["verdict"] != "VERIFIED" and code != 0
    trust = next(c for c in report["checks"] if c["id"] == "trust")
    assert trust["status"] != "passed"
    assert report["achievement"]["source"] != "trust list"


def test_kiosk_verify_trusts_the_demo_issuer_only_when_asked(
    capsys: pytest.CaptureFixture[str], forged_file: Path
) -> None:
    code, report = _verify_json(capsys, str(forged_file), "--demo")
    assert (report["verdict"], code) == ("VERIFIED", 0)
    code, report = _verify_json(capsys, str(forged_file), "--trust-list", str(DEMO_LISTS[0]))
    assert (report["verdict"], code) == ("VERIFIED", 0), "a configured list naming it is trusted"


def test_a_scanned_code_signed_with_the_demo_key_is_not_verified_by_the_app() -> None:
    """The app's verifier, as a camera, keyboard or serial scanner kiosk uses it."""
    verifier = jobs.Verifier(KioskSettings(offline=True))
    report = verifier(FORGED, lambda _label: None)
    assert report.verdict is not Verdict.VERIFIED
    trust = report.check(CheckId.TRUST)
    assert trust is not None and trust.status is not CheckStatus.PASSED


def test_the_demo_images_still_verify_in_demo_mode() -> None:
    verifier = jobs.Verifier(KioskSettings(offline=True))
    valid = (DEMO / "01-valid.json").read_bytes()
    assert verifier.verify_demo_image(valid, lambda _label: None).verdict is Verdict.VERIFIED
    assert verifier(valid, lambda _label: None).verdict is Verdict.CHECK_MANUALLY


def test_explicit_demo_setting_trusts_the_demo_issuer_for_every_code() -> None:
    verifier = jobs.Verifier(KioskSettings(offline=True, demo=True))
    assert verifier(FORGED, lambda _label: None).verdict is Verdict.VERIFIED


def _kiosk_run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "run", "--serial", "off", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize("content", [None, b"{not json", b'{"format": "something else"}'])
def test_kiosk_run_stops_at_start_on_a_trust_list_it_cannot_load(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "list.json"
    if content is not None:
        path.write_bytes(content)
    done = _kiosk_run(["--trust-list", str(path)], tmp_path)
    assert done.returncode == EXIT_USAGE
    assert f"trust list {path}" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_kiosks_worker_process_trusts_the_demo_issuer_for_the_demo_images_only() -> None:
    """The app verifies in a worker process (the hard deadline): the same rule holds there."""
    verifier = jobs.IsolatedVerifier(KioskSettings(offline=True))
    try:
        valid = (DEMO / "01-valid.json").read_bytes()
        assert verifier.verify_demo_image(valid, lambda _label: None).verdict is Verdict.VERIFIED
        assert verifier(FORGED, lambda _label: None).verdict is not Verdict.VERIFIED
        assert verifier(valid, lambda _label: None).verdict is Verdict.CHECK_MANUALLY
    finally:
        verifier.close()
