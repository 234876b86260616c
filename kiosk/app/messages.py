"""Provides the messages that cross between the kiosk's worker threads and its screens.

Workers never touch widgets: they post these to the app (`App.post_message` is thread-safe),
and the app routes them to the screens on the UI thread.
"""

from __future__ import annotations

from textual.message import Message

from kiosk.kiosk_status import KioskStatus
from kiosk.verification.model import VerificationReport
from scanners.preview import Preview


class PayloadScanned(Message):
    """A new QR payload was read (the debouncer has already dropped repeats)."""

    def __init__(self, data: bytes, origin: str) -> None:
        super().__init__()
        self.data = data
        """The raw payload bytes."""
        self.origin = origin
        """Where it came from: one of the `kiosk.app.jobs` origins ("camera", "demo image"…)."""


class SourceOpened(Message):
    """The frame source is open; `problems` are warnings for the operator (skipped images)."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__()
        self.problems = problems
        """One plain sentence per problem, e.g. an unreadable demo image that was skipped."""


class SourceFailed(Message):
    """The frame source could not be opened; the scan worker keeps trying."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
        """Why, in plain words (from `FrameSourceError.reason`)."""


class SourceProblem(Message):
    """An open source has a problem (camera lost, reconnecting), or none any more."""

    def __init__(self, problem: str | None) -> None:
        super().__init__()
        self.problem = problem
        """One plain sentence, or None when the source is fine again."""


class SerialStatus(Message):
    """The serial (USB CDC) scanner was connected, or lost."""

    def __init__(self, connected: bool, text: str) -> None:
        super().__init__()
        self.connected = connected
        self.text = text
        """One plain sentence: which device, or what went wrong."""


class PreviewReady(Message):
    """A new small picture of what the camera sees."""

    def __init__(self, preview: Preview) -> None:
        super().__init__()
        self.preview = preview

    def can_replace(self, message: Message) -> bool:
        """A newer picture makes an older one still in the queue stale."""
        return isinstance(message, PreviewReady)


class VerificationStep(Message):
    """Verification moved on to a new step (from `verify_payload`'s `on_step`)."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        """A short human label, e.g. "checking the signature"."""

    def can_replace(self, message: Message) -> bool:
        """A newer step makes an older one still in the queue stale."""
        return isinstance(message, VerificationStep)


class VerificationDone(Message):
    """Verification of one payload finished with a report."""

    def __init__(self, report: VerificationReport) -> None:
        super().__init__()
        self.report = report


class KioskStatusReady(Message):
    """The kiosk's own status was gathered (network, trust sources, sync age)."""

    def __init__(self, status: KioskStatus) -> None:
        super().__init__()
        self.status = status


class ScanFailed(Message):
    """A scan was damaged on its way in (keyboard layout, cut off): scan again, no verdict."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__()
        self.problem = problem
        """What went wrong, one plain sentence."""
        self.fix = fix
        """How to make the next scan work."""
