"""Fixtures for the app tests: anyio on asyncio, settings with no auto-return."""

from __future__ import annotations

import pytest

from kiosk.settings import KioskSettings


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def demo_settings() -> KioskSettings:
    """Demo mode (no camera index); the verdict screen stays until a key (deterministic)."""
    return KioskSettings(return_after_seconds=0)
