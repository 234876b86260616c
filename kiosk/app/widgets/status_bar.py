"""Provides `StatusBar`, the scanning screen's bottom lines about the kiosk itself.

Three parts side by side — online or offline; the trust sources loaded and how old they are;
when the issuers' keys and lists were last synced — each coloured by a class (`-fine`,
`-near` amber, `-stale` red; `kiosk.tcss`) and each saying it in words too. Under them, while
the operator PIN is still the demo PIN, a warning. The app fills it from a `KioskStatus`
gathered in a worker; until then it says what it knows (online or offline).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.kiosk_status import Freshness, KioskStatus

PIN_WARNING = "The operator PIN is still the demo PIN: set your own in Settings (O)."
FRESHNESS_CLASSES = {Freshness.FINE: "-fine", Freshness.NEAR: "-near", Freshness.STALE: "-stale"}


class StatusBar(Vertical):
    """Network, trust sources, sync age; and the demo-PIN warning."""

    def __init__(self, *, offline: bool, pin_warning: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self._offline = offline
        self._pin_warning = pin_warning

    def compose(self) -> ComposeResult:
        with Horizontal(id="status-parts"):
            network = "○ Offline: cached copies only" if self._offline else "● Online"
            yield Static(network, id="status-network", classes="status-part", markup=False)
            yield Static(
                "Loading trust lists…", id="status-trust", classes="status-part", markup=False
            )
            yield Static("", id="status-sync", classes="status-part", markup=False)
        yield Static(PIN_WARNING, id="pin-warning", markup=False)

    def on_mount(self) -> None:
        self.show_pin_warning(self._pin_warning)

    def show(self, status: KioskStatus) -> None:
        """Show the status gathered by the app's worker."""
        self._part("#status-network", status.network_text(), _network(status))
        self._part("#status-trust", status.trust_text(), status.trust_freshness())
        self._part("#status-sync", status.sync_text(), status.sync_freshness())

    def show_pin_warning(self, shown: bool) -> None:
        """Show the demo-PIN warning, or hide it once a PIN is set."""
        self.query_one("#pin-warning", Static).display = shown

    def _part(self, selector: str, text: str, freshness: Freshness) -> None:
        part = self.query_one(selector, Static)
        part.update(plain(text))  # may name a list from a file: plain text only
        part.remove_class(*FRESHNESS_CLASSES.values())
        part.add_class(FRESHNESS_CLASSES[freshness])


def _network(status: KioskStatus) -> Freshness:
    return Freshness.NEAR if status.offline else Freshness.FINE
