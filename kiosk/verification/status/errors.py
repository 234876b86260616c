"""Why a status entry could not be answered, as exceptions; status methods turn them into outcomes.

StatusError                   base (a `VerificationError`): a short `code` and a `description`
├── MalformedEntryError       the credential's own status entry is malformed (the check fails)
└── StatusUnavailableError    the list cannot be had, read or trusted (the check is "not done")

Descriptions are sentence fragments in plain words ("the status list at example.edu/3 is
shorter than the standard allows"), so the status check can finish its own sentence with them.
"""

from __future__ import annotations

from kiosk.verification.errors import VerificationError


class StatusError(VerificationError):
    """Base class: a status entry that could not be answered."""

    code = "status"


class MalformedEntryError(StatusError):
    """The credential's status entry is malformed: index missing or out of the list's range, no
    list URL, a status size out of bounds. The credential itself is defective: failed."""

    code = "status-entry-malformed"


class StatusUnavailableError(StatusError):
    """The status could not be learned: list unreachable or too old, unreadable, not the right
    kind of list, or not trustworthy enough to vouch for the credential: not done."""

    code = "status-unavailable"
