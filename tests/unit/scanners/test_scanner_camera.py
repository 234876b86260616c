"""CameraSource without a camera: clear errors, and OpenCV is never reached blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners import CameraSource, FrameSourceError, list_cameras


def test_missing_device_raises_no_camera_found(tmp_path: Path):
    source = CameraSource(0, device_root=tmp_path)
    with pytest.raises(FrameSourceError) as caught:
        source.open()
    assert caught.value.reason == f"No camera found: {tmp_path / 'video0'} does not exist."


@pytest.mark.skipif(Path("/dev/video3").exists(), reason="this machine has /dev/video3")
def test_missing_device_under_dev_raises_no_camera_found():
    with pytest.raises(FrameSourceError, match=r"^No camera found: /dev/video3 does not exist"):
        CameraSource(3).open()


def test_device_node_that_is_not_a_camera_cannot_be_opened(tmp_path: Path):
    (tmp_path / "video0").write_bytes(b"")
    with pytest.raises(FrameSourceError, match="could not be opened"):
        CameraSource(0, device_root=tmp_path).open()


def test_context_manager_propagates_the_open_error(tmp_path: Path):
    with pytest.raises(FrameSourceError), CameraSource(1, device_root=tmp_path):
        pytest.fail("must not get here")


def test_read_before_open_raises_frame_source_error(tmp_path: Path):
    with pytest.raises(FrameSourceError, match="not open"):
        CameraSource(0, device_root=tmp_path).read(timeout=0)


def test_description_names_the_camera():
    assert CameraSource(2).description == "camera 2"


def test_negative_index_is_rejected():
    with pytest.raises(ValueError):
        CameraSource(-1)


def test_list_cameras_lists_video_nodes_sorted(tmp_path: Path):
    for name in ["video10", "video0", "video2", "videoX", "vbi0", "video1a", "media0"]:
        (tmp_path / name).write_bytes(b"")
    assert list_cameras(tmp_path) == [0, 2, 10]


def test_list_cameras_without_device_folder_is_empty(tmp_path: Path):
    assert list_cameras(tmp_path / "absent") == []
