# ruff: noqa: RUF001, RUF003 - look-alike letters on purpose
"""The trust check: exact-id matching in the operator's order, sources that could not be checked,
test-only sources, notes, registry details, and name spoofing (with a property test that no
claimed name ever makes an issuer trusted)."""

from __future__ import annotations

import string
import unicodedata
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.model import CheckId, CheckStatus, FieldSource, Verdict
from kiosk.verification.pipeline import verify_document
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import NOW, make_key, ob3_unsigned
from trust_lists import TrustedIssuer, TrustList, TrustRegistry
from trust_lists.spoofing import fold_name

KEY = make_key("trust check issuer")
ISSUER = did_key_for(KEY)
OTHER = did_key_for(make_key("a trusted college"))


def source(name: str, entries: dict[str, str], **kwargs: Any) -> TrustList:
    issuers = {i: TrustedIssuer(i, n, **kwargs.pop("entry", {})) for i, n in entries.items()}
    return TrustList(name, "tests", issuers, f"{name}.json", **kwargs)


def verify(registry: TrustRegistry, claimed_name: Any = "Claimed Issuer Name") -> Any:
    unsigned = ob3_unsigned(KEY)
    unsigned["issuer"]["name"] = claimed_name
    document = sign_eddsa_rdfc_2022(unsigned, KEY, "2026-01-15T09:00:00Z")
    context = VerificationContext(now=NOW, trust=registry, contexts=bundled_contexts())
    report = verify_document(document, context)
    return report, report.check(CheckId.TRUST)


def unavailable(name: str, reason: str) -> TrustList:
    return TrustList(name, "", {}, name, problem=reason)


def test_the_first_source_listing_the_exact_id_vouches_and_is_named_with_its_governance() -> None:
    registry = TrustRegistry(
        (
            source("Local entries", {OTHER: "Other"}),
            source(
                "DCC Member Registry", {ISSUER: "Registry Name"}, governance="https://gov.example"
            ),
            source("Later list", {ISSUER: "Later Name"}),
        )
    )
    report, trust = verify(registry)
    assert trust.status is CheckStatus.PASSED
    assert trust.reason == "Listed in DCC Member Registry — governance: https://gov.example."
    assert report.fields.issuer.value == "Registry Name"
    assert report.fields.issuer.source is FieldSource.TRUST_LIST
    assert report.verdict is Verdict.VERIFIED


def test_a_prefix_or_a_longer_id_never_matches() -> None:
    for listed in (ISSUER[:-1], ISSUER + "x", ISSUER + "#key-1", ISSUER.upper()):
        report, trust = verify(TrustRegistry((source("List", {listed: "Prefix"}),)))
        assert trust.status is CheckStatus.NOT_DONE, listed
        assert report.fields.issuer.source is FieldSource.ISSUER_CLAIM


def test_registry_details_and_the_note_are_shown_from_the_registry() -> None:
    registry = TrustRegistry(
        (
            source(
                "R",
                {ISSUER: "Real Name"},
                entry={
                    "note": "test issuer",
                    "details": (("location", "Cambridge, MA"), ("legal name", "Real Name Inc.")),
                },
            ),
        )
    )
    _report, trust = verify(registry)
    assert trust.details[:3] == (
        "test issuer",
        "location: Cambridge, MA",
        "legal name: Real Name Inc.",
    )


def test_unchecked_sources_make_trust_not_done_never_not_on_the_list() -> None:
    registry = TrustRegistry(
        (
            unavailable("DCC Member Registry", "the kiosk is offline and has no saved copy"),
            source("Local entries", {OTHER: "Other"}),
            unavailable("Test DCC Member Registry", "the host could not be found"),
            source("DCC Sandbox Registry", {}),
            source("DCC Community Registry", {}),
        )
    )
    report, trust = verify(registry)
    assert trust.status is CheckStatus.NOT_DONE
    assert trust.reason == (
        "Not done: 2 of 5 registries could not be checked, and the issuer is in none of the others."
    )
    assert "DCC Member Registry: the kiosk is offline and has no saved copy" in trust.details
    assert "not in any" not in trust.reason
    assert report.verdict is Verdict.CHECK_MANUALLY


def test_an_expired_only_list_says_so() -> None:
    expired = source("Fleet list", {ISSUER: "Name"}, valid_until=NOW - timedelta(days=3))
    _report, trust = verify(TrustRegistry((expired,)))
    day = (NOW - timedelta(days=3)).strftime("%Y-%m-%d")
    assert trust.status is CheckStatus.NOT_DONE
    assert trust.reason == f"Not done: the list Fleet list expired on {day}."


def test_a_match_in_a_test_only_source_gives_check_manually() -> None:
    registry = TrustRegistry(
        (source("DCC Sandbox Registry", {ISSUER: "Public Test Issuer"}, test_only=True),)
    )
    report, trust = verify(registry)
    assert trust.status is CheckStatus.NOT_DONE and "test-only source" in trust.reason
    assert report.verdict is Verdict.CHECK_MANUALLY
    assert report.fields.issuer.source is FieldSource.ISSUER_CLAIM


