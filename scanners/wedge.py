"""Provides keyboard-wedge scanning, headless: ``WedgeBuffer`` and ``detect_layout_damage``.

A USB handheld scanner in keyboard mode ("keyboard wedge") types each character of a code
as a key press, then Enter. The terminal cannot tell those keys from a person typing, so the
kiosk tells them apart by timing (see ``docs/operator.md``):

* a scanner types at 0-10 ms per character, a person at 80 ms or more;
* keys are held back for ``hold_seconds`` (60 ms) while it is not yet clear which it is:
  a person's key is then released (replayed) and acts as usual, a little late;
* once ``min_scan_chars`` (8) keys have arrived with a median gap under
  ``max_median_gap`` (30 ms), it is a scan: every key is swallowed until Enter, which ends the
  scan; silence of ``silence_seconds`` (300 ms) without Enter drops it (a scan ending in Tab
  is accepted, for scanners programmed with a Tab suffix);
* the buffer is capped at ``max_chars`` (8 KB): a longer burst is swallowed and reported.

``WedgeBuffer`` is a pure state machine: the caller feeds it keys with their arrival times and
asks ``timeout()`` at ``deadline``; it answers with a ``WedgeAction`` saying what to do with the
key. It never looks at a clock itself, so it is tested with made-up times.

``detect_layout_damage`` recognises what a wrong keyboard layout or Caps Lock does to a
payload (a German, French or British layout turning ``{"`` into ``ÜÄ``, ``{ù`` or ``{@``; Caps
Lock inverting letter case) so the kiosk can say "scanner keyboard layout looks wrong" instead
of a bare "not a credential".
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise
from types import MappingProxyType
from typing import Generic, TypeVar

from payloads.cborld import looks_like_vp_qr

T = TypeVar("T")

MIN_SCAN_CHARS = 8
"""A scan has at least this many characters before its Enter."""
MAX_MEDIAN_GAP = 0.030
"""Seconds: keys closer together than this (median) come from a scanner, not a person."""
HOLD_SECONDS = 0.060
"""Seconds a key is held back while it is unclear whether a scan is starting."""
SILENCE_SECONDS = 0.300
"""Seconds of silence after which an unfinished scan is dropped."""
MAX_CHARS = 8192
"""Longest scan accepted through the keyboard (8 KB)."""
MAX_HELD = 64
"""A person typing this many keys quickly is still a person: they are released."""


class WedgeStep(Enum):
    """What the caller does with the key it just gave the buffer (or after a timeout)."""

    PASS = "pass"
    """Not part of a scan: handle the key as usual (after replaying ``release``)."""
    HOLD = "hold"
    """The key is held back; do nothing now and call ``timeout()`` at ``deadline``."""
    SWALLOW = "swallow"
    """The key belongs to a scan in progress: it must not act (stop it)."""
    RELEASE = "release"
    """A timeout decided the held keys were typed by a person: replay ``release``."""
    SCAN = "scan"
    """A scan is complete: ``text`` is the payload (without its Enter)."""
    DROPPED = "dropped"
    """A scan was abandoned: ``reason`` says why, in plain words."""


@dataclass(frozen=True)
class WedgeAction(Generic[T]):
    """The buffer's answer. ``release`` holds tokens to replay, in order, before anything else."""

    step: WedgeStep
    release: tuple[T, ...] = ()
    text: str = ""
    reason: str = ""


NO_ENTER = (
    "A scan arrived without its Enter key and was ignored. "
    "Set the scanner to send Enter after each code."
)
TOO_LONG = f"A scan longer than {MAX_CHARS} characters was ignored."


