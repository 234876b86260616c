"""Reports for the employer-view app tests: real verifications (fixed instant) of credentials
signed by the tests (`tests.employer_credentials`)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from kiosk.verification import verify_document
from kiosk.verification.model import VerificationReport
from kiosk.verification.suites.signing import did_key_for
from tests.employer_credentials import (
    ESCO_KNIFE_SKILLS,
    clr_pathway,
    endorsement,
    rich_badge,
)
from tests.helpers import context, make_key

CHECKED_AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
COLLEGE = make_key("college")
GUILD = make_key("guild")
STRANGER = make_key("stranger")
CONTEXT = context(
    {did_key_for(COLLEGE): "Northfield College", did_key_for(GUILD): "Catering Guild"},
    now=CHECKED_AT,
)
ACHIEVEMENT_ID = "urn:uuid:a1b2c3d4-0000-4000-8000-000000000001"
ROLE_TOML = f"""
name = "Commis Chef"
[[requirement]]
label = "Food hygiene rules"
alignment_url = "http://data.europa.eu/esco/skill/791fa659-3382-49f8-a8dd-505226d0da48"
[[requirement]]
label = "Knife skills"
alignment_url = "{ESCO_KNIFE_SKILLS}"
[[requirement]]
label = "A cookery qualification at SCQF level 6"
alignment_code = "6"
alignment_framework = "SCQF"
"""


def badge_with_endorsements() -> VerificationReport:
    good = endorsement(ACHIEVEMENT_ID, GUILD)
    forged = copy.deepcopy(endorsement(ACHIEVEMENT_ID, GUILD, "Second opinion."))
    forged["credentialSubject"]["endorsementComment"] = "The best cook in the land."
    return verify_document(rich_badge(COLLEGE, endorsements=(good, forged)), CONTEXT)


def pathway_record() -> VerificationReport:
    return verify_document(clr_pathway(COLLEGE), CONTEXT)


def hygiene() -> VerificationReport:
    return verify_document(rich_badge(COLLEGE), CONTEXT)


def untrusted_knife_skills(holder: str = "Alex Candidate") -> VerificationReport:
    document = rich_badge(
        STRANGER,
        achievement_id="urn:uuid:a1b2c3d4-0000-4000-8000-000000000002",
        name="Knife Skills",
        alignment_url=ESCO_KNIFE_SKILLS,
        holder=holder,
    )
    return verify_document(document, CONTEXT)


def tampered_scqf6() -> VerificationReport:
    document = copy.deepcopy(
        rich_badge(
            COLLEGE,
            name="Advanced Cookery",
            achievement_id="urn:uuid:a1b2c3d4-0000-4000-8000-000000000003",
        )
    )
    document["credentialSubject"]["achievement"]["alignment"][1]["targetCode"] = "6"
    return verify_document(document, CONTEXT)
