"""SerialScanner on a pseudo-terminal: raw bytes, silence framing, unplugging, discovery."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanners.serial_scanner import (
    SerialScanner,
    SerialScannerError,
    find_serial_scanners,
    strip_terminator,
)


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, Path]]:
    """A pty: write to the master fd, the scanner reads the slave path (like /dev/ttyACM0)."""
    master, slave = os.openpty()
    path = Path(os.ttyname(slave))
    yield master, path
    for fd in (master, slave):
        with contextlib.suppress(OSError):
            os.close(fd)


def test_a_payload_is_framed_by_silence_and_loses_its_suffix(pty_pair: tuple[int, Path]) -> None:
    master, path = pty_pair
    scanner = SerialScanner(path, silence_seconds=0.05)
    scanner.open()
    try:
        assert scanner.read_payload(timeout=0.05) is None
        os.write(master, b'{"@context":"x"}\r\n')
        assert scanner.read_payload(timeout=2) == b'{"@context":"x"}'
    finally:
        scanner.close()


def test_binary_bytes_come_back_exactly(pty_pair: tuple[int, Path]) -> None:
    master, path = pty_pair
    payload = bytes(range(256)) * 2 + b"\r\x00\n tail"
    scanner = SerialScanner(path, silence_seconds=0.1)
    scanner.open()
    try:
        os.write(master, payload)
        assert scanner.read_payload(timeout=3) == payload
    finally:
        scanner.close()


def test_two_scans_are_two_payloads(pty_pair: tuple[int, Path]) -> None:
    master, path = pty_pair
    scanner = SerialScanner(path, silence_seconds=0.05)
    scanner.open()
    try:
        os.write(master, b"first\r")
        assert scanner.read_payload(timeout=2) == b"first"
        os.write(master, b"second\n")
        assert scanner.read_payload(timeout=2) == b"second"
    finally:
        scanner.close()


def test_payloads_are_capped(pty_pair: tuple[int, Path]) -> None:
    master, path = pty_pair
    scanner = SerialScanner(path, silence_seconds=0.1, max_bytes=10)
    scanner.open()
    try:
        os.write(master, b"x" * 50)
        assert scanner.read_payload(timeout=2) == b"x" * 10
    finally:
        scanner.close()


def test_unplugging_is_reported(pty_pair: tuple[int, Path]) -> None:
    master, path = pty_pair
    scanner = SerialScanner(path)
    scanner.open()
    os.close(master)
    with pytest.raises(SerialScannerError, match="was disconnected"):
        scanner.read_payload(timeout=2)
    assert not scanner.is_open


def test_missing_device_is_a_plain_sentence(tmp_path: Path) -> None:
    with pytest.raises(SerialScannerError) as caught:
        SerialScanner(tmp_path / "ttyACM0").open()
    expected = f"No handheld scanner found: {tmp_path / 'ttyACM0'} does not exist."
    assert caught.value.reason == expected


def test_a_file_is_not_a_serial_device(tmp_path: Path) -> None:
    (tmp_path / "ttyACM0").write_bytes(b"")
    with pytest.raises(SerialScannerError, match="is not a serial device"):
        SerialScanner(tmp_path / "ttyACM0").open()


def test_read_before_open_raises(tmp_path: Path) -> None:
    with pytest.raises(SerialScannerError, match="not open"):
        SerialScanner(tmp_path / "ttyACM0").read_payload(timeout=0)


def test_discovery_prefers_stable_names(tmp_path: Path) -> None:
    for name in ["ttyACM1", "ttyACM0", "ttyS0", "ttyACM10"]:
        (tmp_path / name).write_bytes(b"")
    by_id = tmp_path / "serial" / "by-id"
    by_id.mkdir(parents=True)
    (by_id / "usb-Honeywell_Scanner-if00").symlink_to(tmp_path / "ttyACM1")
    (by_id / "usb-dangling-if00").symlink_to(tmp_path / "gone")
    assert find_serial_scanners(tmp_path) == [
        by_id / "usb-Honeywell_Scanner-if00",
        tmp_path / "ttyACM0",
        tmp_path / "ttyACM10",
    ]


def test_discovery_without_devices_is_empty(tmp_path: Path) -> None:
    assert find_serial_scanners(tmp_path / "absent") == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"a\r\n", b"a"), (b"a\r", b"a"), (b"a\n", b"a"), (b"a\n\n", b"a\n"), (b"a", b"a")],
)
def test_strip_terminator(data: bytes, expected: bytes) -> None:
    assert strip_terminator(data) == expected
