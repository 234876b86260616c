"""The scanners package: headless, quiet OpenCV, safe text helpers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import scanners
from payloads import safe_preview, safe_text

ROOT = Path(__file__).resolve().parents[3]


def test_all_public_names_exist():
    assert scanners.__all__
    for name in scanners.__all__:
        assert hasattr(scanners, name), name


def test_importing_scanners_loads_no_ui_and_quietens_opencv():
    probe = (
        "import sys, os, scanners\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'kiosk'))\n"
        "print(bad)\n"
        "print(os.environ['OPENCV_LOG_LEVEL'])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENCV_LOG_LEVEL"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.splitlines() == ["[]", "ERROR"]
    assert result.stderr == ""


def test_safe_text_escapes_everything_but_printable_ascii():
    assert safe_text("ok \x1b[0m\t\u00e9\u202e\U0001f600\\") == (
        "ok \\x1b[0m\\x09\\xe9\\u202e\\U0001f600\\\\"
    )


def test_safe_text_limit_marks_the_cut():
    assert safe_text("abcdef", 3) == "abc..."
    assert safe_text("abc", 3) == "abc"


def test_safe_preview_shows_invalid_utf8_bytes_as_hex():
    assert safe_preview(b"a\xffb\xc3") == "a\\xffb\\xc3"


@given(st.binary(max_size=500), st.integers(min_value=0, max_value=80))
def test_safe_preview_is_always_printable_ascii(data: bytes, limit: int):
    preview = safe_preview(data, limit)
    assert all(0x20 <= ord(char) < 0x7F for char in preview)


@given(st.text(max_size=200))
def test_safe_text_is_always_printable_ascii(text: str):
    assert all(0x20 <= ord(char) < 0x7F for char in safe_text(text))
