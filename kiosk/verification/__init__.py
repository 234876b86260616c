"""Headless verification core: payload in, `VerificationReport` out. Never imports textual or rich.

Public API:
    verify_payload(data, context) -> VerificationReport
    VerificationContext: everything one verification runs with (`kiosk.context_setup` builds it
    from the operator's settings)
"""

from kiosk.verification.context import VerificationContext
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
    "decide_verdict",
    "verify_document",
    "verify_payload",
]
