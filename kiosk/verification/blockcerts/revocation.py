"""The Blockcerts revocation list an issuer's profile names, through the status code.

A small adapter so the Blockcerts checks depend on one function: the status package
(`kiosk.verification.status`, docs/status.md) reads the list — fetched through the guarded
fetcher, with `?assertionId=` as the Blockcerts verifier asks, the cached copy when offline —
and words the result. Listed → failed with the issuer's reason; not listed → passed; the list
cannot be had → not done (never "not revoked").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.verification.model import CheckResult
from kiosk.verification.status import check_revocation_list, summarise

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext


def revocation_list_result(
    url: str, credential_id: str, context: VerificationContext
) -> CheckResult:
    """Whether the revocation list at `url` names `credential_id`, as a `status` result."""
    return summarise([check_revocation_list(url, credential_id, context)])
