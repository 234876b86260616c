"""The shared engine of the bitstring methods: Bitstring Status List, StatusList2021 and
RevocationList2020 differ only in field and type names (`BitListFlavor`).

For one entry: read the entry (index, list URL, purpose, size, messages) → fetch and verify the
list credential → check it is the right kind of list for this purpose → inflate its bitstring →
read the entry's value → decide. The decision rule (`docs/status.md`):

- A list whose signature is not confirmed, or that is outside its validity period, says
  nothing: the status is unknown ("not done"), whatever its bits.
- A list whose signature is confirmed (format, issuer-key and proof of the list credential pass),
  valid now, of the right type and for this purpose, is read — a clear bit and a set bit alike.
  One rule for both values: what makes the list believable is that its signature verifies, its
  signer's key resolves, and the credential's issuer named its address in signed data.
- Three things the specification asks of issuers but that do not make a list less believable
  are read and noted in the details, never a reason to doubt one value and believe the other:
  the list is signed by someone else than the credential's issuer (Bitstring Status List 1.0:
  the list's issuer "MAY be different"; the signer is named, and is trusted only through the
  credential: it is not looked up in the trust lists), the list is shorter than `MIN_ENTRIES`
  (herd privacy protects the holder, not the verifier), the list states no `statusPurpose`
  (Blockcerts publishes its lists so: the entry's signed purpose is taken).
- An index outside a confirmed list is the credential's defect: malformed (failed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.verification.plain_text import plain_text
from kiosk.verification.status.bitstring import MIN_ENTRIES, Bitstring
from kiosk.verification.status.encoding import decode_encoded_list
from kiosk.verification.status.entry import (
    StatusSubject,
    read_index,
    read_messages,
    read_size,
    read_url,
)
from kiosk.verification.status.errors import MalformedEntryError, StatusUnavailableError
from kiosk.verification.status.list_credential import ListCredential, StatusLists
from kiosk.verification.status.outcome import ListSource, StatusOutcome

FAILING_PURPOSES = frozenset({"revocation", "suspension"})
KNOWN_PURPOSES = FAILING_PURPOSES | {"message", "refresh"}


@dataclass(frozen=True, slots=True)
class BitListFlavor:
    """What one bitstring status method calls things."""

    name: str
    """Plain name of the method: "Bitstring Status List"."""
    index_field: str
    list_field: str
    credential_types: frozenset[str]
    """Types the list credential may have (one is enough)."""
    subject_types: frozenset[str]
    has_purpose: bool = True
    """Entries and lists state `statusPurpose` (RevocationList2020: revocation only)."""
    has_sizes: bool = False
    """Entries may state `statusSize` and `statusMessage` (Bitstring Status List only)."""


def check_bit_list(
    flavor: BitListFlavor,
    entry: Mapping[str, Any],
    subject: StatusSubject,
    lists: StatusLists,
) -> StatusOutcome:
    """Answer one entry of this flavor (see the module docstring for the rule)."""
    try:
        index = read_index(entry, flavor.index_field)
        url = read_url(entry, flavor.list_field)
        purpose = _entry_purpose(flavor, entry)
        size = read_size(entry) if flavor.has_sizes else 1
        messages = read_messages(entry.get("statusMessage")) if flavor.has_sizes else None
        if size > 1 and messages is None:
            raise MalformedEntryError("its statusSize is more than 1 but it gives no statusMessage")
    except MalformedEntryError as error:
        return StatusOutcome.malformed(error.description)
    if purpose not in KNOWN_PURPOSES:
        return StatusOutcome.unknown(
            f"the status purpose '{plain_text(purpose, 40)}' is not supported"
        )
    try:
        listing = lists.load(url, "the status list")
        _relied_on(listing)
        bits, note = _read_list(flavor, listing, purpose)
    except StatusUnavailableError as error:
        return StatusOutcome.unknown(error.description, _source_of(error))
    if messages is None:
        messages = _list_messages(listing)
    reading = _Reading(bits, index, size, purpose, messages, note)
    outcome = _decide(listing, reading, subject)
    reference = _reference(entry.get("statusReference"))
    if reference:
        outcome = dataclasses.replace(outcome, notes=(*outcome.notes, reference))
    return outcome


def _reference(value: Any) -> str:
    """A detail line for the entry's `statusReference` (where the issuer explains its status
    values: shown as text, never fetched); "" when there is none."""
    values = value if isinstance(value, list) else [value]
    shown = [plain_text(v, 120) for v in values[:3] if isinstance(v, str) and v.strip()]
    return f"the issuer explains its status values at {', '.join(shown)}" if shown else ""


def _entry_purpose(flavor: BitListFlavor, entry: Mapping[str, Any]) -> str:
    if not flavor.has_purpose:
        return "revocation"
    value = entry.get("statusPurpose")
    if not isinstance(value, str) or not value.strip():
        raise MalformedEntryError("it does not say what it is for (statusPurpose)")
    return value.strip().lower() if value.strip().lower() in KNOWN_PURPOSES else value.strip()


class _ListProblem(StatusUnavailableError):
    """A list that was fetched but cannot be relied on or read (its source is known)."""

    def __init__(self, description: str, source: ListSource) -> None:
        super().__init__(description)
        self.source = source


def _source_of(error: StatusUnavailableError) -> ListSource | None:
    return error.source if isinstance(error, _ListProblem) else None


def _relied_on(listing: ListCredential) -> None:
    """Raise when the list's signature is not confirmed or it is outside its validity period:
    then it says nothing, whatever its bits."""
    for problem in (listing.signature_problem, listing.date_problem):
        if problem is not None:
            label = listing.source.label
            raise _ListProblem(f"{label} cannot be relied on: {problem}", listing.source)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the entry asks and the list holds."""

    bits: Bitstring
    index: int
    size: int
    purpose: str
    messages: dict[int, str] | None
    note: str | None
    """A defect of the list noted in the details (it states no purpose), or None."""


