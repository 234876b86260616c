"""Real credentials from other projects, their real status lists served at the addresses the
credentials name: revoked ones are NOT VERIFIED, the status of the others is what the rules say.

Always run on the copies in `tests/fixtures/status/`; `test_shared_vectors.py` sweeps
`../shared/vectors/` when it is there.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import trustme

from kiosk.net import GuardedFetcher
from kiosk.verification import CheckStatus, Verdict, VerificationContext, verify_document
from tests.conftest import NetworkAttempts
from tests.helpers import context, load_fixture
from tests.unit.status.lists import status_of
from tests.unit.status.public import host_of, path_of, public_server

pytestmark = pytest.mark.local_servers

LIST_URL = (
    "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/"
    "src/test-fixtures/status/e5WK8CbZ1GjycuPombrj"
)
LIST = "status/dcc/verifier-core-status-e5WK8CbZ1GjycuPombrj.json"


@pytest.mark.parametrize(
    ("fixture", "verdict", "status"),
    [
        ("status/dcc/v2Revoked.json", Verdict.NOT_VERIFIED, CheckStatus.FAILED),
        ("status/dcc/v1Revoked.json", Verdict.NOT_VERIFIED, CheckStatus.FAILED),
        # the list holds 100,000 entries, fewer than the standard's 131,072: read all the same
        ("status/dcc/v2WithValidStatus.json", Verdict.VERIFIED, CheckStatus.PASSED),
    ],
)
def test_dcc_verifier_core_credentials_against_their_real_list(
    tls_ca: trustme.CA,
    monkeypatch: pytest.MonkeyPatch,
    network_guard: NetworkAttempts,
    fixture: str,
    verdict: Verdict,
    status: CheckStatus,
) -> None:
    document = load_fixture(fixture)
    issuer = (
        document["issuer"]["id"] if isinstance(document["issuer"], dict) else document["issuer"]
    )
    assert document["credentialStatus"]["statusListCredential"] == LIST_URL
    with public_server(tls_ca, [host_of(LIST_URL)], monkeypatch) as (server, fetcher):
        server.json(path_of(LIST_URL), load_fixture(LIST))
        trusted = context({issuer: "DCC test issuer"})
        report = verify_document(document, _with_network(trusted, fetcher))
    result = status_of(report)
    assert (report.verdict, result.status) == (verdict, status), report.checks
    assert server.paths == [path_of(LIST_URL)]
    assert any("100,000 entries, fewer than the 131,072" in line for line in result.details)
    if status is CheckStatus.FAILED:
        assert result.reason.startswith("Revoked by the issuer")


def _with_network(base: VerificationContext, fetcher: GuardedFetcher) -> VerificationContext:
    return replace(base, network=fetcher, offline=False)