@dataclass
class WedgeBuffer(Generic[T]):
    """Tells a keyboard-wedge scan from typing by key timing; see the module docstring.

    Tokens (``T``) are whatever the caller needs to replay a key later (a key event).
    """

    min_scan_chars: int = MIN_SCAN_CHARS
    max_median_gap: float = MAX_MEDIAN_GAP
    hold_seconds: float = HOLD_SECONDS
    silence_seconds: float = SILENCE_SECONDS
    max_chars: int = MAX_CHARS
    _chars: list[str] = field(default_factory=list)
    _times: list[float] = field(default_factory=list)
    _held: list[T] = field(default_factory=list)
    _scanning: bool = False
    _overflow: bool = False

    @property
    def scanning(self) -> bool:
        """True while a scan is in progress (keys are being swallowed)."""
        return self._scanning

    @property
    def busy(self) -> bool:
        """True while keys are held back or a scan is in progress."""
        return bool(self._times)

    @property
    def deadline(self) -> float | None:
        """When ``timeout()`` must be called, or None when nothing is pending."""
        if not self._times:
            return None
        wait = self.silence_seconds if self._scanning else self.hold_seconds
        return self._times[-1] + wait

    def key(self, char: str, at: float, token: T) -> WedgeAction[T]:
        """A printable key (``char``) arrived at ``at`` seconds."""
        if self._times and not self._scanning and at - self._times[-1] > self.hold_seconds:
            # The previous keys were typed: release them, then consider this one afresh.
            released = self._reset()
            action = self.key(char, at, token)
            return WedgeAction(action.step, released + action.release, action.text)
        self._times.append(at)
        if self._scanning:
            self._append(char)
            return WedgeAction(WedgeStep.SWALLOW)
        self._chars.append(char)
        self._held.append(token)
        if self._looks_like_scan():
            self._scanning = True
            self._held.clear()
            return WedgeAction(WedgeStep.SWALLOW)
        if len(self._held) >= MAX_HELD:
            return WedgeAction(WedgeStep.PASS, self._reset()[:-1])
        return WedgeAction(WedgeStep.HOLD)

    def enter(self, at: float) -> WedgeAction[T]:
        """Enter arrived: it ends a scan in progress, or passes (after any held keys)."""
        if self._scanning:
            return self._finish(ended_by_enter=True)
        return WedgeAction(WedgeStep.PASS, self._reset())

    def other_key(self, char: str | None, at: float) -> WedgeAction[T]:
        """Any other key (Tab, arrows, Escape, control keys).

        During a scan it is swallowed (a Tab is kept as part of the payload); otherwise it
        passes, after any held keys.
        """
        if self._scanning:
            self._times.append(at)
            if char == "\t":
                self._append(char)
            return WedgeAction(WedgeStep.SWALLOW)
        return WedgeAction(WedgeStep.PASS, self._reset())

    def timeout(self, now: float) -> WedgeAction[T] | None:
        """Call at ``deadline``; returns None if nothing is due yet (a stale timer)."""
        deadline = self.deadline
        if deadline is None or now < deadline - 1e-9:
            return None
        if self._scanning:
            return self._finish(ended_by_enter=False)
        return WedgeAction(WedgeStep.RELEASE, self._reset())

    # -- internals -----------------------------------------------------------------------

    def _append(self, char: str) -> None:
        if self._overflow:
            return
        self._chars.append(char)
        if len(self._chars) > self.max_chars:
            self._overflow = True
            self._chars.clear()

    def _looks_like_scan(self) -> bool:
        return is_scan_timing(self._times, self.min_scan_chars, self.max_median_gap)

    def _finish(self, *, ended_by_enter: bool) -> WedgeAction[T]:
        text = "".join(self._chars)
        overflow = self._overflow
        self._reset()
        if overflow:
            return WedgeAction(WedgeStep.DROPPED, reason=TOO_LONG)
        if ended_by_enter:
            return WedgeAction(WedgeStep.SCAN, text=text)
        if text.endswith("\t"):
            return WedgeAction(WedgeStep.SCAN, text=text[:-1])
        return WedgeAction(WedgeStep.DROPPED, reason=NO_ENTER)

    def _reset(self) -> tuple[T, ...]:
        held = tuple(self._held)
        self._chars.clear()
        self._times.clear()
        self._held.clear()
        self._scanning = False
        self._overflow = False
        return held


def is_scan_timing(
    times: list[float], min_chars: int = MIN_SCAN_CHARS, max_median_gap: float = MAX_MEDIAN_GAP
) -> bool:
    """Whether key arrival ``times`` look like a scanner: enough keys, median gap small."""
    if len(times) < min_chars:
        return False
    gaps = [later - earlier for earlier, later in pairwise(times)]
    return statistics.median(gaps) < max_median_gap


# -- keyboard layout damage -------------------------------------------------------------------


@dataclass(frozen=True)
class LayoutDamage:
    """Why a keyboard-wedge payload looks mangled by the keyboard layout or Caps Lock."""

    cause: str
    """A short id: "caps-lock", "de", "fr", "uk" or "unknown"."""
    explanation: str
    """One plain sentence naming the likely cause."""
    remedy: str
    """One plain sentence saying how to fix it."""


def _forward_map(pairs: str) -> dict[str, str]:
    """Pairs "ab cd" mean: the scanner meant ``a``, the computer typed ``b``."""
    mapping: dict[str, str] = {}
    for pair in pairs.split():
        meant, typed = pair[0], pair[1:]
        mapping[meant] = typed
    return mapping


