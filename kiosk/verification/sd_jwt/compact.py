"""The compact SD-JWT presentation (RFC 9901 §4): `<issuer JWT>~<disclosure>~…~[<KB-JWT>]`.

Split once, strictly; the JWT parts are read by the kiosk's one strict JWS reader
(`jwt_credential.read_token`: three parts, strict JSON objects, `crit` refused).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.verification.credential import FormatError
from kiosk.verification.jwt_credential import JsonObject, read_token

MAX_PRESENTATION_CHARS = 512 * 1024
SD_JWT_TYPES = frozenset({"dc+sd-jwt", "vc+sd-jwt"})
"""`typ` of an SD-JWT VC: `dc+sd-jwt` (current draft), `vc+sd-jwt` (earlier drafts, still used)."""


@dataclass(frozen=True, slots=True)
class SdJwtPresentation:
    """The parts of a presented SD-JWT, not yet verified."""

    issuer_jwt: str
    header: JsonObject
    payload: JsonObject
    disclosures: list[str]
    key_binding_jwt: str | None
    """The KB-JWT, or None when the presentation ends with `~`."""
    sd_hash_input: str
    """What `sd_hash` covers: the presentation up to and including the last `~`."""


def split_presentation(text: str) -> SdJwtPresentation:
    """Read a compact SD-JWT (with or without key binding).

    Raises:
        FormatError: not an SD-JWT, a malformed JWT, or a `typ` that is not an SD-JWT VC's.
    """
    if len(text) > MAX_PRESENTATION_CHARS:
        raise FormatError("The SD-JWT is too large.")
    if "~" not in text:
        raise FormatError("The SD-JWT is malformed (no ~ separators).")
    head, _, last = text.rpartition("~")
    parts = head.split("~")
    issuer_jwt, disclosures = parts[0], parts[1:]
    if any(not item for item in disclosures):
        raise FormatError("The SD-JWT is malformed (an empty disclosure).")
    header, payload = read_token(issuer_jwt)
    typ = header.get("typ")
    if not isinstance(typ, str) or typ not in SD_JWT_TYPES:
        raise FormatError(
            "The token does not declare itself an SD-JWT VC (typ dc+sd-jwt or vc+sd-jwt)."
        )
    return SdJwtPresentation(
        issuer_jwt=issuer_jwt,
        header=header,
        payload=payload,
        disclosures=disclosures,
        key_binding_jwt=last or None,
        sd_hash_input=head + "~",
    )
