"""ImageFolderSource: demo images played like a camera, timed by an injected clock."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from scanners import FrameSourceError, ImageFolderSource, decode_qr
from scanners._opencv import cv2


@pytest.fixture
def demo_folder(tmp_path: Path, render_qr) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    # Written out of order on purpose: the folder must play sorted by name.
    for name, payload in [("c.png", "three"), ("a.png", "one"), ("b.jpg", "two")]:
        assert cv2.imwrite(str(folder / name), render_qr(payload, scale=4))
    (folder / "d.png").write_bytes(b"\x89PNG\r\n\x1a\n this is not really a png")
    (folder / "notes.txt").write_text("not an image, not even tried")
    (folder / ".hidden.png").write_bytes(b"junk")
    return folder


def payload_of(source: ImageFolderSource) -> bytes:
    frame = source.read(timeout=0)
    assert frame is not None
    (code,) = decode_qr(frame.image)
    return code.data


def test_folder_expands_to_sorted_images_and_lists_skipped_files(demo_folder: Path):
    with ImageFolderSource([demo_folder], interval_seconds=None) as source:
        assert source.image_names == ("a.png", "b.jpg", "c.png")
        assert source.description == "demo images (3)"
        assert len(source.problems) == 1
        assert "d.png" in source.problems[0]


def test_interval_cycles_images_with_injected_clock(demo_folder: Path, fake_clock):
    source = ImageFolderSource([demo_folder], interval_seconds=2.0, clock=fake_clock)
    with source:
        assert payload_of(source) == b"one"
        fake_clock.advance(1.9)
        assert source.current_index == 0
        fake_clock.advance(0.2)
        assert source.current_index == 1
        assert payload_of(source) == b"two"
        fake_clock.advance(2.0)
        assert payload_of(source) == b"three"
        fake_clock.advance(2.0)  # loops back to the first image
        assert payload_of(source) == b"one"
        fake_clock.advance(4.0)  # two intervals at once: skips one image
        assert source.current_index == 2


def test_advance_moves_on_at_once_and_restarts_the_interval(demo_folder: Path, fake_clock):
    source = ImageFolderSource([demo_folder], interval_seconds=2.0, clock=fake_clock)
    with source:
        fake_clock.advance(1.5)
        source.advance()
        assert source.current_index == 1
        assert payload_of(source) == b"two"
        fake_clock.advance(1.5)  # 3.0 s since open, but only 1.5 s since advance()
        assert source.current_index == 1
        fake_clock.advance(0.5)
        assert source.current_index == 2


def test_without_interval_the_image_stays_until_advance(demo_folder: Path, fake_clock):
    with ImageFolderSource([demo_folder], interval_seconds=None, clock=fake_clock) as source:
        fake_clock.advance(3600)
        assert source.current_index == 0
        source.advance()
        assert source.current_index == 1


def test_read_repeats_the_image_at_the_frame_rate(demo_folder: Path, fake_clock):
    source = ImageFolderSource(
        [demo_folder], interval_seconds=None, frames_per_second=5, clock=fake_clock
    )
    with source:
        first = source.read(timeout=0)
        assert first is not None and first.origin == "a.png"
        assert first.captured_at == fake_clock.now
        assert source.read(timeout=0) is None  # nothing new yet
        fake_clock.advance(0.1)
        assert source.read(timeout=0) is None
        fake_clock.advance(0.1)
        again = source.read(timeout=0)
        assert again is not None and again.origin == "a.png"
        source.advance()  # a changed image is due at once
        changed = source.read(timeout=0)
        assert changed is not None and changed.origin == "b.jpg"


def test_without_loop_the_source_finishes_after_the_last_image(demo_folder: Path, fake_clock):
    source = ImageFolderSource([demo_folder], interval_seconds=1.0, loop=False, clock=fake_clock)
    with source:
        fake_clock.advance(2.5)
        assert source.current_index == 2
        assert not source.finished
        fake_clock.advance(1.0)
        assert source.finished
        assert source.read(timeout=0) is None


def test_read_wakes_when_another_thread_advances(demo_folder: Path):
    with ImageFolderSource([demo_folder], interval_seconds=None, frames_per_second=0.01) as src:
        assert src.read(timeout=0) is not None
        timer = threading.Timer(0.05, src.advance)
        timer.start()
        started = time.monotonic()
        frame = src.read(timeout=5.0)
        timer.join()
        assert frame is not None and frame.origin == "b.jpg"
        assert time.monotonic() - started < 2.0


def test_explicit_files_play_in_the_given_order(demo_folder: Path):
    paths = [demo_folder / "c.png", demo_folder / "a.png"]
    with ImageFolderSource(paths, interval_seconds=None) as source:
        assert source.image_names == ("c.png", "a.png")
        assert payload_of(source) == b"three"


def test_frames_are_read_only(demo_folder: Path):
    with ImageFolderSource([demo_folder], interval_seconds=None) as source:
        frame = source.read(timeout=0)
        assert frame is not None
        assert not frame.image.flags.writeable


def test_missing_path_raises_frame_source_error_naming_it(tmp_path: Path):
    source = ImageFolderSource([tmp_path / "no-such-demo"], interval_seconds=1.0)
    with pytest.raises(FrameSourceError) as caught:
        source.open()
    assert "no-such-demo" in caught.value.reason


def test_folder_without_usable_images_raises_with_the_reasons(tmp_path: Path):
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 garbage")
    with pytest.raises(FrameSourceError) as caught:
        ImageFolderSource([tmp_path], interval_seconds=1.0).open()
    assert "broken.jpg" in caught.value.reason


def test_read_before_open_raises_frame_source_error(demo_folder: Path):
    with pytest.raises(FrameSourceError):
        ImageFolderSource([demo_folder], interval_seconds=None).read(timeout=0)


def test_bad_interval_is_rejected(demo_folder: Path):
    with pytest.raises(ValueError):
        ImageFolderSource([demo_folder], interval_seconds=0)


def test_frames_compare_by_identity_without_raising(demo_folder: Path, fake_clock):
    with ImageFolderSource([demo_folder], interval_seconds=None, clock=fake_clock) as source:
        first = source.read(timeout=0)
        fake_clock.advance(1.0)
        second = source.read(timeout=0)
        assert first is not None and second is not None
        assert first == first
        assert first != second
        assert len({first, second}) == 2


def test_a_single_bare_path_is_accepted(demo_folder: Path):
    with ImageFolderSource(demo_folder / "a.png", interval_seconds=None) as source:  # type: ignore[arg-type]
        assert source.image_names == ("a.png",)
