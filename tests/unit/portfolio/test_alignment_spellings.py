"""Property: a requirement is met through the signed graph, whatever JSON spelling carries the
alignment (key as its full IRI with the context's datatype, alignments reordered, keys
reordered, type as a string or a list), and never once the URL is changed after signing."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.portfolio.portfolio import Portfolio, PortfolioEntry, RequirementStatus
from kiosk.portfolio.roles import Requirement, Role
from kiosk.verification.model import Verdict
from kiosk.verification.pipeline import verify_document
from kiosk.verification.suites.signing import did_key_for
from tests.employer_credentials import ESCO_FOOD_HYGIENE, rich_badge
from tests.helpers import context, make_key

KEY = make_key("college")
CONTEXT = context({did_key_for(KEY): "Northfield College"})
SIGNED = rich_badge(KEY)
ROLE = Role("Cook", (Requirement("Food hygiene rules", alignment_url=ESCO_FOOD_HYGIENE),))
ANY_URI = "https://www.w3.org/2001/XMLSchema#anyURI"  # as OB 3.0's context types targetUrl


def status_of(document: dict[str, Any]) -> tuple[Verdict, RequirementStatus]:
    report = verify_document(document, CONTEXT)
    portfolio = Portfolio((PortfolioEntry("f.json", report),), ROLE)
    return report.verdict, portfolio.requirements[0].status


def respelled(full_iri: bool, reverse: bool, keys_reversed: bool, type_as_text: bool) -> Any:
    document = copy.deepcopy(SIGNED)
    alignments = document["credentialSubject"]["achievement"]["alignment"]
    for alignment in alignments:
        if full_iri:
            url = alignment.pop("targetUrl")
            alignment["https://schema.org/targetUrl"] = {"@value": url, "@type": ANY_URI}
        if type_as_text:
            alignment["type"] = "Alignment"
        if keys_reversed:
            items = list(alignment.items())[::-1]
            alignment.clear()
            alignment.update(items)
    if reverse:
        alignments.reverse()
    return document


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_same_graph_any_spelling_meets(
    full_iri: bool, reverse: bool, keys_reversed: bool, type_as_text: bool
) -> None:
    document = respelled(full_iri, reverse, keys_reversed, type_as_text)
    assert status_of(document) == (Verdict.VERIFIED, RequirementStatus.MET)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40), st.booleans())
def test_a_changed_url_never_meets(suffix: str, full_iri: bool) -> None:
    document = respelled(full_iri, False, False, False)
    alignment = document["credentialSubject"]["achievement"]["alignment"][0]
    key = "https://schema.org/targetUrl" if full_iri else "targetUrl"
    if full_iri:
        alignment[key] = {"@value": ESCO_FOOD_HYGIENE + suffix, "@type": ANY_URI}
    else:
        alignment[key] = ESCO_FOOD_HYGIENE + suffix
    verdict, status = status_of(document)
    assert verdict is Verdict.NOT_VERIFIED
    assert status is RequirementStatus.MISSING
