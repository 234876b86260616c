"""A candidate's portfolio against a role: met / unconfirmed / missing decided from what the
signed graph says, for verified, untrusted, tampered and absent credentials; the holder across
credentials; exit codes."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kiosk.portfolio.portfolio import Portfolio, PortfolioEntry, RequirementStatus
from kiosk.portfolio.roles import Requirement, Role
from kiosk.verification.model import Verdict
from kiosk.verification.pipeline import verify_document
from kiosk.verification.suites.signing import did_key_for
from tests.employer_credentials import ESCO_FOOD_HYGIENE, ESCO_KNIFE_SKILLS, rich_badge
from tests.helpers import context, make_key

TRUSTED = make_key("college")
STRANGER = make_key("stranger")
CONTEXT = context({did_key_for(TRUSTED): "Northfield College"})
IT_SKILL = "http://data.europa.eu/esco/skill/14832d87-2f2f-4895-b290-e4760ebae42a"

ROLE = Role(
    "Commis Chef",
    (
        Requirement("Food hygiene rules", alignment_url=ESCO_FOOD_HYGIENE),
        Requirement("Knife skills", alignment_url=ESCO_KNIFE_SKILLS),
        Requirement("Solve technical problems", alignment_url=IT_SKILL),
    ),
)


def entry(document: dict[str, Any], source: str) -> PortfolioEntry:
    return PortfolioEntry(source, verify_document(document, CONTEXT))


def statuses(portfolio: Portfolio) -> dict[str, RequirementStatus]:
    return {r.requirement.label: r.status for r in portfolio.requirements}


@pytest.fixture(scope="module")
def verified() -> PortfolioEntry:
    return entry(rich_badge(TRUSTED), "hygiene.json")


@pytest.fixture(scope="module")
def untrusted() -> PortfolioEntry:
    document = rich_badge(
        STRANGER,
        achievement_id="urn:uuid:a1b2c3d4-0000-4000-8000-000000000002",
        name="Knife Skills",
        alignment_url=ESCO_KNIFE_SKILLS,
    )
    return entry(document, "knife.json")


def tampered_copy(document: dict[str, Any], new_url: str) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed["credentialSubject"]["achievement"]["alignment"][0]["targetUrl"] = new_url
    return changed


def test_verified_untrusted_and_absent(verified: PortfolioEntry, untrusted: PortfolioEntry) -> None:
    assert verified.report.verdict is Verdict.VERIFIED
    assert untrusted.report.verdict is Verdict.CHECK_MANUALLY
    portfolio = Portfolio((verified, untrusted), ROLE)
    assert statuses(portfolio) == {
        "Food hygiene rules": RequirementStatus.MET,
        "Knife skills": RequirementStatus.UNCONFIRMED,
        "Solve technical problems": RequirementStatus.MISSING,
    }
    met = portfolio.requirements[0]
    assert met.credential_ids == [verified.report.fields.credential_id]
    assert portfolio.exit_code == 1


def test_an_alignment_changed_after_signing_neither_shows_nor_meets() -> None:
    signed = rich_badge(TRUSTED)
    tampered = entry(tampered_copy(signed, IT_SKILL), "tampered.json")
    assert tampered.report.verdict is Verdict.NOT_VERIFIED
    portfolio = Portfolio((tampered,), ROLE)
    assert statuses(portfolio)["Solve technical problems"] is RequirementStatus.MISSING
    assert statuses(portfolio)["Food hygiene rules"] is RequirementStatus.MISSING
    assert portfolio.claims == ()  # nothing of a NOT VERIFIED credential is used


def test_a_verified_credential_beats_an_unconfirmed_one(untrusted: PortfolioEntry) -> None:
    knife = entry(
        rich_badge(TRUSTED, name="Knife Skills", alignment_url=ESCO_KNIFE_SKILLS), "k2.json"
    )
    portfolio = Portfolio((untrusted, knife), ROLE)
    result = portfolio.requirements[1]
    assert result.status is RequirementStatus.MET
    assert result.credential_ids == [knife.report.fields.credential_id]


def test_unconfirmed_only_gives_exit_2(untrusted: PortfolioEntry) -> None:
    role = Role("Knife hand", (Requirement("Knife skills", alignment_url=ESCO_KNIFE_SKILLS),))
    assert Portfolio((untrusted,), role).exit_code == 2


def test_every_requirement_met_gives_exit_0(verified: PortfolioEntry) -> None:
    role = Role(
        "Hygiene",
        (
            Requirement("Food hygiene rules", alignment_url=ESCO_FOOD_HYGIENE),
            Requirement("SCQF 5", alignment_code="5", alignment_framework="scqf"),
            Requirement(
                "Certificate", achievement_type="Certificate", name_contains="food hygiene"
            ),
            Requirement("By id", achievement_id="urn:uuid:a1b2c3d4-0000-4000-8000-000000000001"),
        ),
    )
    portfolio = Portfolio((verified,), role)
    assert [r.status for r in portfolio.requirements] == [RequirementStatus.MET] * 4
    assert portfolio.exit_code == 0


def test_holder_mismatch_is_flagged(verified: PortfolioEntry) -> None:
    same = entry(rich_badge(TRUSTED, holder="alex  CANDIDATE", name="Other"), "b.json")
    assert not Portfolio((verified, same)).holder.mismatch
    other_name = entry(rich_badge(TRUSTED, holder="Sam Other", name="Other"), "c.json")
    assert Portfolio((verified, other_name)).holder.mismatch
    other_id = entry(rich_badge(TRUSTED, subject_id="did:example:sam", name="Other"), "d.json")
    holder = Portfolio((verified, other_id)).holder
    assert holder.mismatch
    assert holder.subject_ids == ("did:example:alex", "did:example:sam")


def test_alignment_spelled_as_a_full_iri_still_meets() -> None:
    """The signature covers the graph: re-spelling a key as its IRI (with the datatype the
    context gives it) keeps it valid, and the requirement is met through the graph, not the
    JSON key. Without the datatype it is another triple, and the signature fails."""
    signed = rich_badge(TRUSTED)
    respelled = copy.deepcopy(signed)
    alignment = respelled["credentialSubject"]["achievement"]["alignment"][0]
    url = alignment.pop("targetUrl")
    untyped = copy.deepcopy(respelled)
    untyped["credentialSubject"]["achievement"]["alignment"][0]["https://schema.org/targetUrl"] = (
        url
    )
    assert entry(untyped, "untyped.json").report.verdict is Verdict.NOT_VERIFIED
    alignment["https://schema.org/targetUrl"] = {
        "@value": url,
        "@type": "https://www.w3.org/2001/XMLSchema#anyURI",  # sic: OB 3.0's context says https
    }
    checked = entry(respelled, "respelled.json")
    assert checked.report.verdict is Verdict.VERIFIED
    assert statuses(Portfolio((checked,), ROLE))["Food hygiene rules"] is RequirementStatus.MET


def test_clr_parts_claim_with_their_own_verdicts() -> None:
    from tests.employer_credentials import clr_pathway

    record = entry(clr_pathway(TRUSTED), "record.json")
    assert record.report.verdict is Verdict.VERIFIED
    claims = Portfolio((record,)).claims
    assert {c.name for c in claims} >= {"Food Hygiene Level 2", "Knife Skills"}
    assert statuses(Portfolio((record,), ROLE))["Knife skills"] is RequirementStatus.MET


def test_as_dict_has_the_documented_shape(
    verified: PortfolioEntry, untrusted: PortfolioEntry
) -> None:
    shape = Portfolio((verified, untrusted), ROLE).as_dict()
    assert set(shape) == {"holder", "credentials", "role"}
    assert shape["credentials"] == [verified.report.as_dict(), untrusted.report.as_dict()]
    role = shape["role"]
    assert isinstance(role, dict) and role["name"] == "Commis Chef"
    assert role["requirements"][1] == {
        "label": "Knife skills",
        "status": "unconfirmed",
        "credentials": [untrusted.report.fields.credential_id],
    }
