"""The gate between the signed graph and the parts of the pipeline that still read JSON.

Almost everything is read from the signed graph (`signed_graph`). Two things cannot be: the
proofs, because Data Integrity removes the `proof` key from the JSON before canonicalizing and
the suites read their options (`cryptosuite`, `verificationMethod`, `proofPurpose`, `created`,
`expires`, `challenge`, `domain`, `proofValue`) from the proof's JSON; and `@context`, which is
JSON syntax. So here the graph's reading of the proofs is compared with the JSON's: a
credential whose compact form hides a proof, adds one under another spelling, or writes a proof
option so that the JSON key the check reads does not hold the signed value, stops at the format
check (re-compacting and comparing, for these parts only; see docs/checks.md).
"""

from __future__ import annotations

from typing import Any

from kiosk.verification.errors import (
    RelativeIdentifierError,
    UndefinedTermError,
    VerificationError,
)
from kiosk.verification.jsonld.canonicalize import Canonicalizer, expand_leniently
from kiosk.verification.signed_graph import Node
from kiosk.verification.suites.base import ProofFailedError
from kiosk.verification.suites.rdfc_hashing import proof_configuration
from kiosk.verification.vocab import PROOF, PROOF_FIELDS, PROOF_PURPOSES, local_name

JsonObject = dict[str, Any]


class HiddenPropertyError(VerificationError):
    """The JSON and the signed graph disagree about a property the pipeline reads from JSON."""

    code = "format"


def refuse_hidden_proofs(document: JsonObject, root: Node, canonicalizer: Canonicalizer) -> None:
    """Raise unless every proof option the proof check reads from the JSON `proof` entries is
    what the proof's signed graph says, and no proof hides under another spelling.

    `root` is the credential's node in the graph of the document without `proof`: it must hold
    no proof (one there is written under another spelling: signed over and never checked).
    Each `proof` entry is read from the expansion of its proof configuration (the proof without
    its value, in the document's context): the very expansion an RDFC suite canonicalizes, so
    `canonicalizer` remembers it and the proof check does not expand it again.

    Raises:
        HiddenPropertyError: a proof out of place, or an option the JSON and graph read apart.
    """
    if root.values(PROOF):
        raise HiddenPropertyError(
            "Its proof is written in a way the kiosk does not read (not under 'proof')."
        )
    raw = document.get("proof")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    for proof in raw if isinstance(raw, list) else [raw]:
        if not isinstance(proof, dict):
            continue
        try:
            config = proof_configuration(unsecured, proof)
        except ProofFailedError:
            continue  # the proof check fails it with this reason
        try:
            expanded = canonicalizer.expand(config)
        except (UndefinedTermError, RelativeIdentifierError):  # Blockcerts: undefined terms
            expanded = expand_leniently(config, canonicalizer.contexts)
        seen = _json_reading({k: v for k, v in config.items() if k != "proofValue"})
        top = expanded[0] if len(expanded) == 1 and isinstance(expanded[0], dict) else None
        read = {} if top is None else _graph_reading(top)
        if seen != read:
            differing = sorted(n for n in {*seen, *read} if seen.get(n) != read.get(n))
            shown = ", ".join(differing[:4]) or "its options"
            raise HiddenPropertyError(
                f"Its proof is written in a way the kiosk does not read ({shown})."
            )


def _graph_reading(node: JsonObject) -> dict[str, tuple[str, ...]]:
    """The proof options as the expanded proof configuration (one node object) has them."""
    types = node.get("@type", [])
    reading: dict[str, tuple[str, ...]] = {
        "type": tuple(sorted(local_name(t) for t in types if isinstance(t, str)))
    }
    node_id = node.get("@id")
    if isinstance(node_id, str) and not node_id.startswith("_:"):
        reading["id"] = (node_id,)
    for iri, name in PROOF_FIELDS.items():
        values = node.get(iri)
        if not isinstance(values, list) or not values:
            continue
        texts: list[str] = []
        for value in values:
            if not isinstance(value, dict):
                break
            literal, iri_value = value.get("@value"), value.get("@id")
            if "@value" in value:
                texts.append(literal if isinstance(literal, str) else _json_scalar(literal))
            elif isinstance(iri_value, str) and not iri_value.startswith("_:"):
                purpose = PROOF_PURPOSES.get(iri_value, iri_value)
                texts.append(purpose if name == "proofPurpose" else iri_value)
            else:
                break  # an object or a list: not text the proof check reads (as the JSON side)
        else:
            reading[name] = tuple(sorted({*reading.get(name, ()), *texts}))
    return reading


def _json_reading(proof: JsonObject) -> dict[str, tuple[str, ...]]:
    types = proof.get("type")
    reading: dict[str, tuple[str, ...]] = {
        "type": tuple(sorted({str(t) for t in (types if isinstance(types, list) else [types])}))
        if types is not None
        else ()
    }
    if isinstance(proof.get("id"), str) and not proof["id"].startswith("_:"):
        reading["id"] = (proof["id"],)
    for name in PROOF_FIELDS.values():
        if proof.get(name) is None:
            continue  # absent, or JSON-LD null (the same: no value)
        value = proof[name]
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, (dict, list)) for v in values):
            continue  # not text the proof check reads (a Blockcerts chained proof's object)
        reading[name] = tuple(
            sorted({v if isinstance(v, str) else _json_scalar(v) for v in values})
        )
    return reading


def _json_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "(not text)"
