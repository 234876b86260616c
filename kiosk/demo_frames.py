"""Choose the frame source: a camera when asked for, else the bundled demo QR images."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kiosk.settings import KioskSettings
from scanners.frames import FrameSource


def demo_image_paths() -> list[Path]:
    """The bundled demo QR images, in order (`kiosk/demo/qr/*.png`)."""
    folder = resources.files("kiosk").joinpath("demo", "qr")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".png"))


def frame_source_for(settings: KioskSettings) -> FrameSource:
    """`--camera N` → that camera; otherwise the demo images, one after another."""
    if settings.camera_index is not None:
        from scanners.camera import CameraSource

        return CameraSource(settings.camera_index)
    from scanners.image_source import ImageFolderSource

    paths = demo_image_paths()
    if settings.demo_folder is not None:
        paths = sorted(settings.demo_folder.glob("*.png"))
    return ImageFolderSource(paths, interval_seconds=settings.demo_interval_seconds)
