"""`kiosk sync`: fetch and cache, before going offline, what the trusted issuers publish.

* `session`: the session, outcome rows, the provider table and `run_sync`
* `status_lists`: refresh the status lists the kiosk has met for an issuer
* `blockcerts_anchors`: refresh the Blockcerts anchors the kiosk has recorded
* `jwt_vc_issuers`: an https issuer's JWT VC Issuer Metadata and key set (SD-JWT VC)

The providers live here, beside the command, and read the verification core; the core never
imports them.
"""

from kiosk.sync.session import (
    SYNC_PROVIDERS,
    Outcome,
    SyncItem,
    SyncProvider,
    SyncSession,
    run_sync,
)

__all__ = [
    "SYNC_PROVIDERS",
    "Outcome",
    "SyncItem",
    "SyncProvider",
    "SyncSession",
    "run_sync",
]
