"""Provides the PIN dialogs: `PinScreen` (asks for the operator PIN) and `ChangePinScreen`.

Both are modal and typed by their result: True when the PIN was right (or changed), False when
cancelled. Hashing is slow on purpose (scrypt), so it runs in a thread, never on the UI.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kiosk.app.operator import OperatorStore, PinError, PinGuard, check_new_pin


def pin_input(id: str, placeholder: str) -> Input:
    """A masked field that takes digits only."""
    return Input(password=True, restrict=r"[0-9]*", max_length=12, id=id, placeholder=placeholder)


class PinScreen(ModalScreen[bool]):
    """ "Operator PIN" — Enter to confirm, Escape to cancel. Five wrong PINs lock it a minute."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, store: OperatorStore, guard: PinGuard, purpose: str) -> None:
        super().__init__(classes="pin-screen")
        self._store = store
        self._guard = guard
        self._purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Operator PIN", classes="dialog-title", markup=False)
            yield Static(self._purpose, classes="dialog-text", markup=False)
            yield pin_input("pin-input", "PIN")
            yield Static("", id="pin-message", classes="dialog-message", markup=False)
            yield Static("Enter to confirm · Escape to cancel", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._show_lock()

    def _show_lock(self) -> bool:
        locked = self._guard.seconds_locked
        if locked:
            self.query_one("#pin-message", Static).update(
                f"Too many wrong PINs. Try again in {locked} s."
            )
        return bool(locked)

    @on(Input.Submitted, "#pin-input")
    async def _submitted(self, event: Input.Submitted) -> None:
        field = event.input
        pin = field.value
        field.clear()
        if self._show_lock() or not pin:
            return
        if await asyncio.to_thread(self._store.check_pin, pin):
            self._guard.succeeded()
            self.dismiss(True)
            return
        self._guard.failed()
        if not self._show_lock():
            left = self._guard.tries_left
            self.query_one("#pin-message", Static).update(
                f"Wrong PIN. {left} {'try' if left == 1 else 'tries'} left."
            )

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChangePinScreen(ModalScreen[bool]):
    """A new PIN, typed twice; saved as a salted hash."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, store: OperatorStore) -> None:
        super().__init__(classes="pin-screen")
        self._store = store

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Change the operator PIN", classes="dialog-title", markup=False)
            yield Static("4 to 12 digits.", classes="dialog-text", markup=False)
            yield pin_input("new-pin", "New PIN")
            yield pin_input("repeat-pin", "New PIN again")
            yield Static("", id="pin-message", classes="dialog-message", markup=False)
            yield Static("Enter to confirm · Escape to cancel", classes="dialog-hint", markup=False)

    @on(Input.Submitted, "#new-pin")
    def _next(self) -> None:
        self.query_one("#repeat-pin", Input).focus()

    @on(Input.Submitted, "#repeat-pin")
    async def _submitted(self) -> None:
        new = self.query_one("#new-pin", Input)
        repeat = self.query_one("#repeat-pin", Input)
        message = self.query_one("#pin-message", Static)
        if new.value != repeat.value:
            message.update("The two PINs differ. Type the new PIN twice.")
            repeat.clear()
            return
        try:
            check_new_pin(new.value)
            await asyncio.to_thread(self._store.set_pin, new.value)
        except PinError as error:
            message.update(str(error))
            new.clear()
            repeat.clear()
            new.focus()
            return
        except OSError as error:
            message.update(f"The PIN could not be saved: {error.strerror or error}.")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