# What a scanner sending US-layout keys produces on a computer set to another layout
# (the key the scanner presses, read through the computer's layout). Dead keys are shown as
# the accent they would type.
_TYPED_ON: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        # German QWERTZ
        "de": _forward_map(
            'yz zy YZ ZY {Ü }* [ü ]+ "Ä \'ä :Ö ;ö /- ?_ -ß _? @" #§ &/ *( () )= ^& <; >: '
            "=\u00b4 +` \\# |' `^ ~°"
        ),
        # French AZERTY
        "fr": _forward_map(
            "aq qa AQ QA wz zw WZ ZW m, M? ;m :M ,; <. .: >/ /! ?§ 'ù \"% [^ {¨ ]$ }£ \\* |µ "
            "`² -) _° 1& 2é 3\" 4' 5( 6- 7è 8_ 9ç 0à !1 @2 #3 $4 %5 ^6 &7 *8 (9 )0"
        ),
        # British
        "uk": _forward_map('"@ @" #£ \\# |~ ~¬'),
    }
)
_UNTYPED: Mapping[str, Mapping[int, str]] = MappingProxyType(
    {
        layout: {ord(typed): meant for meant, typed in table.items() if len(typed) == 1}
        for layout, table in _TYPED_ON.items()
    }
)
_LAYOUT_NAMES: Mapping[str, str] = MappingProxyType(
    {"de": "German (QWERTZ)", "fr": "French (AZERTY)", "uk": "British"}
)
_DAMAGE_MARKS = frozenset("ÜÄÖ§¨²µ°¬\u00b4")
"""Characters a US-layout scanner produces on other layouts in place of `{`, `"`, `:`, `#`."""
_CREDENTIAL_KEYS = frozenset(
    {"@context", "type", "credentialSubject", "verifiableCredential", "issuer", "proof"}
)
_URL = re.compile(r"(?:https?|openid4vp|openid-credential-offer)://\S+\Z")
_JWS = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\Z")


def typed_through(text: str, layout: str) -> str:
    """What ``text`` becomes when a US-layout scanner types it on a ``layout`` computer."""
    table = _TYPED_ON[layout]
    return "".join(table.get(char, char) for char in text)


def looks_recognisable(text: str) -> bool:
    """Whether ``text`` looks like a payload the kiosk reads: a JSON credential or presentation
    (an object with a key such as ``@context`` or ``type``), a link or a compact JWT."""
    body = text.strip()
    if body.startswith("{"):
        try:
            document = json.loads(body)
        except ValueError:
            return False
        return isinstance(document, dict) and not _CREDENTIAL_KEYS.isdisjoint(document)
    return bool(_URL.match(body) or _JWS.match(body) or looks_like_vp_qr(body.encode()))


def detect_layout_damage(text: str) -> LayoutDamage | None:
    """Recognise the typical damage a wrong keyboard layout or Caps Lock does to a scan.

    Returns None when ``text`` is recognisable as it is, or when nothing suggests the keyboard
    is to blame (then it is simply not a credential). Never used to *repair* a payload: a
    repaired payload would be a guess, so the kiosk only says what is wrong.
    """
    body = text.strip()
    if not body or looks_recognisable(body):
        return None
    if looks_recognisable(body.swapcase()):
        return LayoutDamage(
            "caps-lock",
            "The scanner keyboard layout looks wrong: Caps Lock seems to be on "
            "(upper and lower case letters arrive swapped).",
            "Turn Caps Lock off, or set the scanner's Caps Lock override, and scan again.",
        )
    for layout, untyped in _UNTYPED.items():
        for candidate in (body.translate(untyped), body.swapcase().translate(untyped)):
            if looks_recognisable(candidate):
                return LayoutDamage(
                    layout,
                    "The scanner keyboard layout looks wrong: the computer seems to use a "
                    f"{_LAYOUT_NAMES[layout]} keyboard layout while the scanner types for a "
                    "US one.",
                    "Set the scanner's keyboard country to match the computer (or the computer "
                    "to US), or use the scanner in USB serial mode, and scan again.",
                )
    if sum(char in _DAMAGE_MARKS for char in body[:200]) >= 2:
        return LayoutDamage(
            "unknown",
            "The scanner keyboard layout looks wrong: the scan holds characters a scanner "
            "does not send for a QR credential.",
            "Check the scanner's keyboard country and Caps Lock, or use USB serial mode.",
        )
    return None
