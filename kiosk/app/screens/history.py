"""Provides `HistoryScreen`: the kiosk's recent verifications, for the operator (PIN).

One row per verification, newest first: time, verdict, issuer, achievement, the holder's
initials (names are never stored), the checks that did not pass and where the code came from.
E exports every kept row as CSV. Rows are read in a thread; every cell is plain text (a
credential's issuer or achievement name cannot style the table).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from kiosk.app.widgets.key_footer import KeyFooter
from kiosk.history import HistoryEntry, HistoryLog
from kiosk.verification.plain_text import plain_text

SHOWN_ROWS = 500
"""At most this many rows are shown (the export has them all)."""

COLUMNS = ("Time (UTC)", "Verdict", "Holder", "Issuer", "Achievement", "Not passed", "From")
NAME_WIDTH = 28
"""Issuer and achievement names are cut to this many characters (the export has them whole)."""


def row_cells(entry: HistoryEntry) -> tuple[Text, ...]:
    """One table row as plain text cells (never markup)."""
    when = entry.checked_at.replace("T", " ")[:16]
    values = (
        (when, 16),
        (entry.verdict, 16),
        (entry.holder_initials or "—", 10),
        (entry.issuer or "—", NAME_WIDTH),
        (entry.achievement or "—", NAME_WIDTH),
        (entry.problems or "—", 60),
        (entry.origin, 20),
    )
    return tuple(Text(plain_text(value, limit=limit), no_wrap=True) for value, limit in values)


class HistoryScreen(Screen[None]):
    """Recent verifications in a table; E exports the history as CSV."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "app.export_history", "Export CSV"),
    ]

    class Loaded(Message):
        """Rows read from the history (posted by the loading thread)."""

        def __init__(self, entries: list[HistoryEntry], total: int) -> None:
            super().__init__()
            self.entries = entries
            self.total = total

    def __init__(self, history: HistoryLog) -> None:
        super().__init__(id="history")
        self._history = history

    def compose(self) -> ComposeResult:
        yield Static("Verification history", classes="screen-title", markup=False)
        yield Static("Reading the history…", id="history-summary", markup=False)
        table: DataTable[Text] = DataTable(id="history-table", zebra_stripes=True)
        table.cursor_type = "row"
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.reload()

    @work(thread=True, exclusive=True, group="history")
    def reload(self) -> None:
        """Read the newest rows again (in a thread)."""
        self.post_message(self.Loaded(self._history.recent(SHOWN_ROWS), self._history.count()))

    def on_history_screen_loaded(self, message: HistoryScreen.Loaded) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear()
        for entry in message.entries:
            table.add_row(*row_cells(entry))
        days = self._history.retention_days
        kept = "nothing is kept" if days == 0 else f"kept for {days} days"
        shown = (
            ""
            if message.total <= len(message.entries)
            else f", newest {len(message.entries)} shown"
        )
        self.query_one("#history-summary", Static).update(
            f"{message.total} verification{'s' if message.total != 1 else ''} ({kept}{shown}). "
            "Holders are shown by initials only."
        )
        table.focus()
