"""Revocation and status: every status method in use, each answering with a `StatusOutcome`.

    outcomes = check_entries(document["credentialStatus"], StatusSubject(issuer_id, id), ctx,
                             verify_status_list)  # the pipeline's status-list profile
    result = summarise(outcomes)              # the `status` CheckResult

    # Blockcerts v2: the revocation list named by the issuer profile
    outcome = check_revocation_list(profile.revocation_list, certificate_id, ctx)
    result = summarise([outcome])

Modules: `methods` (the table by `credentialStatus.type`), one module per method
(`bitstring_status_list`, `status_list_2021`, `revocation_list_2020`,
`one_edtech_revocation_list`, `blockcerts_revocation_list`), the shared bitstring engine
(`bit_list`, `bitstring`, `encoding`), lists of revoked ids (`id_list`), fetching and verifying
lists (`fetching`, `list_credential`) and the check's wording (`summary`).
Its `kiosk sync` provider is `kiosk.sync.status_lists`. The rules: `docs/status.md`.
"""

from kiosk.verification.status.blockcerts_revocation_list import check_revocation_list
from kiosk.verification.status.entry import StatusSubject
from kiosk.verification.status.list_credential import ListVerifier, StatusLists
from kiosk.verification.status.methods import STATUS_METHODS, StatusMethod, check_entries
from kiosk.verification.status.outcome import ListSource, OutcomeKind, StatusOutcome
from kiosk.verification.status.summary import summarise

__all__ = [
    "STATUS_METHODS",
    "ListSource",
    "ListVerifier",
    "OutcomeKind",
    "StatusLists",
    "StatusMethod",
    "StatusOutcome",
    "StatusSubject",
    "check_entries",
    "check_revocation_list",
    "summarise",
]
