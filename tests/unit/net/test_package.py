"""`kiosk.net` exports what it documents and stays headless (no UI toolkit, no verification)."""

from __future__ import annotations

import subprocess
import sys

import kiosk.net


def test_every_exported_name_exists_and_is_public() -> None:
    for name in kiosk.net.__all__:
        assert hasattr(kiosk.net, name), name
    public = {n for n in vars(kiosk.net) if not n.startswith("_")} - {"annotations"}
    modules = {"addresses", "body", "cache", "errors", "fetcher", "policy", "retrieve"}
    assert public - modules - {"transport", "urls"} == set(kiosk.net.__all__)


def test_the_network_package_imports_neither_the_ui_nor_the_verifier() -> None:
    code = (
        "import sys, kiosk.net; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'} "
        "or m.startswith('kiosk.verification')); print(','.join(bad))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""
