"""Provides `TrustNotice` and `trust_notice`: the scanning screen's line about trust lists.

A kiosk with no trust list configured trusts no issuer, so every credential, however genuine,
ends at best CHECK MANUALLY. Staff must know that before the first candidate, not learn it from
the verdicts: the scanning screen says so plainly. Under `--demo` it says the demo issuer is
trusted, so a demonstration set-up is never mistaken for a real desk.
"""

from __future__ import annotations

from textual.widgets import Static

from kiosk.settings import KioskSettings

NO_TRUST_LIST = "No trust list is configured: every issuer will be CHECK MANUALLY."
NO_TRUST_LIST_DEMO = (
    "No trust list is configured: every issuer will be CHECK MANUALLY "
    "(only the demo images use the demo list)."
)
DEMO_TRUSTED = "Demo: the demo issuer, whose key is public, is trusted. Not for a real desk."


def trust_notice(settings: KioskSettings, *, demo_images: bool) -> str | None:
    """What the scanning screen says about trust, or None when there is nothing to say."""
    if settings.demo:
        return DEMO_TRUSTED
    if settings.trust_list_paths or settings.trust_config is not None:
        return None
    return NO_TRUST_LIST_DEMO if demo_images else NO_TRUST_LIST


class TrustNotice(Static):
    """One warning line under the scanning status (styled in `kiosk.tcss`, `#trust-notice`)."""

    def __init__(self, text: str) -> None:
        super().__init__(text, id="trust-notice", markup=False)
