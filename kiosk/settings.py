"""Operator settings shared by the CLI and the app (one dataclass, no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path


def utc_now() -> datetime:
    """The real clock (UTC); tests and `--now` inject another."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class KioskSettings:
    """Everything the operator can set, with the defaults a fresh kiosk uses."""

    trust_list_paths: tuple[Path, ...] = ()
    """Trust lists to load; empty means the lists shipped in `trust_lists/shipped/`."""
    offline: bool = False
    """Forbid all network access."""
    clock: Callable[[], datetime] = utc_now
    """Where "now" comes from; `--now` fixes it to one instant."""
    clock_skew: timedelta = timedelta(minutes=5)
    """Tolerance on validity dates and proof creation times, for clocks a little off."""
    return_after_seconds: float = 12.0
    """How long the verdict screen stays before the kiosk returns to scanning by itself."""
    demo_interval_seconds: float = 8.0
    """In demo mode, how long each demo image is shown to the scanner before the next."""
    camera_index: int | None = None
    """A camera device index (`--camera N`); None means the demo frame source."""
    max_payload_bytes: int = 256 * 1024
    """Larger payloads are refused as "too large" before any parsing."""
    extra: dict[str, str] = field(default_factory=dict)
    """Reserved for later settings read from the settings screen."""
