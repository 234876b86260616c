"""The headless core never imports the UI toolkit (checked in a fresh interpreter)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EDDSA_CREDENTIAL = ROOT / "tests/fixtures/vectors/peer-generated/ob3-vc2-eddsa-rdfc-2022.json"


@pytest.mark.parametrize(
    "module", ["kiosk.verification", "kiosk.cli", "kiosk.cli_verify", "scanners", "trust_lists"]
)
def test_headless_modules_do_not_import_textual_or_rich(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'}); "
        "print(','.join(bad))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""


VERIFY_PROBE = """
import atexit, runpy, sys
def loaded():
    heavy = {'cv2', 'numpy', 'zxingcpp', 'pyzbar', 'textual', 'rich', 'httpx', 'httpcore',
             'joserfc', 'kiosk.verification.sd_jwt', 'kiosk.net.transport'}
    names = {m for m in sys.modules if m in heavy or m.split('.')[0] in heavy}
    sys.stderr.write('LOADED:' + ','.join(sorted(n for n in names if n in heavy)) + '\\n')
atexit.register(loaded)
sys.argv = ['kiosk', 'verify', sys.argv[1], '--offline']
runpy.run_module('kiosk', run_name='__main__')
"""


def test_verifying_a_json_credential_offline_loads_only_what_it_needs(tmp_path: Path) -> None:
    """`kiosk verify` on a JSON credential: no camera, UI, HTTP stack, JOSE or SD-JWT code."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    env["XDG_DATA_HOME"] = env["XDG_STATE_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", VERIFY_PROBE, str(EDDSA_CREDENTIAL)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert "VERIFIED" in done.stdout or "CHECK MANUALLY" in done.stdout, done.stderr[-500:]
    assert "LOADED:\n" in done.stderr
