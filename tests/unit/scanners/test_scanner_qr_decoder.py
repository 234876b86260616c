"""decode_qr / decode_image_file: real segno-rendered codes must come back byte-exact."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest

from scanners import DecodeError, decode_image_file, decode_qr, zbar_available
from scanners._opencv import cv2
from scanners.zbar_binary import zbar_decode

TEXT = "Zertifikat für Ana Núñez, Kraków ✓ 学位"
RANDOM_300 = np.random.default_rng(20261124).integers(0, 256, 300, dtype=np.uint8).tobytes()


def camera_like(code: np.ndarray, *, seed: int = 7) -> np.ndarray:
    """Paste a grey code onto a coloured, textured 640x480 BGR scene with mild noise."""
    rng = np.random.default_rng(seed)
    scene = np.empty((480, 640, 3), dtype=np.uint8)
    scene[:] = (40, 90, 160)  # brownish wall, BGR
    scene = np.clip(scene + rng.normal(0, 12, scene.shape), 0, 255).astype(np.uint8)
    h, w = code.shape
    top, left = (480 - h) // 2, (640 - w) // 2
    scene[top : top + h, left : left + w] = code[:, :, None]
    noisy = scene + rng.normal(0, 3, scene.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def test_utf8_text_without_eci_round_trips(render_qr):
    codes = decode_qr(render_qr(TEXT, encoding="utf-8"))
    assert len(codes) == 1
    assert codes[0].data == TEXT.encode("utf-8")
    assert codes[0].text == TEXT
    assert codes[0].decoder == "zxing-cpp"


def test_utf8_text_with_eci_round_trips(render_qr):
    with_eci = render_qr(TEXT, encoding="utf-8", eci=True)
    # The ECI designator really is in the symbol: the module pattern differs.
    assert not np.array_equal(with_eci, render_qr(TEXT, encoding="utf-8"))
    codes = decode_qr(with_eci)
    assert [c.data for c in codes] == [TEXT.encode("utf-8")]
    assert codes[0].text == TEXT


def test_300_random_bytes_round_trip_byte_exact(render_qr):
    with pytest.raises(UnicodeDecodeError):
        RANDOM_300.decode("utf-8")  # precondition: genuinely binary
    codes = decode_qr(render_qr(RANDOM_300, mode="byte"))
    assert [c.data for c in codes] == [RANDOM_300]
    assert codes[0].text is None


def test_inverted_code_decodes_byte_exact(render_qr):
    codes = decode_qr(render_qr(RANDOM_300, mode="byte", invert=True))
    assert [c.data for c in codes] == [RANDOM_300]


def test_colour_bgr_frame_decodes(render_qr):
    frame = camera_like(render_qr(b'{"type":"VerifiableCredential"}', scale=5))
    assert frame.ndim == 3 and frame.shape[2] == 3
    codes = decode_qr(frame)
    assert [c.data for c in codes] == [b'{"type":"VerifiableCredential"}']


def test_bgra_frame_decodes(render_qr):
    frame = cv2.cvtColor(camera_like(render_qr("bgra frame", scale=5)), cv2.COLOR_BGR2BGRA)
    assert [c.data for c in decode_qr(frame)] == [b"bgra frame"]


def test_frame_without_code_returns_empty_list():
    frame = camera_like(np.full((200, 200), 128, dtype=np.uint8))
    assert decode_qr(frame) == []


def test_position_gives_four_corners_on_the_code(render_qr):
    code = render_qr("where am I", scale=6)
    frame = camera_like(code)
    (found,) = decode_qr(frame)
    top, left = (480 - code.shape[0]) // 2, (640 - code.shape[1]) // 2
    border = 4 * 6
    assert len(found.position) == 4
    for x, y in found.position:
        assert left + border - 3 <= x <= left + code.shape[1] - border + 3
        assert top + border - 3 <= y <= top + code.shape[0] - border + 3


def test_identical_codes_are_reported_once(render_qr):
    code = render_qr("same payload twice", scale=4)
    side_by_side = np.hstack([code, code])
    assert [c.data for c in decode_qr(side_by_side)] == [b"same payload twice"]


def test_different_codes_are_all_reported(render_qr):
    both = np.hstack([render_qr("first code", scale=4), render_qr("second code", scale=4)])
    assert sorted(c.data for c in decode_qr(both)) == [b"first code", b"second code"]


@pytest.mark.skipif(not zbar_available(), reason="libzbar is not installed")
@pytest.mark.parametrize("invert", [False, True], ids=["normal", "inverted"])
def test_zbar_fallback_returns_binary_byte_exact(render_qr, invert):
    found = zbar_decode(render_qr(RANDOM_300, mode="byte", invert=invert))
    assert [data for data, _ in found] == [RANDOM_300]


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((10, 10), dtype=np.float32),
        np.zeros((10,), dtype=np.uint8),
        np.zeros((10, 10, 5), dtype=np.uint8),
        np.zeros((0, 10), dtype=np.uint8),
        b"not an array",
    ],
    ids=["float", "1-d", "5-channel", "empty", "bytes"],
)
def test_decode_qr_rejects_non_images_with_decode_error(image):
    with pytest.raises(DecodeError) as caught:
        decode_qr(image)
    assert caught.value.reason.endswith(".")


def test_decode_qr_refuses_more_than_40_megapixels():
    with pytest.raises(DecodeError, match="limit"):
        decode_qr(np.zeros((5000, 8001), dtype=np.uint8))


# -- files -------------------------------------------------------------------------------


def test_decode_image_file_reads_png_and_jpeg(tmp_path: Path, render_qr):
    png = tmp_path / "code.png"
    jpeg = tmp_path / "code.jpg"
    assert cv2.imwrite(str(png), render_qr("from a png"))
    assert cv2.imwrite(str(jpeg), camera_like(render_qr("from a jpeg", scale=5)))
    assert [c.data for c in decode_image_file(png)] == [b"from a png"]
    assert [c.data for c in decode_image_file(jpeg)] == [b"from a jpeg"]


def test_decode_image_file_lays_transparent_png_on_white(tmp_path: Path, render_qr):
    code = render_qr("see-through")
    # Every pixel is black; only alpha draws the code (opaque dark modules).
    bgra = np.zeros((*code.shape, 4), dtype=np.uint8)
    bgra[:, :, 3] = 255 - code
    path = tmp_path / "transparent.png"
    assert cv2.imwrite(str(path), bgra)
    assert decode_qr(cv2.imread(str(path), cv2.IMREAD_COLOR)) == []  # alpha dropped: black
    assert [c.data for c in decode_image_file(path)] == [b"see-through"]


def test_missing_file_raises_decode_error_naming_it(tmp_path: Path):
    with pytest.raises(DecodeError, match=r"nothere\.png"):
        decode_image_file(tmp_path / "nothere.png")


def test_non_image_file_raises_decode_error(tmp_path: Path):
    path = tmp_path / "notes.png"
    path.write_text("hello, I am not a picture")
    with pytest.raises(DecodeError, match="not a PNG or JPEG"):
        decode_image_file(path)


def test_truncated_png_raises_decode_error(tmp_path: Path, render_qr):
    ok, encoded = cv2.imencode(".png", render_qr("cut short"))
    assert ok
    path = tmp_path / "cut.png"
    path.write_bytes(encoded.tobytes()[:-40])
    with pytest.raises(DecodeError, match="damaged or incomplete"):
        decode_image_file(path)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_png_above_40_megapixels_is_refused_from_its_header(tmp_path: Path):
    header = struct.pack(">IIBBBBB", 10_000, 5_000, 8, 0, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IEND", b"")
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb)
    with pytest.raises(DecodeError, match=r"10000x5000 pixels .* limit is 40 megapixels"):
        decode_image_file(path)


def test_jpeg_above_40_megapixels_is_refused_from_its_header(tmp_path: Path):
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 9_000, 9_000, 1) + b"\x01\x11\x00"
    path = tmp_path / "bomb.jpg"
    path.write_bytes(b"\xff\xd8" + sof + b"\xff\xd9")
    with pytest.raises(DecodeError, match="9000x9000 pixels"):
        decode_image_file(path)


def test_strided_view_of_a_frame_decodes(render_qr):
    big = camera_like(render_qr("every other pixel", scale=8))
    view = big[::2, ::2]  # e.g. a downscaled preview: not C-contiguous
    assert not view.flags.c_contiguous
    assert [c.data for c in decode_qr(view)] == [b"every other pixel"]


def test_png_with_a_bad_checksum_is_refused_before_decoding(tmp_path: Path, render_qr):
    ok, encoded = cv2.imencode(".png", render_qr("flipped bit"))
    assert ok
    data = bytearray(encoded.tobytes())
    data[60] ^= 0x01  # inside the first data chunk
    path = tmp_path / "flipped.png"
    path.write_bytes(bytes(data))
    with pytest.raises(DecodeError, match="damaged or incomplete PNG"):
        decode_image_file(path)
