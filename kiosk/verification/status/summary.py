"""Turning status outcomes into the `status` check: the one place that wording lives.

| outcomes (most severe wins) | check    | reason                                       |
|-----------------------------|----------|----------------------------------------------|
| any `revoked`               | failed   | "Revoked by the issuer. Reason given: …" (1) |
| any `suspended`             | failed   | "Suspended by the issuer: …"                 |
| any `malformed`             | failed   | "Its status entry is malformed: …"           |
| any `unknown`               | not done | "Could not check whether it was revoked: …"  |
| only `ok` / `message`       | passed   | "Not revoked or suspended, according to …"   |

(1) "Revoked, according to the status list at … (see the details)" when the list is signed by
someone else than the credential's issuer (`bit_list`).

A list read from the kiosk's saved copy adds "(status as of 12 Nov 2026)" and a detail line with
the fetch time, as the issuer-key check does for keys. Status messages go in the details.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.status.outcome import OutcomeKind, StatusOutcome


def summarise(outcomes: Sequence[StatusOutcome]) -> CheckResult:
    """The `status` check for a credential's outcomes (one per status entry)."""
    details = tuple(_details(outcomes))
    by_kind = {kind: [o for o in outcomes if o.kind is kind] for kind in OutcomeKind}
    if by_kind[OutcomeKind.REVOKED]:
        first = by_kind[OutcomeKind.REVOKED][0]
        given = f" Reason given: {_sentence_end(first.text)}" if first.text else ""
        return CheckResult.failed(
            CheckId.STATUS, f"Revoked{_by(first)}{_as_of(first)}.{given}", *details
        )
    if by_kind[OutcomeKind.SUSPENDED]:
        first = by_kind[OutcomeKind.SUSPENDED][0]
        said = f" The issuer's message: {_sentence_end(first.text)}" if first.text else ""
        return CheckResult.failed(
            CheckId.STATUS,
            f"Suspended{_by(first)}{_as_of(first)}: not valid while the suspension lasts.{said}",
            *details,
        )
    if by_kind[OutcomeKind.MALFORMED]:
        text = by_kind[OutcomeKind.MALFORMED][0].text
        return CheckResult.failed(
            CheckId.STATUS, f"Its status entry is malformed: {text}.", *details
        )
    if by_kind[OutcomeKind.UNKNOWN] or not outcomes:
        text = by_kind[OutcomeKind.UNKNOWN][0].text if outcomes else "it names no status list"
        return CheckResult.not_done(
            CheckId.STATUS, f"Could not check whether it was revoked: {text}.", *details
        )
    first = outcomes[0]
    label = first.source.label if first.source is not None else "its status list"
    cached = next((o for o in outcomes if _as_of(o)), None)
    reason = f"Not revoked or suspended, according to {label}{_as_of(cached) if cached else ''}."
    if by_kind[OutcomeKind.MESSAGE]:
        reason += " The issuer attached a status message (see the details)."
    return CheckResult.passed(CheckId.STATUS, reason, *details)


def _by(outcome: StatusOutcome) -> str:
    if outcome.issuers_own:
        return " by the issuer"
    label = outcome.source.label if outcome.source is not None else "its status list"
    return f", according to {label} (see the details)"


def _as_of(outcome: StatusOutcome) -> str:
    day = outcome.source.as_of if outcome.source is not None else ""
    return f" (status as of {day})" if day else ""


def _details(outcomes: Sequence[StatusOutcome]) -> Iterator[str]:
    for outcome in outcomes:
        if outcome.kind is OutcomeKind.UNKNOWN:
            yield f"not checked: {outcome.text}"
        else:
            label = outcome.source.label if outcome.source is not None else "status entry"
            yield f"{label}: {_describe(outcome)}"
        yield from outcome.notes
        if outcome.source is not None and outcome.source.fetched_line:
            yield outcome.source.fetched_line


def _describe(outcome: StatusOutcome) -> str:
    kind = outcome.kind
    if kind is OutcomeKind.OK:
        return "nothing against it"
    if kind is OutcomeKind.MESSAGE:
        return f"status message: {outcome.text}"
    if kind is OutcomeKind.REVOKED:
        return "revoked" + (f" ({outcome.text})" if outcome.text else "")
    if kind is OutcomeKind.SUSPENDED:
        return "suspended" + (f" ({outcome.text})" if outcome.text else "")
    return f"malformed: {outcome.text}"


def _sentence_end(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."
