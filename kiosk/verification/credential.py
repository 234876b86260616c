"""Recognise a credential's format and pull out what the checks need.

One `CredentialFormat` per data model; `recognise()` returns the parsed view or raises
`FormatError` (malformed) / `UnsupportedError` (recognised but not verifiable yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.verification.errors import UnknownContextError, UnsupportedError, VerificationError
from kiosk.verification.jsonld.loader import bundled_contexts

JsonObject = dict[str, Any]

VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
INTERNAL_PROOF_TYPE = "kiosk:compact-jws"
"""How a JWS travels through the checks as a proof entry (`suites.jose`)."""


class FormatError(VerificationError):
    """The payload is not a well-formed credential."""

    code = "format"


@dataclass(frozen=True, slots=True)
class ParsedCredential:
    """A credential document and the values the checks read from it."""

    document: JsonObject
    vc_version: str
    """"1.1" or "2.0"; "ob2" for a Blockcerts v2 certificate (an Open Badges 2.0 assertion)."""
    label: str
    """Plain words for staff, e.g. "Open Badges 3.0 credential (VC 2.0)"."""
    issuer_id: str
    proofs: tuple[JsonObject, ...]
    valid_from: datetime | None
    valid_until: datetime | None
    issued: datetime | None
    needs_json_ld: bool = True
    """True when the proof signs canonical JSON-LD (Data Integrity): then every term must be
    defined and every context bundled. A JWS signs the exact bytes instead."""
    proof_property: str = "proof"
    """Where the document holds its proof: "proof", or "signature" (Blockcerts v2)."""

    @property
    def unsecured(self) -> JsonObject:
        """The document without its proof: what the proof signs."""
        return {k: v for k, v in self.document.items() if k != self.proof_property}


def recognise(document: JsonObject) -> ParsedCredential:
    """Parse `document` as a VC 1.1 or 2.0 credential (including OB 3.0 and CLR 2.0)."""
    contexts = document.get("@context")
    first_context = contexts[0] if isinstance(contexts, list) and contexts else contexts
    types = [t for t in _as_list(document.get("type")) if isinstance(t, str)]
    if "VerifiablePresentation" in types:
        raise UnsupportedError(
            "Presentations (several credentials in one code) are not supported yet."
        )
    from kiosk.verification.blockcerts import certificate as blockcerts  # a cycle: lazy

    if blockcerts.is_blockcerts_v2(document):
        return blockcerts.recognise_v2(document)
    if blockcerts.is_blockcerts_v1(document):
        raise UnsupportedError("Blockcerts v1 certificates are no longer verifiable.")
    if first_context == VC_V2_CONTEXT:
        version = "2.0"
    elif first_context == VC_V1_CONTEXT:
        version = "1.1"
    elif "@context" not in document:
        raise FormatError("It is JSON, but not a verifiable credential (no @context).")
    elif not isinstance(first_context, str) or first_context not in bundled_contexts().urls:
        raise UnknownContextError(str(first_context)[:120])
    else:
        raise UnsupportedError("This kind of certificate is not supported yet.")
    if "VerifiableCredential" not in types:
        raise FormatError("It is not a verifiable credential (type VerifiableCredential missing).")
    if not isinstance(contexts, list) or not all(isinstance(c, (str, dict)) for c in contexts):
        raise FormatError("Its @context is malformed.")
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if not isinstance(issuer_id, str) or not issuer_id:
        raise FormatError("It does not say who issued it (issuer missing).")
    if not isinstance(document.get("credentialSubject"), (dict, list)):
        raise FormatError("It does not say who it was issued to (credentialSubject missing).")
    raw_proof = document.get("proof")
    proofs = tuple(p for p in _as_list(raw_proof) if isinstance(p, dict))
    if raw_proof is not None and len(proofs) != len(_as_list(raw_proof)):
        raise FormatError("Its proof is malformed.")
    if any(p.get("type") == INTERNAL_PROOF_TYPE for p in proofs):
        raise FormatError("Its proof is malformed.")  # internal to the kiosk, never accepted
    if version == "2.0":
        valid_from = _date(document, "validFrom")
        valid_until = _date(document, "validUntil")
        issued = _awarded(document) or valid_from
    else:
        valid_from = _date(document, "issuanceDate")
        valid_until = _date(document, "expirationDate")
        issued = _awarded(document) or valid_from
        if valid_from is None:
            raise FormatError("A VC 1.1 credential must state its issuance date.")
    return ParsedCredential(
        document=document,
        vc_version=version,
        label=f"{_family(types, contexts)} (VC {version})",
        issuer_id=issuer_id,
        proofs=proofs,
        valid_from=valid_from,
        valid_until=valid_until,
        issued=issued,
    )


def parse_datetime(value: object) -> datetime | None:
    """An XML Schema dateTime with a time zone, or None when it is not one."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _date(document: JsonObject, key: str) -> datetime | None:
    if document.get(key) is None:  # absent, or JSON-LD null: the value is not there at all
        return None
    parsed = parse_datetime(document[key])
    if parsed is None:
        raise FormatError(f"Its {key} is not a valid date and time with a time zone.")
    return parsed


def _awarded(document: JsonObject) -> datetime | None:
    value = document.get("awardedDate")
    return parse_datetime(value) if value is not None else None


def _family(types: list[str], contexts: list[Any]) -> str:
    if "ClrCredential" in types:
        return "CLR 2.0 credential"
    if "BlockcertsCredential" in types:
        return "Blockcerts v3 certificate"
    if {"OpenBadgeCredential", "AchievementCredential"} & set(types):
        return "Open Badges 3.0 credential"
    return "Verifiable credential"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
