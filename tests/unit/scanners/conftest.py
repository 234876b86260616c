"""Shared fixtures for the scanners tests: real QR codes rendered with segno."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import segno
from numpy.typing import NDArray

RenderQr = Callable[..., NDArray[np.uint8]]


def qr_matrix_image(
    content: str | bytes,
    *,
    scale: int = 6,
    border: int = 4,
    invert: bool = False,
    mode: str | None = None,
    encoding: str | None = None,
    eci: bool = False,
    error: str = "m",
) -> NDArray[np.uint8]:
    """Render ``content`` as a (non-micro) QR code: 8-bit grey, dark modules 0."""
    code = segno.make(
        content,
        mode=mode,
        encoding=encoding,
        eci=eci,
        error=error,
        micro=False,
        boost_error=False,
    )
    modules = np.array([list(row) for row in code.matrix], dtype=np.uint8)
    image = np.where(modules == 1, 0, 255).astype(np.uint8)
    image = np.pad(image, border, constant_values=255)
    image = np.kron(image, np.ones((scale, scale), dtype=np.uint8))
    return 255 - image if invert else image


@pytest.fixture
def render_qr() -> RenderQr:
    return qr_matrix_image


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: float = 100.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()
