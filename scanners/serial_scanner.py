"""Provides ``SerialScanner``: a handheld scanner in USB serial (CDC-ACM) mode, as raw bytes.

In USB serial mode ("USB CDC", "USB serial emulation") a scanner appears as
``/dev/ttyACM0`` (stable name under ``/dev/serial/by-id/``) and sends each code's bytes as
they are: no keyboard layout, no Caps Lock, binary-safe. That is why the kiosk prefers it to
keyboard mode where it is available.

The device is opened with the standard library only (``os.open`` + ``termios`` raw mode +
``select``); pyserial is not needed. Framing is by silence: a scanner sends a whole code in one
burst, so the bytes received until ``silence_seconds`` pass without more make one payload. One
trailing CR, LF or CRLF (the usual suffix) is removed; anything else, including CR or LF inside
a binary payload, is kept. At most ``max_bytes`` are kept per payload (more is cut off there,
and the kiosk's size check then refuses it as too large).

Errors: ``SerialScannerError`` with a plain-sentence ``reason`` (missing device, no
permission, unplugged).
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import termios
import time
import tty
from collections.abc import Callable
from pathlib import Path

DEVICE_ROOT = Path("/dev")
"""Where device nodes live; injectable for tests."""

SILENCE_SECONDS = 0.08
"""A pause this long after some bytes ends a payload."""

MAX_BYTES = 256 * 1024 + 1
"""Bytes kept per payload: one more than the kiosk accepts, so an oversize code is refused."""

_TERMINATORS = (b"\r\n", b"\r", b"\n")


class SerialScannerError(Exception):
    """The serial scanner cannot be used; ``reason`` is one plain sentence for a person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def find_serial_scanners(device_root: Path = DEVICE_ROOT) -> list[Path]:
    """USB serial devices that may be scanners: ``serial/by-id`` links first, then ``ttyACM*``.

    Each device appears once (a by-id link hides the ``ttyACM`` node it points to). Nothing
    is opened.
    """
    found: list[Path] = []
    targets: set[Path] = set()
    by_id = device_root / "serial" / "by-id"
    try:
        links = sorted(by_id.iterdir())
    except OSError:
        links = []
    for link in links:
        try:
            target = link.resolve(strict=True)
        except OSError:
            continue
        if target.name.startswith("ttyACM"):
            found.append(link)
            targets.add(target)
    try:
        nodes = sorted(
            (p for p in device_root.iterdir() if p.name.startswith("ttyACM")),
            key=lambda p: (len(p.name), p.name),
        )
    except OSError:
        nodes = []
    found.extend(node for node in nodes if node.resolve() not in targets)
    return found


def strip_terminator(data: bytes) -> bytes:
    """Remove one trailing CRLF, CR or LF (the scanner's suffix)."""
    for terminator in _TERMINATORS:
        if data.endswith(terminator):
            return data[: -len(terminator)]
    return data


class SerialScanner:
    """Payloads from a scanner on a serial device, framed by silence. Not thread-safe: one
    reader thread calls ``read_payload``; ``close`` may come from another thread."""

    def __init__(
        self,
        device: Path,
        *,
        silence_seconds: float = SILENCE_SECONDS,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.device = device
        self._silence = silence_seconds
        self._max_bytes = max_bytes
        self._clock = clock
        self._fd: int | None = None
        self._buffer = bytearray()
        self._last_byte_at = 0.0

    @property
    def description(self) -> str:
        return f"handheld scanner on {self.device}"

    @property
    def is_open(self) -> bool:
        return self._fd is not None

    def open(self) -> None:
        """Open the device read-only in raw mode; raises ``SerialScannerError``."""
        if self._fd is not None:
            return
        name = str(self.device)
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
        except FileNotFoundError as exc:
            raise SerialScannerError(f"No handheld scanner found: {name} does not exist.") from exc
        except PermissionError as exc:
            raise SerialScannerError(
                f"The handheld scanner {name} exists but this user may not read it "
                "(add the user to the 'dialout' group)."
            ) from exc
        except OSError as exc:
            why = (exc.strerror or type(exc).__name__).lower()
            reason = f"The handheld scanner {name} cannot be opened: {why}."
            raise SerialScannerError(reason) from exc
        try:
            tty.setraw(fd)
            attributes = termios.tcgetattr(fd)
            attributes[2] |= termios.CLOCAL | termios.CREAD
            termios.tcsetattr(fd, termios.TCSANOW, attributes)
            termios.tcflush(fd, termios.TCIFLUSH)  # nothing left over from before
        except termios.error as exc:
            os.close(fd)
            raise SerialScannerError(f"{name} is not a serial device.") from exc
        self._fd = fd
        self._buffer.clear()

    def close(self) -> None:
        """Close the device; safe to call twice."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def read_payload(self, timeout: float = 0.5) -> bytes | None:
        """Wait up to ``timeout`` seconds for a complete payload; None if none completed.

        Raises ``SerialScannerError`` when the device goes away (unplugged).
        """
        fd = self._fd
        if fd is None:
            raise SerialScannerError(f"The handheld scanner {self.device} is not open.")
        deadline = self._clock() + max(timeout, 0.0)
        while True:
            now = self._clock()
            if self._buffer and now - self._last_byte_at >= self._silence:
                return self._take()
            wait = deadline - now
            if self._buffer:
                wait = min(wait, self._last_byte_at + self._silence - now)
            if wait <= 0:
                return None
            try:
                ready, _, _ = select.select([fd], [], [], wait)
            except (OSError, ValueError) as exc:  # closed from another thread
                raise self._gone() from exc
            if ready:
                self._read_available(fd)

    def _read_available(self, fd: int) -> None:
        try:
            chunk = os.read(fd, 4096)
        except BlockingIOError:
            return
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EINTR):
                return
            raise self._gone() from exc
        if not chunk:  # hang-up: the device was unplugged
            raise self._gone()
        room = self._max_bytes - len(self._buffer)
        if room > 0:
            self._buffer += chunk[:room]
        self._last_byte_at = self._clock()

    def _take(self) -> bytes:
        data = strip_terminator(bytes(self._buffer))
        self._buffer.clear()
        return data

    def _gone(self) -> SerialScannerError:
        self.close()
        self._buffer.clear()
        return SerialScannerError(f"The handheld scanner on {self.device} was disconnected.")