def _read_list(
    flavor: BitListFlavor, listing: ListCredential, purpose: str
) -> tuple[Bitstring, str | None]:
    """The list's bitstring, and a note about it; raises when it is not a list for `purpose`."""
    label = listing.source.label
    note = None
    if not flavor.credential_types & set(listing.types):
        raise _ListProblem(f"{label} is not a {flavor.name} credential", listing.source)
    subject = listing.subject
    subject_types = subject.get("type")
    named = subject_types if isinstance(subject_types, list) else [subject_types]
    if not flavor.subject_types & {t for t in named if isinstance(t, str)}:
        raise _ListProblem(f"{label} does not hold a {flavor.name}", listing.source)
    if flavor.has_purpose:
        stated = subject.get("statusPurpose")
        purposes = stated if isinstance(stated, list) else [stated]
        lowered = {p.strip().lower() for p in purposes if isinstance(p, str)}
        if not lowered:  # Blockcerts publishes lists so: the entry's purpose is taken
            note = "it does not say what it is for (statusPurpose): the entry's purpose is taken"
        elif purpose.lower() not in lowered:
            shown = plain_text(", ".join(sorted(lowered)), 60)
            raise _ListProblem(f"{label} is for {shown}, not for {purpose}", listing.source)
    try:
        return Bitstring(decode_encoded_list(subject.get("encodedList"))), note
    except StatusUnavailableError as error:
        raise _ListProblem(f"{label}: {error.description}", listing.source) from None


def _decide(listing: ListCredential, reading: _Reading, subject: StatusSubject) -> StatusOutcome:
    source, size, purpose, messages = (
        listing.source,
        reading.size,
        reading.purpose,
        reading.messages,
    )
    try:
        value = reading.bits.value_at(reading.index, size)
    except MalformedEntryError as error:
        return StatusOutcome.malformed(error.description, source)
    notes = tuple(
        f"{source.label}: {note}"
        for note in (
            listing.issuer_problem(subject.issuer_id),
            _short_problem(reading.bits, size),
            reading.note,
        )
        if note is not None
    )
    own = listing.issuer_id == subject.issuer_id
    if purpose in FAILING_PURPOSES and value != 0:
        message = messages.get(value) if messages is not None and size > 1 else None
        if purpose == "revocation":
            return StatusOutcome.revoked(message, source, *notes, issuers_own=own)
        return StatusOutcome.suspended(message, source, *notes, issuers_own=own)
    if purpose == "message":
        return _message(value, messages, source, notes)
    if purpose == "refresh" and value != 0:
        refresh = "the issuer says an updated version of it is available"
        return StatusOutcome.ok(source, *notes, refresh)
    return StatusOutcome.ok(source, *notes)


def _message(
    value: int, messages: dict[int, str] | None, source: ListSource, notes: tuple[str, ...]
) -> StatusOutcome:
    shown = f"0x{value:x}"
    if messages is None:
        return StatusOutcome.message("set" if value else "unset", source, *notes)
    text = messages.get(value)
    if text is None:
        return StatusOutcome.unknown(f"the issuer gives no message for status {shown}", source)
    if text.strip().lower() == "undefined":
        return StatusOutcome.unknown(f"the issuer has not defined status {shown}", source)
    return StatusOutcome.message(text, source, *notes)


def _short_problem(bits: Bitstring, size: int) -> str | None:
    entries = bits.entries(size)
    if entries >= MIN_ENTRIES:
        return None
    return (
        f"it holds {entries:,} entries, fewer than the {MIN_ENTRIES:,} the specification asks "
        "issuers for (it hides less well which credential is asked about; read all the same)"
    )


def _list_messages(listing: ListCredential) -> dict[int, str] | None:
    """Messages the list itself states (`statusMessage(s)`), used when the entry gives none."""
    subject = listing.subject
    for field in ("statusMessage", "statusMessages"):
        if field in subject:
            try:
                return read_messages(subject[field])
            except MalformedEntryError:
                return None
    return None
