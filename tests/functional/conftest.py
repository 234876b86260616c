"""Fixtures for the app tests: anyio on asyncio, settings with no auto-return, and the
operator file and history kept in a temporary folder (never the user's own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.settings import KioskSettings
from tests.helpers import DEMO_LISTS


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`make_app` writes under XDG dirs: point them into the test's own folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path


@pytest.fixture
def demo_settings() -> KioskSettings:
    """Demo mode (no camera index); the verdict screen stays until a key (deterministic)."""
    return KioskSettings(
        trust_list_paths=DEMO_LISTS, return_after_seconds=0, bell=False, serial_device="off"
    )
