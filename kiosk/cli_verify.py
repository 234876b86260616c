"""`kiosk verify PATH`: the same verdict and checks as the kiosk screen, for scripts and support."""

from __future__ import annotations

from kiosk.cli import dump_json, quiet_logging, read_input, write_out
from kiosk.context_setup import build_context
from kiosk.report_text import report_lines
from kiosk.settings import KioskSettings
from kiosk.verification import CheckId, CheckResult, VerificationReport
from kiosk.verification.holder_match import match_recipient
from kiosk.verification.pipeline import verify_payload

IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"RIFF")


def is_image(data: bytes) -> bool:
    """True when the bytes start like an image file rather than a payload."""
    return data.startswith(IMAGE_SIGNATURES)


def payload_from_image(data: bytes) -> bytes | CheckResult:
    """The first QR code's bytes, or a failed payload check saying why there is none."""
    from scanners.qr_decoder import DecodeError, decode_qr_in_image_bytes

    try:
        codes = decode_qr_in_image_bytes(data)
    except DecodeError as error:
        return CheckResult.failed(CheckId.PAYLOAD, f"The image cannot be read: {error.reason}")
    if not codes:
        return CheckResult.failed(CheckId.PAYLOAD, "No QR code was found in the image.")
    return codes[0].data


def run_verify(path: str, settings: KioskSettings, as_json: bool, holder: str | None = None) -> int:
    """Verify PATH and print the report; the exit code is the verdict's (a closed pipe on
    stdout changes nothing: the verdict stands, and nothing is printed about the pipe)."""
    quiet_logging()
    context = build_context(settings)
    data = read_input(path)
    if is_image(data):
        payload = payload_from_image(data)
        if isinstance(payload, CheckResult):
            report = VerificationReport((payload,), checked_at=context.now)
        else:
            report = verify_payload(payload, context)
    else:
        report = verify_payload(data, context, from_file=True)
    if holder is not None:
        report = match_recipient(report, holder)
    if as_json:
        write_out(dump_json(report.as_dict()) + "\n")
    else:
        write_out("\n".join(report_lines(report)) + "\n")
    return report.verdict.exit_code
