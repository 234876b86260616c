"""Issue 15's achievement details, endorsements, CLR associations and embedded images, read
from the signed graph: what was signed is what is shown, an endorsement is verified on its own
and never lends weight, a remote image is never fetched."""

from __future__ import annotations

import copy
import json
from typing import Any

from kiosk.portfolio.portfolio import usable_details
from kiosk.verification.embedded_image import MAX_IMAGE_BYTES, REMOTE_NOTE, read_image
from kiosk.verification.model import FieldSource, Verdict
from kiosk.verification.pipeline import verify_document
from kiosk.verification.suites.signing import did_key_for
from tests.employer_credentials import (
    ESCO_FOOD_HYGIENE,
    clr_pathway,
    endorsement,
    rich_badge,
    tiny_png,
)
from tests.helpers import FIXTURES, context, make_key

ISSUER = make_key("college")
ENDORSER = make_key("guild")
CONTEXT = context(
    {did_key_for(ISSUER): "Northfield College", did_key_for(ENDORSER): "Catering Guild"}
)
ACHIEVEMENT_ID = "urn:uuid:a1b2c3d4-0000-4000-8000-000000000001"


def test_every_detail_shown_is_the_signed_one() -> None:
    report = verify_document(rich_badge(ISSUER), CONTEXT)
    assert report.verdict is Verdict.VERIFIED
    details = report.fields.details
    assert details is not None and details.source is FieldSource.SIGNED
    assert details.description.startswith("Safe handling")
    assert details.criteria == "Passed a written exam and a supervised kitchen assessment."
    assert (details.achievement_type, details.field_of_study) == ("Certificate", "Hospitality")
    assert (details.credits_available, details.credits_earned, details.human_code) == (
        "10",
        "10",
        "FH-L2",
    )
    assert [(r.label, r.value) for r in details.results] == [("Written exam", "87")]
    assert details.alignments[0].target_url == ESCO_FOOD_HYGIENE
    assert [(a.target_framework, a.target_code) for a in details.alignments][1] == ("SCQF", "5")
    assert details.evidence[0].url == "https://evidence.example/portfolio/alex/kitchen-assessment"
    assert details.achievement_id == ACHIEVEMENT_ID
    assert details.image is not None and details.image.data == tiny_png()


def test_changed_alignment_is_not_shown() -> None:
    changed = copy.deepcopy(rich_badge(ISSUER))
    changed["credentialSubject"]["achievement"]["alignment"][0]["targetName"] = "Head Chef"
    report = verify_document(changed, CONTEXT)
    assert report.verdict is Verdict.NOT_VERIFIED
    assert usable_details(report) is None  # what the screen, PDF and portfolio use


def test_endorsements_are_verified_each_on_their_own() -> None:
    good = endorsement(ACHIEVEMENT_ID, ENDORSER)
    forged = copy.deepcopy(endorsement(ACHIEVEMENT_ID, ENDORSER, "Second opinion."))
    forged["credentialSubject"]["endorsementComment"] = "The best cook in the land."
    report = verify_document(rich_badge(ISSUER, endorsements=(good, forged)), CONTEXT)
    assert report.verdict is Verdict.VERIFIED  # a failed endorsement never changes it
    verdicts = [(e.label, e.report.verdict) for e in report.endorsements]
    assert verdicts == [
        ("Endorsement of the achievement", Verdict.VERIFIED),
        ("Endorsement of the achievement", Verdict.NOT_VERIFIED),
    ]
    issuer = report.endorsements[0].report.fields.issuer
    assert issuer is not None and issuer.value == "Catering Guild"
    as_json = report.as_dict()["endorsements"]
    assert isinstance(as_json, list) and as_json[1]["verdict"] == "NOT VERIFIED"


def test_untrusted_endorser_is_check_manually() -> None:
    stranger = make_key("stranger")
    report = verify_document(
        rich_badge(
            ISSUER,
            endorsements=(
                endorsement(ACHIEVEMENT_ID, stranger, issuer_name="Westside Cooks"),
                endorsement(ACHIEVEMENT_ID, stranger, "Copycat.", issuer_name="Catering Guild"),
            ),
        ),
        CONTEXT,
    )
    # an unknown endorser is to check by hand; one claiming a trusted endorser's name is not
    assert [e.report.verdict for e in report.endorsements] == [
        Verdict.CHECK_MANUALLY,
        Verdict.NOT_VERIFIED,
    ]
    assert report.verdict is Verdict.VERIFIED


def test_clr_associations_and_parts() -> None:
    report = verify_document(clr_pathway(ISSUER), CONTEXT)
    assert report.verdict is Verdict.VERIFIED
    kinds = [
        (a.association_type, a.source_id[-4:], a.target_id[-4:]) for a in report.fields.associations
    ]
    assert kinds == [
        ("isParentOf", "p001", "c001"),
        ("isParentOf", "p001", "c002"),
        ("precedes", "c001", "c002"),
    ]
    ids = [
        p.report.fields.details.achievement_id[-4:] for p in report.parts if p.report.fields.details
    ]
    assert ids == ["p001", "c001", "c002"]


def test_images_only_from_data_uris() -> None:
    assert read_image(("https://img.example/badge.png",)) == (None, REMOTE_NOTE)
    image, note = read_image(("data:image/svg+xml;base64,PHN2Zy8+",))
    assert image is None and "not a PNG" in note
    big = "data:image/png;base64," + "A" * (MAX_IMAGE_BYTES * 2)
    assert read_image((big,))[0] is None
    assert read_image(("data:image/png;base64,@@@",)) == (
        None,
        "The achievement's embedded image is malformed.",
    )


def vector(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "employer" / name).read_text("utf-8"))
    return data


def test_ob30_sample_details_match_what_it_says() -> None:
    document = vector("ob30-complete.json")
    report = verify_document(document, CONTEXT)
    details = report.fields.details
    assert details is not None
    signed = document["credentialSubject"]["achievement"]["alignment"]
    assert [a.target_name for a in details.alignments] == [a["targetName"] for a in signed]
    assert [a.target_url for a in details.alignments] == [a["targetUrl"] for a in signed]
    assert len(details.evidence) == len(document["evidence"])
    assert len(report.endorsements) == 5  # credential, issuer (3), achievement


def test_clr20_sample_associations() -> None:
    document = vector("clr20-complex.json")
    report = verify_document(document, CONTEXT)
    signed = document["credentialSubject"]["association"]
    assert [(a.association_type, a.source_id, a.target_id) for a in report.fields.associations] == [
        (a["associationType"], a["sourceId"], a["targetId"]) for a in signed
    ]
    assert len(report.parts) == len(document["credentialSubject"]["verifiableCredential"])
