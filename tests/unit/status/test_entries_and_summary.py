"""Reading status entries, and turning outcomes into the `status` check (no network needed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
import trustme

from kiosk.verification import CheckStatus
from kiosk.verification.status import (
    ListSource,
    OutcomeKind,
    StatusOutcome,
    StatusSubject,
    check_entries,
    summarise,
)
from kiosk.verification.status.entry import read_index, read_messages, read_size
from kiosk.verification.status.errors import MalformedEntryError
from tests.helpers import context
from tests.unit.status.lists import fetcher

FETCHED = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)
FRESH = ListSource("the status list at example.edu/status/3", FETCHED)
SAVED = ListSource("the status list at example.edu/status/3", FETCHED, from_cache=True)
SUBJECT = StatusSubject("did:key:z6Mk", "urn:uuid:1")


@pytest.mark.parametrize(("value", "index"), [("0", 0), ("94567", 94567), (23, 23)])
def test_indexes_are_whole_numbers(value: object, index: int) -> None:
    assert read_index({"statusListIndex": value}, "statusListIndex") == index


@pytest.mark.parametrize("value", [None, True, -1, 1.5, "0x10", " 1", "\uff11\uff12", "1" * 21])
def test_other_indexes_are_malformed(value: object) -> None:
    with pytest.raises(MalformedEntryError):
        read_index({"statusListIndex": value}, "statusListIndex")


@pytest.mark.parametrize(
    ("entry", "size"), [({}, 1), ({"statusSize": 2}, 2), ({"statusSize": "8"}, 8)]
)
def test_status_sizes(entry: dict[str, Any], size: int) -> None:
    assert read_size(entry) == size


@pytest.mark.parametrize("value", [0, 17, True, "x", 2.0])
def test_bad_status_sizes_are_malformed(value: object) -> None:
    with pytest.raises(MalformedEntryError):
        read_size({"statusSize": value})


def test_status_messages_are_read_by_their_hex_value() -> None:
    messages = read_messages([{"status": "0x0", "message": "a"}, {"status": "0xA", "message": "b"}])
    assert messages == {0: "a", 10: "b"}
    assert read_messages(None) is None
    for bad in ("x", [{"status": "1", "message": "a"}], [{"status": "0x1"}], [7]):
        with pytest.raises(MalformedEntryError):
            read_messages(bad)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ([], "credentialStatus is empty"),
        ("https://example.edu/status/3", "not an object"),
        ([{"type": "BitstringStatusListEntry"}] * 17, "more than 16 status entries"),
        ({"type": "BitstringStatusListEntry", "statusPurpose": "revocation"}, "no statusListIndex"),
        (
            {"type": "BitstringStatusListEntry", "statusListIndex": "1", "statusPurpose": "x"},
            "does not say where its status list is",
        ),
        ({"type": "1EdTechRevocationList"}, "does not say where its status list is"),
    ],
)
def test_malformed_entries_fail_without_fetching(status: Any, words: str) -> None:
    outcomes = check_entries(status, SUBJECT, context(), None)
    result = summarise(outcomes)
    assert result.status is CheckStatus.FAILED
    assert words in result.reason


def test_an_entry_type_given_as_a_list_is_recognised() -> None:
    entry = {
        "type": ["BitstringStatusListEntry"],
        "statusPurpose": "revocation",
        "statusListIndex": "1",
        "statusListCredential": "https://issuer.kiosk.test/status/1",
    }
    (outcome,) = check_entries(entry, SUBJECT, context(), None)
    assert outcome.kind is OutcomeKind.UNKNOWN  # no network in this context: not fetched
    assert "the kiosk is offline and has no saved copy" in outcome.text


def test_an_unknown_purpose_is_not_done() -> None:
    entry = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "audit",
        "statusListIndex": "1",
        "statusListCredential": "https://issuer.kiosk.test/status/1",
    }
    result = summarise(check_entries(entry, SUBJECT, context(), None))
    assert result.status is CheckStatus.NOT_DONE
    assert "status purpose 'audit' is not supported" in result.reason


def test_http_lists_are_refused_by_the_guard() -> None:
    entry = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "1",
        "statusListCredential": "http://issuer.kiosk.test/status/1",
    }
    online = replace(context(), network=fetcher(trustme.CA()))
    result = summarise(check_entries(entry, SUBJECT, online, None))
    assert result.status is CheckStatus.NOT_DONE
    assert "https" in result.reason.lower()


@pytest.mark.parametrize(
    ("outcomes", "status", "reason"),
    [
        (
            [StatusOutcome.ok(FRESH)],
            CheckStatus.PASSED,
            "Not revoked or suspended, according to the status list at example.edu/status/3.",
        ),
        (
            [StatusOutcome.ok(SAVED)],
            CheckStatus.PASSED,
            "Not revoked or suspended, according to the status list at example.edu/status/3 "
            "(status as of 12 Nov 2026).",
        ),
        (
            [StatusOutcome.ok(FRESH), StatusOutcome.message("pending_review", FRESH)],
            CheckStatus.PASSED,
            "Not revoked or suspended, according to the status list at example.edu/status/3. "
            "The issuer attached a status message (see the details).",
        ),
        (
            [StatusOutcome.unknown("x"), StatusOutcome.revoked("Honor code violation", SAVED)],
            CheckStatus.FAILED,
            "Revoked by the issuer (status as of 12 Nov 2026). Reason given: Honor code violation.",
        ),
        (
            [StatusOutcome.suspended(None, FRESH), StatusOutcome.malformed("bad")],
            CheckStatus.FAILED,
            "Suspended by the issuer: not valid while the suspension lasts.",
        ),
        (
            [StatusOutcome.ok(FRESH), StatusOutcome.malformed("its index 9 is outside")],
            CheckStatus.FAILED,
            "Its status entry is malformed: its index 9 is outside.",
        ),
        (
            [StatusOutcome.ok(FRESH), StatusOutcome.unknown("the list could not be fetched")],
            CheckStatus.NOT_DONE,
            "Could not check whether it was revoked: the list could not be fetched.",
        ),
        (
            [],
            CheckStatus.NOT_DONE,
            "Could not check whether it was revoked: it names no status list.",
        ),
    ],
)
def test_outcomes_become_one_check(
    outcomes: list[StatusOutcome], status: CheckStatus, reason: str
) -> None:
    result = summarise(outcomes)
    assert (result.status, result.reason) == (status, reason)


def test_details_name_each_list_its_fetch_time_and_messages() -> None:
    result = summarise([StatusOutcome.message("pending \x1b[2Jreview", SAVED)])
    assert result.details == (
        "the status list at example.edu/status/3: status message: pending [2Jreview",
        "list fetched 2026-11-12 09:30 UTC (the kiosk's saved copy)",
    )
