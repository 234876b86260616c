"""Provides `screen_lines`: the current screen as plain text lines, as the terminal would show."""

from __future__ import annotations

from typing import Any


def screen_lines(app: Any) -> list[str]:
    """Render the app's current screen and return its rows as text (no styles)."""
    strips = app.screen._compositor.render_strips()
    return [strip.text for strip in strips]


def screen_text(app: Any) -> str:
    """The current screen as one string, rows joined by newlines."""
    return "\n".join(screen_lines(app))
