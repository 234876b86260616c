"""`kiosk.net` exports what it documents and stays headless (no UI toolkit, no verification)."""

from __future__ import annotations

import subprocess
import sys
import types

import kiosk.net


def test_every_exported_name_exists_and_is_public() -> None:
    for name in kiosk.net.__all__:
        assert hasattr(kiosk.net, name), name
    public = {n for n in vars(kiosk.net) if not n.startswith("_")} - {"annotations"}
    modules = {n for n in public if isinstance(getattr(kiosk.net, n), types.ModuleType)}
    assert public - modules == set(kiosk.net.__all__)


HTTP_STACK_PROBE = """
import sys
import kiosk.net
print(sorted(m for m in sys.modules if m.split('.')[0] in {'httpx', 'httpcore'}))
try:
    kiosk.net.GuardedFetcher().fetch('https://localhost/')
except kiosk.net.FetchError:
    pass
print('kiosk.net.transport' in sys.modules)
"""


def test_the_http_stack_is_loaded_by_the_first_fetch_not_by_the_import() -> None:
    done = subprocess.run(
        [sys.executable, "-c", HTTP_STACK_PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == ["[]", "True"]


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
