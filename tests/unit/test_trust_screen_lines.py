"""What the trust screen says about one source's state and freshness (`source_lines`)."""

from __future__ import annotations

from datetime import timedelta

from kiosk.app.screens.trust import source_lines
from tests.helpers import NOW
from trust_lists import TrustList


def a_source(**kwargs: object) -> TrustList:
    return TrustList("Registry", "", {}, "https://r.example/list.json", **kwargs)  # type: ignore[arg-type]


def test_a_fresh_copy_is_loaded_with_its_date() -> None:
    state, details, css = source_lines(a_source(fetched_at=NOW - timedelta(hours=2)), NOW)
    assert (state, css) == ("Loaded — 0 issuers", "-loaded")
    assert details == ["fetched 2026-11-24 10:00 UTC"]


def test_an_old_saved_copy_is_stale() -> None:
    source = a_source(fetched_at=NOW - timedelta(days=12), from_cache=True)
    state, details, css = source_lines(source, NOW)
    assert css == "-warning" and "stale: saved 12 days ago, refresh it (kiosk sync)" in state
    assert details[0] == "saved copy as of 2026-11-12 12:00 UTC"


def test_near_expiry_warns_and_past_expiry_is_not_used() -> None:
    near = source_lines(a_source(valid_until=NOW + timedelta(hours=30)), NOW)
    assert near[2] == "-warning" and "expires in 30 hours" in near[0]
    past = source_lines(a_source(valid_until=NOW - timedelta(days=1)), NOW)
    assert past[0] == "Expired on 2026-11-23 12:00 UTC: not used" and past[2] == "-problem"


def test_a_source_with_a_problem_says_why() -> None:
    state, _details, css = source_lines(a_source(problem="the host could not be found"), NOW)
    assert (state, css) == ("Could not be checked: the host could not be found", "-problem")
