"""Trust lists: which issuers the operator trusts, and the names to show for them.

Headless (no textual/rich). Format: `docs/trust-lists.md`.
"""

from trust_lists.loader import TrustListError, load_trust_list, shipped_trust_list_paths
from trust_lists.model import TrustedIssuer, TrustList, TrustMatch, TrustRegistry

__all__ = [
    "TrustList",
    "TrustListError",
    "TrustMatch",
    "TrustRegistry",
    "TrustedIssuer",
    "load_trust_list",
    "shipped_trust_list_paths",
]
