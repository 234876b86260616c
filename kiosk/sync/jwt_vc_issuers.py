"""`kiosk sync` provider: an https issuer's JWT VC Issuer Metadata (SD-JWT VC) and its key set.

Fetched and cached where the verifier reads them (`sd_jwt.issuer_metadata.metadata_url`), so
an offline kiosk can check the issuer's SD-JWT VCs. Most https issuers issue no SD-JWT VC: an
answer of 404 / 410 ("not there") adds no row; any other failure is reported like every fetch.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.verification.errors import VerificationError
from kiosk.verification.sd_jwt.issuer_metadata import metadata_url

if TYPE_CHECKING:
    from kiosk.sync.session import SyncSession

WHAT = "JWT VC issuer metadata"


def sync_jwt_vc_issuer(session: SyncSession) -> None:
    """Fetch the metadata (and its `jwks_uri`) of an https issuer that publishes it."""
    issuer_id = session.issuer.id
    if not issuer_id.startswith("https://"):
        return
    try:
        url = metadata_url(issuer_id)
    except VerificationError:
        return
    value = session.fetch(WHAT, url, lambda found: _not_for(found, issuer_id), optional=True)
    if isinstance(value, Mapping) and isinstance(value.get("jwks_uri"), str):
        session.fetch("issuer key set", value["jwks_uri"])


def _not_for(value: Any, issuer_id: str) -> str | None:
    if not isinstance(value, Mapping) or value.get("issuer") != issuer_id:
        return "The metadata names another issuer."
    return None
