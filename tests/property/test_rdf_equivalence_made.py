"""The rewriter property on credentials made here for the cases the vectors cannot give offline:
a revoked credential (its status list served over local HTTPS), and a CLR 2.0 transcript with
valid and with tampered credentials inside."""

from __future__ import annotations

from typing import Any

import pytest
import trustme
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk.verification import CheckStatus, Verdict, verify_document
from kiosk.verification.context import VerificationContext
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import context, make_key, signed_ob3
from tests.property.rdf_rewriter import KINDS, Rewrite, describe, equivalent, find_slots, rewrite
from tests.property.test_rdf_equivalence import EXAMPLES
from tests.servers import LocalHttpsServer
from tests.unit.status.lists import (
    bits,
    bitstring_entry,
    bitstring_list,
    credential,
    online,
    origin,
    status_of,
)

KEY = make_key()
ISSUER = did_key_for(KEY)


def clr(included: list[Any]) -> dict[str, Any]:
    unsigned = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:7d0a4c1e-0b5f-4a8e-9c2d-3e4f5a6b7c8d",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Test College"},
        "validFrom": "2026-01-15T09:00:00Z",
        "name": "Transcript",
        "credentialSubject": {"type": ["ClrSubject"], "verifiableCredential": included},
    }
    return sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z")


def tampered() -> dict[str, Any]:
    bad = signed_ob3(make_key("another"))
    bad["id"] = "urn:uuid:00000000-0000-4000-8000-00000000bad0"  # signed over: then tampered
    bad = sign_eddsa_rdfc_2022(
        {k: v for k, v in bad.items() if k != "proof"}, make_key("another"), "2026-01-15T09:00:00Z"
    )
    bad["credentialSubject"]["achievement"]["name"] = "Forged Course"
    return bad


def assert_respellings_say_the_same(
    document: dict[str, Any], verification: VerificationContext, expected: Verdict
) -> None:
    slots = find_slots(document)
    original = verify_document(document, verification)
    assert original.verdict is expected, original.checks
    said = (original.verdict, [(c.check_id, c.status) for c in original.checks])

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        st.lists(
            st.builds(Rewrite, st.sampled_from(KINDS), st.integers(0, len(slots) - 1)),
            min_size=1,
            max_size=6,
        )
    )
    def respelled(steps: list[Rewrite]) -> None:
        document_now = rewrite(document, slots, steps)
        assume(equivalent(document, document_now))  # only true respellings count
        report = verify_document(document_now, verification)
        assert (report.verdict, [(c.check_id, c.status) for c in report.checks]) == said
        assert report.fields == original.fields, describe(steps, slots)
        assert [(p.label, p.report.verdict) for p in report.parts] == [
            (p.label, p.report.verdict) for p in original.parts
        ], describe(steps, slots)

    respelled()


@pytest.mark.local_servers
def test_a_revoked_credential_respelled_stays_not_verified(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/1"
    server.json("/status/1", bitstring_list(url, data=bits({94567})))
    document = credential(bitstring_entry(url, 94567))
    assert_respellings_say_the_same(document, online(tls_ca), Verdict.NOT_VERIFIED)
    assert status_of(verify_document(document, online(tls_ca))).status is CheckStatus.FAILED


@pytest.mark.local_servers
def test_a_credential_in_good_standing_respelled_stays_verified(
    tls_ca: trustme.CA, server: LocalHttpsServer
) -> None:
    url = f"{origin(server)}/status/1"
    server.json("/status/1", bitstring_list(url, data=bits({5})))
    document = credential(bitstring_entry(url, 94567))
    assert_respellings_say_the_same(document, online(tls_ca), Verdict.VERIFIED)


def test_a_transcript_with_a_tampered_credential_inside_respelled_stays_not_verified() -> None:
    document = clr([signed_ob3(), tampered()])
    trusted = context({ISSUER: "Test College", did_key_for(make_key("another")): "Other"})
    assert_respellings_say_the_same(document, trusted, Verdict.NOT_VERIFIED)


def test_a_valid_transcript_respelled_stays_verified() -> None:
    document = clr([signed_ob3()])
    assert_respellings_say_the_same(document, context({ISSUER: "Test College"}), Verdict.VERIFIED)
