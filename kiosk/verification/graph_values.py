"""Reading one value of a kind from the signed graph: the issuer, a date, a text.

Several different values where the data model allows one (two `validUntil` dates, two issuers)
make the credential malformed: the kiosk never picks one of them for the receptionist.
"""

from __future__ import annotations

from datetime import datetime

from kiosk.verification.errors import VerificationError
from kiosk.verification.signed_graph import Literal, Node, Reference
from kiosk.verification.vocab import ISSUER


class GraphFormatError(VerificationError):
    """A value in the signed graph is missing, of the wrong kind, or given several times."""

    code = "format"


def parse_datetime(value: object) -> datetime | None:
    """An XML Schema dateTime with a time zone, or None when it is not one."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def read_issuer_id(root: Node) -> str:
    """The one issuer IRI of the credential."""
    values = root.values(ISSUER)
    ids = {v.id for v in values if isinstance(v, Reference) and not v.id.startswith("_:")}
    if not values or (not ids and all(isinstance(v, Reference) for v in values)):
        raise GraphFormatError("It does not say who issued it (issuer missing).")
    if len(ids) != 1 or len(values) != 1:
        raise GraphFormatError("Its issuer is malformed (not one identifier).")
    return ids.pop()


def read_date(node: Node, iri: str, name: str) -> datetime | None:
    """The one date-time `node` states for `iri`, None when it states none."""
    moments: set[datetime] = set()
    for value in node.values(iri):
        parsed = parse_datetime(value.lexical) if isinstance(value, Literal) else None
        if parsed is None:
            raise GraphFormatError(f"Its {name} is not a valid date and time with a time zone.")
        moments.add(parsed)
    if len(moments) > 1:
        raise GraphFormatError(f"It states {len(moments)} different {name} dates.")
    return moments.pop() if moments else None


def latest(*moments: datetime | None) -> datetime | None:
    """The latest stated instant (the strictest 'valid from')."""
    stated = [m for m in moments if m is not None]
    return max(stated) if stated else None


def earliest(*moments: datetime | None) -> datetime | None:
    """The earliest stated instant (the strictest 'valid until')."""
    stated = [m for m in moments if m is not None]
    return min(stated) if stated else None


def first_text(node: Node, iri: str) -> str | None:
    """The first literal `node` states for `iri` (language-tagged texts count), or None."""
    for value in node.values(iri):
        if isinstance(value, Literal) and value.lexical.strip():
            return value.lexical
    return None
