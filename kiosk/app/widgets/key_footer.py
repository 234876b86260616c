"""Provides `KeyFooter`: Textual's key footer, without its growth over a day of scans.

Textual's `Footer` recomposes its keys whenever the screen's bindings change (each verdict, each
return to scanning), and each new `FooterKey` is bound to the footer's `compact` reactive with
`data_bind`. That adds a watcher to the footer which Textual prunes only when `compact` changes
— never, in the kiosk — so every recompose kept the removed keys alive: about 1.5 MB a minute
in demo mode (`bench/soak_app.py`). After each recompose this footer forgets the watchers of
keys that are no longer attached.
"""

from __future__ import annotations

from textual.widgets import Footer

_WATCHERS = "__watchers"
"""Where Textual keeps the watchers `data_bind` adds (`textual.reactive._watch`)."""


class KeyFooter(Footer):
    """The key footer every kiosk screen shows."""

    async def recompose(self) -> None:
        await super().recompose()
        self.forget_removed_keys()

    def forget_removed_keys(self) -> None:
        """Drop the watchers of keys that were removed (they would keep them alive)."""
        watchers = getattr(self, _WATCHERS, None)
        if not isinstance(watchers, dict):
            return
        for entries in watchers.values():
            entries[:] = [(node, callback) for node, callback in entries if node.is_attached]
