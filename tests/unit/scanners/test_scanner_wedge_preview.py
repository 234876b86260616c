"""make_preview: frames shrunk to terminal cells with the code's box; unreadable codes found."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from numpy.typing import NDArray

from scanners import decode_qr
from scanners.preview import (
    READ_COLOUR,
    SEEN_COLOUR,
    CodeState,
    find_unreadable_codes,
    make_preview,
    preview_size,
)

RenderQr = Callable[..., NDArray[np.uint8]]


def test_preview_keeps_the_frame_shape_in_square_pixels() -> None:
    assert preview_size((720, 1280, 3), 80, 22) == (78, 44)
    assert preview_size((720, 1280, 3), 40, 40) == (40, 22)
    width, height = preview_size((1000, 10, 3), 80, 22)
    assert height == 44 and width >= 1


def test_preview_of_a_grey_frame_is_rgb_and_sized_in_cells() -> None:
    frame = np.full((720, 1280), 200, dtype=np.uint8)
    preview = make_preview(frame, 80, 22)
    assert preview.pixels.shape == (44, 78, 3)
    assert preview.cells == (78, 22)
    assert preview.state is CodeState.NONE
    assert preview.box is None
    assert int(preview.pixels[10, 10, 0]) == 200


def test_colours_come_out_as_rgb() -> None:
    frame = np.zeros((20, 20, 3), dtype=np.uint8)
    frame[:, :, 2] = 255  # BGR red
    assert tuple(make_preview(frame, 10, 5).pixels[0, 0]) == (255, 0, 0)


def test_a_read_code_gets_a_solid_box(render_qr: RenderQr) -> None:
    frame = np.full((720, 1280), 255, dtype=np.uint8)
    code = render_qr("https://example.org/credential", scale=8)
    frame[100 : 100 + code.shape[0], 300 : 300 + code.shape[1]] = code
    found = decode_qr(frame)
    assert found
    preview = make_preview(frame, 80, 22, box=found[0].position, state=CodeState.READ)
    assert preview.box is not None
    x, y = preview.box[0]
    assert tuple(preview.pixels[y, x]) == READ_COLOUR
    assert 14 <= x <= 24 and 4 <= y <= 10  # (300+32, 100+32) px scaled by 78/1280


def test_a_seen_code_gets_a_dashed_box() -> None:
    frame = np.full((200, 200), 128, dtype=np.uint8)
    box = ((20, 20), (180, 20), (180, 180), (20, 180))
    preview = make_preview(frame, 100, 50, box=box, state=CodeState.SEEN)
    top_edge = [tuple(pixel) for pixel in preview.pixels[preview.box[0][1]]]  # type: ignore[index]
    assert top_edge.count(SEEN_COLOUR) > 10
    assert top_edge.count((128, 128, 128)) > 40, "gaps between the dashes"


def test_a_code_under_glare_is_seen_but_not_read(render_qr: RenderQr) -> None:
    code = render_qr("x" * 600, scale=4)
    frame = np.full((720, 1280), 255, dtype=np.uint8)
    frame[50 : 50 + code.shape[0], 50 : 50 + code.shape[1]] = code
    side = code.shape[0]
    frame[50 + side // 4 : 50 + 3 * side // 4, 50 + side // 4 : 50 + 3 * side // 4] = 0
    assert decode_qr(frame, use_zbar=False) == []
    seen = find_unreadable_codes(frame)
    assert seen, "zxing-cpp locates the code even though its data is damaged"
    xs = [x for x, _ in seen[0]]
    assert len(seen[0]) == 4
    assert min(xs) >= 40 and max(xs) <= 60 + side


def test_nothing_in_view_finds_nothing() -> None:
    assert find_unreadable_codes(np.full((100, 100), 255, dtype=np.uint8)) == []


def test_a_preview_needs_cells() -> None:
    with pytest.raises(ValueError):
        make_preview(np.zeros((4, 4), dtype=np.uint8), 0, 3)
