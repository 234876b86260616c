"""Provides `FieldList`: what the credential says, each value labelled with where it comes from.

Trust-list names read "(trusted name)"; values from a credential whose proof did not verify
read "claimed — not verified" and are styled apart from fact; missing values show "—"
(see `SourcedValue`).
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.app.plain_text import plain
from kiosk.app.widgets.sourced_value import SourcedValue
from kiosk.verification.model import ShownFields
from kiosk.wording import labelled_fields


class FieldList(Vertical):
    """The credential type, then one row per field: label, then value and source note."""

    def __init__(self, fields: ShownFields, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fields = fields

    def compose(self) -> ComposeResult:
        if self.fields.credential_type:
            yield Static(plain(self.fields.credential_type), id="credential-type")
        used: set[str] = set()
        for label, shown in labelled_fields(self.fields):
            # labels of further claims come from credentials: an id only when it is a safe,
            # unused one (Textual ids are identifiers, and unique)
            key = "field-" + re.sub(r"[^a-z0-9-]", "-", label.lower().replace(" ", "-"))
            row_id = None if key in used else key
            used.add(key)
            with Horizontal(classes="field-row", id=row_id):
                yield Static(label, classes="field-label", markup=False)
                yield SourcedValue(shown, classes="field-value")
