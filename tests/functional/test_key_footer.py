"""The key footer does not keep the keys it replaced (Textual's Footer did: a slow memory leak)."""

from __future__ import annotations

import gc
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from kiosk.app.widgets.key_footer import KeyFooter

from .waiting import wait_until

pytestmark = pytest.mark.anyio

SWITCHES = 12


class _Other(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("b", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Static("other")


def _app(footer: type[Footer]) -> App[None]:
    class Switching(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "noop", "Something")]

        def compose(self) -> ComposeResult:
            yield Static("main")
            yield footer()

    return Switching()


def _detached_keys() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, FooterKey) and not o.is_attached)


async def _switch_back_and_forth(app: App[Any]) -> int:
    async with app.run_test() as pilot:
        footer = app.screen.query_one(Footer)
        for _ in range(SWITCHES):
            await app.push_screen(_Other())
            await pilot.pause()
            app.pop_screen()
            await wait_until(pilot, lambda: not isinstance(app.screen, _Other))
            await pilot.pause()
        await wait_until(pilot, lambda: len(footer.query(FooterKey)) > 0)
        return _detached_keys()


@pytest.mark.parametrize("footer", [KeyFooter], ids=["KeyFooter"])
async def test_replaced_keys_are_not_kept(footer: type[Footer]) -> None:
    assert await _switch_back_and_forth(_app(footer)) <= 2


async def test_textual_footer_alone_keeps_them() -> None:
    """The reason KeyFooter exists: if Textual fixes its Footer, this fails and it can go."""
    assert await _switch_back_and_forth(_app(Footer)) > SWITCHES
