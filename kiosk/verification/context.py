"""What one verification runs with: the instant, the trust lists, the contexts, the limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.settings import KioskSettings
from kiosk.verification.jsonld.loader import BundledContexts, bundled_contexts
from trust_lists import TrustRegistry, load_trust_list, shipped_trust_list_paths


@dataclass(frozen=True, slots=True)
class VerificationContext:
    """Inputs every check may read; nothing here changes during a verification."""

    now: datetime
    trust: TrustRegistry
    contexts: BundledContexts
    clock_skew: timedelta = timedelta(minutes=5)
    offline: bool = False
    max_payload_bytes: int = 256 * 1024


def build_context(settings: KioskSettings, now: datetime | None = None) -> VerificationContext:
    """A context from operator settings; loads the trust lists (raises `TrustListError`)."""
    paths = settings.trust_list_paths or shipped_trust_list_paths()
    registry = TrustRegistry(tuple(load_trust_list(path) for path in paths))
    return VerificationContext(
        now=now if now is not None else settings.clock(),
        trust=registry,
        contexts=bundled_contexts(),
        clock_skew=settings.clock_skew,
        offline=settings.offline,
        max_payload_bytes=settings.max_payload_bytes,
    )
