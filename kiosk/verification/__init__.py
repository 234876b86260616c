"""Headless verification core: payload in, `VerificationReport` out. Never imports textual or rich.

Public API:
    verify_payload(data, context) -> VerificationReport
    build_context(settings) -> VerificationContext
"""

from kiosk.verification.context import VerificationContext, build_context
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    CheckStatus,
    FieldSource,
    ShownField,
    ShownFields,
    Verdict,
    VerificationReport,
)
from kiosk.verification.pipeline import verify_document, verify_payload
from kiosk.verification.verdict import decide_verdict

__all__ = [
    "CheckId",
    "CheckResult",
    "CheckStatus",
    "FieldSource",
    "ShownField",
    "ShownFields",
    "Verdict",
    "VerificationContext",
    "VerificationReport",
    "build_context",
    "decide_verdict",
    "verify_document",
    "verify_payload",
]
