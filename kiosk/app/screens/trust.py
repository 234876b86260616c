"""Provides `TrustScreen`: the trust sources this kiosk uses, read-only, for anyone (no PIN).

First each source in the operator's order: its name and kind, its state (loaded, could not be
checked and why, expired), its freshness (fetched when, from a saved copy "as of", valid until —
with a warning when the end is near or the copy is stale), who signed it and its governance URL;
then, source by source, the issuers it names:
the trusted name staff see, the issuer id credentials must state, the note and what the
registry says. Registry text is shown as plain text (never markup) and URLs are never fetched.
The sources are loaded in a thread; a failure is reported in words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import PurePath
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
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

NEAR_EXPIRY = timedelta(days=7)
"""A source ending sooner than this is flagged on screen."""
STALE_AFTER = timedelta(days=7)
"""A saved copy older than this is flagged as stale (it is still used up to the cache age
limit, 30 days by default)."""


def issuer_lines(issuer: TrustedIssuer) -> list[str]:
    """How one trusted issuer is described on screen: its name, then detail lines."""
    lines = [issuer.name, f"id: {issuer.id}"]
    if issuer.valid_from or issuer.valid_until:
        start = format_instant(issuer.valid_from) if issuer.valid_from else "always"
        end = format_instant(issuer.valid_until) if issuer.valid_until else "no end"
        lines.append(f"trusted from {start} until {end}")
    if issuer.note:
        lines.append(issuer.note)
    lines.extend(f"{label}: {text}" for label, text in issuer.details)
    if issuer.unconfirmed:
        lines.append(f"not confirmed: {issuer.unconfirmed}")
    return lines


def source_lines(source: TrustList, now: datetime) -> tuple[str, list[str], str]:
    """(state line, detail lines, state class) for one source."""
    if source.problem:
        return f"Could not be checked: {source.problem}", [], "-problem"
    if source.valid_until is not None and source.valid_until < now:
        state = f"Expired on {format_instant(source.valid_until)}: not used"
        return state, [], "-problem"
    entries = (
        "asked about each issuer when a credential is checked"
        if source.lookup is not None
        else f"{len(source.issuers)} issuer{'' if len(source.issuers) == 1 else 's'}"
    )
    state, css = f"Loaded — {entries}", "-loaded"
    details: list[str] = []
    if source.fetched_at is not None:
        fetched = format_instant(source.fetched_at)
        details.append(f"saved copy as of {fetched}" if source.from_cache else f"fetched {fetched}")
    else:
        details.append(f"file {PurePath(source.source).name}")
    if source.valid_until is not None:
        left = source.valid_until - now
        details.append(f"valid until {format_instant(source.valid_until)}")
        if left < NEAR_EXPIRY:
            hours = max(1, int(left.total_seconds() // 3600))
            when = f"{hours} hours" if hours < 48 else f"{hours // 24} days"
            state = f"{state} — expires in {when}: refresh it (kiosk sync)"
            css = "-warning"
    if source.from_cache and source.fetched_at is not None and css == "-loaded":
        age = now - source.fetched_at
        if age > STALE_AFTER:
            state = f"{state} — stale: saved {age.days} days ago, refresh it (kiosk sync)"
            css = "-warning"
    if source.signed_by:
        details.append(f"signed by {source.signed_by}")
    if source.governance:
        details.append(f"governance: {source.governance}")
    if source.test_only:
        details.append("test only: its matches give CHECK MANUALLY")
    return state, details, css


class TrustScreen(Screen[None]):
    """The trust sources in use and the issuers they name (read-only)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    class Loaded(Message):
        """The registry was loaded (or `problem` says why not)."""

        def __init__(self, registry: TrustRegistry | None, problem: str | None) -> None:
            super().__init__()
            self.registry = registry
            self.problem = problem

    def __init__(
        self,
        load: Callable[[], TrustRegistry],
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(id="trust")
        self._load = load
        self._clock = clock or (lambda: datetime.now(UTC))

    def compose(self) -> ComposeResult:
        yield Static("Trust sources", classes="screen-title", markup=False)
        yield VerticalScroll(
            Static("Reading the trust sources…", markup=False), id="trust-body", can_focus=False
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
            self.post_message(self.Loaded(None, f"The trust sources could not be loaded: {reason}"))
            return
        self.post_message(self.Loaded(registry, None))

    async def on_trust_screen_loaded(self, message: TrustScreen.Loaded) -> None:
        body = self.query_one("#trust-body", VerticalScroll)
        await body.remove_children()
        if message.registry is None:
            await body.mount(Static(plain(message.problem or ""), classes="fact -problem"))
            return
        now = self._clock()
        widgets: list[Static] = []
        sources = message.registry.lists
        for position, source in enumerate(sources, start=1):
            title = f"{position}. {source.name} — {source.kind}"
            widgets.append(Static(plain(title), classes="section-title"))
            state, details, css = source_lines(source, now)
            widgets.append(Static(plain(state), classes=f"trust-state {css}"))
            widgets.extend(Static(plain(line), classes="trust-detail") for line in details)
        for position, source in enumerate(sources, start=1):
            if not source.issuers:
                continue
            heading = f"Issuers in {position}. {source.name}"
            widgets.append(Static(plain(heading), classes="section-title"))
            for issuer in source.issuers.values():
                name, *lines = issuer_lines(issuer)
                widgets.append(Static(plain(name), classes="trust-issuer"))
                widgets.extend(Static(plain(line), classes="trust-detail") for line in lines)
        if not message.registry.lists:
            widgets.append(
                Static("No trust source is configured: no issuer is trusted.", markup=False)
            )
        await body.mount_all(widgets)