def test_an_unconfirmed_entry_is_not_done_with_its_reason() -> None:
    registry = TrustRegistry(
        (
            source(
                "EBSI",
                {ISSUER: "Accredited"},
                entry={"unconfirmed": "the EBSI accreditation signature was not done (x)"},
            ),
        )
    )
    _report, trust = verify(registry)
    assert trust.status is CheckStatus.NOT_DONE and "accreditation signature" in trust.reason


SPOOFS = [
    "Northfield College",
    "northfield  college",
    "NORTHFIELD-COLLEGE!",
    "Νοrthfield College",  # Greek capital Nu and omicron
    "Northfiеld Collеge",  # Cyrillic е
    "Ｎｏｒｔｈｆｉｅｌｄ Ｃｏｌｌｅｇｅ",  # fullwidth
    "North\u200bfield College",  # zero-width space
    "Northfie1d College",
    "Nörthfield Cöllege",
    ["Northfield College"],
    {"@value": "Northfield College", "@language": "en"},
]


def test_a_claimed_name_imitating_a_trusted_issuer_under_another_id_fails_naming_it() -> None:
    registry = TrustRegistry((source("Fleet list", {OTHER: "Northfield College"}),))
    for claimed in SPOOFS:
        report, trust = verify(registry, claimed)
        assert trust.status is CheckStatus.FAILED, claimed
        assert (
            "claims the name of Northfield College, a trusted issuer in Fleet list" in trust.reason
        )
        assert report.verdict is Verdict.NOT_VERIFIED


def test_an_issuer_listed_under_its_own_id_with_the_same_name_is_not_a_spoof() -> None:
    registry = TrustRegistry(
        (
            source(
                "Registry",
                {
                    OTHER: "Instituto Tecnológico de Monterrey Test",
                    ISSUER: "Instituto Tecnológico de Monterrey Test",
                },
            ),
        )
    )
    _report, trust = verify(registry, "Instituto Tecnológico de Monterrey Test")
    assert trust.status is CheckStatus.PASSED


def test_a_vouched_for_issuer_claiming_another_listed_name_passes_with_a_note() -> None:
    registry = TrustRegistry(
        (source("Registry", {OTHER: "DCC Test Issuer", ISSUER: "DCC did:key for testing"}),)
    )
    report, trust = verify(registry, "DCC Test Issuer")
    assert trust.status is CheckStatus.PASSED
    assert report.fields.issuer.value == "DCC did:key for testing"
    assert any("the name of another listed issuer" in line for line in trust.details)


def test_an_unrelated_claimed_name_is_not_a_spoof() -> None:
    registry = TrustRegistry((source("Fleet list", {OTHER: "Northfield College"}),))
    _report, trust = verify(registry, "Southfield College")
    assert trust.status is CheckStatus.NOT_DONE


def test_folding_keeps_different_names_apart() -> None:
    assert fold_name("Northfield College") != fold_name("Northfield University")
    assert fold_name("!!!") == "" and fold_name("") == ""


_TRUSTED_NAMES = ["Northfield College", "Public Test Issuer", "DCC Sandbox Issuer", "Example Tech"]
_names = st.one_of(
    st.sampled_from(_TRUSTED_NAMES),
    st.sampled_from(_TRUSTED_NAMES).map(lambda n: n.upper()),
    st.sampled_from(_TRUSTED_NAMES).map(lambda n: unicodedata.normalize("NFKD", n) + " "),
    st.text(string.ascii_letters + " .-", max_size=30),
    st.text(max_size=20),
)
_claims = st.one_of(_names, st.lists(_names, max_size=3), _names.map(lambda n: {"@value": n}))
_ids = st.sampled_from(
    [ISSUER, OTHER, ISSUER + "#x", ISSUER[:-2], "did:web:example.edu", ISSUER.replace("z6", "Z6")]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claimed=_claims, listed_id=_ids, listed_name=st.sampled_from(_TRUSTED_NAMES))
def test_no_claimed_name_ever_makes_an_issuer_trusted(
    claimed: Any, listed_id: str, listed_name: str
) -> None:
    """Whatever name the credential claims, trust passes only when a source lists the exact
    issuer id; and the trusted name shown is the registry's, never the claim."""
    registry = TrustRegistry((source("Registry", {listed_id: listed_name}),))
    report, trust = verify(registry, claimed)
    if trust.status is CheckStatus.PASSED:
        assert listed_id == ISSUER
        assert report.fields.issuer.value == listed_name
    if listed_id != ISSUER:
        assert trust.status is not CheckStatus.PASSED
        shown = report.fields.issuer
        assert shown is None or shown.source is FieldSource.ISSUER_CLAIM  # signed, on no list
