"""Reading a W3C Recognized Entities list (`RecognizedEntityCredential`, or DCC's
`VerifiableRecognitionCredential`) into a trust list.

Only the *reading* is here: the list's Data Integrity proof is verified by the kiosk's own
pipeline against the key the operator pins (`kiosk.trust_sources.signed_list`) before this runs.
Subjects: `{id, type: RecognizedEntity, name, legalName, url, image, description,
recognizedTo: {action, ...}}`; the credential's `validUntil` is the list's end.
"""

from __future__ import annotations

from typing import Any

from trust_lists.loader import TrustListError, parse_instant
from trust_lists.model import TrustedIssuer, TrustList

LIST_TYPES = frozenset({"RecognizedEntityCredential", "VerifiableRecognitionCredential"})


def recognized_entities(
    document: Any, source: str, name: str = "", signed_by: str = "", test_only: bool = False
) -> TrustList:
    """The recognised entities of a (verified) recognition credential.

    Raises:
        TrustListError: not a recognition credential, or a subject without an id and a name.
    """
    if not isinstance(document, dict):
        raise TrustListError(source, "is not a JSON object")
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    if not LIST_TYPES.intersection(t for t in types if isinstance(t, str)):
        raise TrustListError(source, "is not a RecognizedEntityCredential")
    subjects = document.get("credentialSubject")
    subjects = subjects if isinstance(subjects, list) else [subjects]
    issuers: dict[str, TrustedIssuer] = {}
    for position, subject in enumerate(subjects, start=1):
        if not isinstance(subject, dict):
            raise TrustListError(source, f"subject {position} is not an object")
        entity_id, entity_name = subject.get("id"), _one_text(subject.get("name"))
        if not isinstance(entity_id, str) or not entity_id or not entity_name:
            raise TrustListError(source, f"subject {position} needs an id and a name")
        if entity_id in issuers:
            raise TrustListError(source, f"lists {entity_id[:80]} twice")
        details: list[tuple[str, str]] = []
        for label, key in (("legal name", "legalName"), ("description", "description")):
            if text := _one_text(subject.get(key)):
                details.append((label, text))
        recognized_to = _recognized_to(subject.get("recognizedTo"))
        if recognized_to:
            details.append(("recognised to", recognized_to))
        url = _one_text(subject.get("url"))
        if url:
            details.append(("web site", url))
        if image := _one_text(subject.get("image")):
            details.append(("logo", image))
        issuers[entity_id] = TrustedIssuer(
            id=entity_id,
            name=entity_name,
            note=_one_text(subject.get("note")),
            url=url,
            details=tuple(details),
        )
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    until = document.get("validUntil")
    return TrustList(
        name=name or _one_text(document.get("name")) or "Signed list",
        publisher=_one_text(issuer.get("name")) if isinstance(issuer, dict) else "",
        issuers=issuers,
        source=source,
        kind="signed list",
        test_only=test_only,
        valid_until=parse_instant(until) if isinstance(until, str) else None,
        signed_by=signed_by or (issuer_id if isinstance(issuer_id, str) else ""),
    )


def _recognized_to(value: Any) -> str:
    items = value if isinstance(value, list) else [value]
    actions = []
    for item in items:
        if isinstance(item, dict):
            action = item.get("action") or item.get("type")
            if isinstance(action, str):
                actions.append(action)
        elif isinstance(item, str):
            actions.append(item)
    return ", ".join(actions)


def _one_text(value: Any) -> str:
    """A string, the first string of a list, or a value object's `@value`; else ''."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("@value")
    return value if isinstance(value, str) else ""
