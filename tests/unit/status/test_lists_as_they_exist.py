"""Status lists as issuers really publish them: delivered as a JWT, with a `ttl`, with a
`statusReference` on the entry, and credentials stating `expirationDate: null`."""

from __future__ import annotations

import json
import warnings
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme
from joserfc import jws
from joserfc.errors import SecurityWarning
from joserfc.jwk import OKPKey

from kiosk.verification import CheckStatus, Verdict
from kiosk.verification.suites.signing import sign_eddsa_rdfc_2022
from tests.helpers import ob3_unsigned
from tests.servers import LocalHttpsServer, Route
from tests.unit.status.lists import (
    CREATED,
    DATA_INTEGRITY,
    ISSUER,
    ISSUER_ID,
    VC1,
    bits,
    bitstring_entry,
    bitstring_list,
    credential,
    online,
    origin,
    status_of,
    verify,
)

pytestmark = pytest.mark.local_servers


def list_token(url: str, set_bits: set[int], **subject: Any) -> str:
    """A VC-JOSE (vc+jwt) BitstringStatusListCredential, signed by the issuer's key."""
    document = bitstring_list(url, bits(set_bits), sign=False)
    document["credentialSubject"].update(subject)
    kid = f"{ISSUER_ID}#{ISSUER_ID.removeprefix('did:key:')}"
    header = {"alg": "EdDSA", "typ": "vc+jwt", "kid": kid}
    registry = jws.JWSRegistry(algorithms=["EdDSA"], strict_check_header=False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "EdDSA is deprecated", SecurityWarning)
        return jws.serialize_compact(
            header, json.dumps(document).encode(), OKPKey.import_key(ISSUER), registry=registry
        )


def serve_token(server: LocalHttpsServer, token: str) -> str:
    server.route("/status/jwt", Route(body=token.encode(), content_type="application/vc+jwt"))
    return f"{origin(server)}/status/jwt"


@pytest.mark.parametrize(("index", "verdict"), [(1, Verdict.NOT_VERIFIED), (2, Verdict.VERIFIED)])
def test_a_status_list_delivered_as_a_jwt_is_verified_and_read(
    tls_ca: trustme.CA, server: LocalHttpsServer, index: int, verdict: Verdict
) -> None:
    url = f"{origin(server)}/status/jwt"
    serve_token(server, list_token(url, {1}))
    report = verify(credential(bitstring_entry(url, index)), online(tls_ca))
    assert report.verdict is verdict, report.checks
    assert status_of(report).status is (CheckStatus.FAILED if index == 1 else CheckStatus.PASSED)


def test_a_jwt_status_list_with_a_bad_signature_is_not_done(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/jwt"
    header, _payload, signature = list_token(url, {1}).split(".")
    other = list_token(url, set()).split(".")[1]
    serve_token(server, f"{header}.{other}.{signature}")
    result = status_of(verify(credential(bitstring_entry(url, 1)), online(tls_ca)))
    assert result.status is CheckStatus.NOT_DONE
    assert "cannot be relied on" in result.reason


def test_a_cached_list_younger_than_its_ttl_is_used_without_fetching(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = f"{origin(server)}/status/1"
    hour = 3_600_000
    signed = bitstring_list(url, bits(), sign=False)
    signed["credentialSubject"]["ttl"] = hour
    server.json("/status/1", sign_eddsa_rdfc_2022(signed, ISSUER, CREATED))
    context = online(tls_ca, cache=tmp_path)
    first = verify(credential(bitstring_entry(url, 1)), context)
    assert first.verdict is Verdict.VERIFIED
    fetched = len(server.paths)
    soon = replace(context, now=context.now + timedelta(minutes=30))
    assert verify(credential(bitstring_entry(url, 1)), soon).verdict is Verdict.VERIFIED
    assert len(server.paths) == fetched  # within its ttl: the saved copy, no fetch
    later = replace(context, now=context.now + timedelta(minutes=90))
    assert verify(credential(bitstring_entry(url, 1)), later).verdict is Verdict.VERIFIED
    assert len(server.paths) == fetched + 1  # past its ttl: fetched again


def test_a_list_without_ttl_is_fetched_every_time(
    tls_ca: trustme.CA, server: LocalHttpsServer, tmp_path: Path
) -> None:
    url = f"{origin(server)}/status/1"
    server.json("/status/1", bitstring_list(url, bits()))
    context = online(tls_ca, cache=tmp_path)
    verify(credential(bitstring_entry(url, 1)), context)
    verify(credential(bitstring_entry(url, 1)), context)
    assert server.paths.count("/status/1") == 2


def test_status_reference_is_shown_in_the_details(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/1"
    server.json("/status/1", bitstring_list(url, bits()))
    entry = bitstring_entry(url, 1, statusReference="https://issuer.example/status-codes")
    result = status_of(verify(credential(entry), online(tls_ca)))
    assert result.status is CheckStatus.PASSED
    assert any(
        "explains its status values at https://issuer.example/status-codes" in line
        for line in result.details
    )


def test_expiration_date_null_is_read_as_absent() -> None:
    """JSON-LD drops a null value: `expirationDate: null` states no expiry, it is not malformed."""
    from kiosk.verification import verify_document
    from tests.helpers import context

    unsigned = ob3_unsigned(ISSUER, valid_until=None)
    unsigned["@context"] = [
        VC1,
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        DATA_INTEGRITY,
    ]
    unsigned["issuanceDate"] = unsigned.pop("validFrom")
    unsigned["expirationDate"] = None
    signed = sign_eddsa_rdfc_2022(unsigned, ISSUER, CREATED)
    report = verify_document(signed, context({ISSUER_ID: "Test College"}))
    assert report.verdict is Verdict.VERIFIED, report.checks
