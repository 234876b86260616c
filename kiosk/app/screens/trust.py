"""Provides `TrustScreen`: which issuers this kiosk trusts, for the operator (PIN).

The trust lists in use, each with its publisher and file, and under each the issuers it names:
the trusted name staff see, the issuer id credentials must state, the window of trust and the
note. Read-only: lists are files the institution manages (docs/trust-lists.md). The lists are
loaded in a thread; a list that cannot be loaded is reported in words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.app.widgets.key_footer import KeyFooter
from kiosk.verification.fields import format_instant
from trust_lists import TrustedIssuer, TrustRegistry


def issuer_lines(issuer: TrustedIssuer) -> list[str]:
    """How one trusted issuer is described on screen: its name, then detail lines."""
    lines = [issuer.name, f"id: {issuer.id}"]
    if issuer.valid_from or issuer.valid_until:
        start = format_instant(issuer.valid_from) if issuer.valid_from else "always"
        end = format_instant(issuer.valid_until) if issuer.valid_until else "no end"
        lines.append(f"trusted from {start} until {end}")
    if issuer.note:
        lines.append(issuer.note)
    return lines


class TrustScreen(Screen[None]):
    """The trust lists in use and the issuers they name."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    class Loaded(Message):
        """The registry was loaded (or `problem` says why not)."""

        def __init__(self, registry: TrustRegistry | None, problem: str | None) -> None:
            super().__init__()
            self.registry = registry
            self.problem = problem

    def __init__(self, load: Callable[[], TrustRegistry]) -> None:
        super().__init__(id="trust")
        self._load = load

    def compose(self) -> ComposeResult:
        yield Static("Trusted issuers", classes="screen-title", markup=False)
        yield VerticalScroll(
            Static("Reading the trust lists…", markup=False), id="trust-body", can_focus=False
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._read()

    @work(thread=True, exclusive=True, group="trust")
    def _read(self) -> None:
        try:
            registry = self._load()
        except Exception as error:  # a list that cannot be loaded: say so, do not crash
            reason = getattr(error, "reason", None) or str(error)
            self.post_message(self.Loaded(None, f"The trust lists could not be loaded: {reason}"))
            return
        self.post_message(self.Loaded(registry, None))

    async def on_trust_screen_loaded(self, message: TrustScreen.Loaded) -> None:
        body = self.query_one("#trust-body", VerticalScroll)
        await body.remove_children()
        if message.registry is None:
            await body.mount(Static(plain(message.problem or ""), classes="fact -problem"))
            return
        widgets: list[Static] = []
        for trust_list in message.registry.lists:
            widgets.append(Static(plain(f"List: {trust_list.name}"), classes="section-title"))
            file = Path(trust_list.source).name
            widgets.append(Static(plain(f"Published by {trust_list.publisher} — file {file}")))
            if not trust_list.issuers:
                widgets.append(Static("This list names no issuer.", markup=False))
            for issuer in trust_list.issuers.values():
                name, *details = issuer_lines(issuer)
                widgets.append(Static(plain(name), classes="trust-issuer"))
                widgets.extend(Static(plain(line), classes="trust-detail") for line in details)
        if not message.registry.lists:
            widgets.append(Static("No trust list is loaded: no issuer is trusted.", markup=False))
        await body.mount_all(widgets)
