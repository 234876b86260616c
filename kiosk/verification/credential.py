"""Recognise a credential's format and pull out what the checks need.

One `CredentialFormat` per data model; `recognise()` returns the parsed view or raises
`FormatError` (malformed) / `UnsupportedError` (recognised but not verifiable yet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.verification.errors import UnknownContextError, UnsupportedError, VerificationError
from kiosk.verification.graph_gate import refuse_hidden_proofs
from kiosk.verification.graph_values import (
    earliest,
    latest,
    read_date,
    read_issuer_id,
)
from kiosk.verification.graph_values import parse_datetime as parse_datetime
from kiosk.verification.jsonld.canonicalize import Canonicalizer
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.signed_graph import Node, SignedGraph
from kiosk.verification.vocab import (
    ACHIEVEMENT_CREDENTIAL,
    AWARDED_DATE,
    BLOCKCERTS_CREDENTIAL,
    CLR_CREDENTIAL,
    CREDENTIAL_SUBJECT,
    EXPIRATION_DATE,
    ISSUANCE_DATE,
    OPEN_BADGE_CREDENTIAL,
    VALID_FROM,
    VALID_UNTIL,
    VERIFIABLE_CREDENTIAL,
)

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
    graph: SignedGraph | None = None
    """The signed graph every field is read from (None for a Blockcerts v2 certificate, whose
    fields are still read from its JSON)."""

    @property
    def root(self) -> Node | None:
        """The credential's node in its signed graph."""
        return None if self.graph is None else self.graph.root

    unsecured_document: JsonObject | None = field(default=None, compare=False, repr=False)
    """The document without its proof, made once (so each check hands the canonicalizer the
    same object); filled in by `__post_init__` when not given."""

    def __post_init__(self) -> None:
        if self.unsecured_document is None:
            unsecured = {k: v for k, v in self.document.items() if k != self.proof_property}
            object.__setattr__(self, "unsecured_document", unsecured)

    @property
    def unsecured(self) -> JsonObject:
        """The document without its proof: what the proof signs."""
        assert self.unsecured_document is not None  # set by __post_init__
        return self.unsecured_document


def recognise(document: JsonObject, canonicalizer: Canonicalizer | None = None) -> ParsedCredential:
    """Parse `document` as a VC 1.1 or 2.0 credential (including OB 3.0 and CLR 2.0).

    Its JSON-LD is expanded here, once (through `canonicalizer`, which the proof check then
    reuses), and every value is read from that signed graph by full IRI.
    """
    contexts = document.get("@context")
    first_context = contexts[0] if isinstance(contexts, list) and contexts else contexts
    json_types = [t for t in _as_list(document.get("type")) if isinstance(t, str)]
    if "VerifiablePresentation" in json_types:
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
    if not isinstance(contexts, list) or not all(isinstance(c, (str, dict)) for c in contexts):
        raise FormatError("Its @context is malformed.")
    raw_proof = document.get("proof")
    proofs = tuple(p for p in _as_list(raw_proof) if isinstance(p, dict))
    if raw_proof is not None and len(proofs) != len(_as_list(raw_proof)):
        raise FormatError("Its proof is malformed.")
    if any(p.get("type") == INTERNAL_PROOF_TYPE for p in proofs):
        raise FormatError("Its proof is malformed.")  # internal to the kiosk, never accepted
    canonicalizer = canonicalizer or Canonicalizer()
    # What the proofs sign: the document without `proof`, expanded once (the proof check's
    # canonicalization reuses this expansion).
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    expanded = canonicalizer.expand(unsecured)
    graph = SignedGraph(expanded)
    root = graph.root
    if root is None or len(expanded) != 1:
        raise FormatError("It is not one credential: its JSON-LD holds several top-level nodes.")
    refuse_hidden_proofs(document, root, canonicalizer)
    if VERIFIABLE_CREDENTIAL not in root.types:
        raise FormatError("It is not a verifiable credential (type VerifiableCredential missing).")
    issuer_id = read_issuer_id(root)
    if not graph.nodes(root, CREDENTIAL_SUBJECT) or graph.texts(root, CREDENTIAL_SUBJECT):
        raise FormatError("It does not say who it was issued to (credentialSubject missing).")
    valid_from = latest(
        read_date(root, VALID_FROM, "validFrom"), read_date(root, ISSUANCE_DATE, "issuanceDate")
    )
    valid_until = earliest(
        read_date(root, VALID_UNTIL, "validUntil"),
        read_date(root, EXPIRATION_DATE, "expirationDate"),
    )
    if version == "1.1" and not root.values(ISSUANCE_DATE):
        raise FormatError("A VC 1.1 credential must state its issuance date.")
    issued = _awarded(graph, root) or valid_from
    return ParsedCredential(
        document=document,
        vc_version=version,
        label=f"{_family(root.types)} (VC {version})",
        issuer_id=issuer_id,
        proofs=proofs,
        valid_from=valid_from,
        valid_until=valid_until,
        issued=issued,
        graph=graph,
        unsecured_document=unsecured,
    )


def _awarded(graph: SignedGraph, root: Node) -> datetime | None:
    """OB 3.0 `awardedDate` (read leniently: shown, never checked)."""
    for value in graph.texts(root, AWARDED_DATE):
        parsed = parse_datetime(value)
        if parsed is not None:
            return parsed
    return None


def _family(types: list[str]) -> str:
    if CLR_CREDENTIAL in types:
        return "CLR 2.0 credential"
    if BLOCKCERTS_CREDENTIAL in types:
        return "Blockcerts v3 certificate"
    if {OPEN_BADGE_CREDENTIAL, ACHIEVEMENT_CREDENTIAL} & set(types):
        return "Open Badges 3.0 credential"
    return "Verifiable credential"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
