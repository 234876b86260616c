"""JSON Schema findings for the format check (OB 3.0, CLR 2.0, and `credentialSchema` entries).

The rule (docs/checks.md, "Schemas"):

- A schema the credential *declares* (`credentialSchema`, type `1EdTechJsonSchemaValidator2019`
  or `JsonSchema`) is the issuer's own signed claim that the credential follows it. A violation
  makes that signed claim false: the format check fails ("It does not follow the schema it
  names …: credentialSubject.achievement: 'criteria' is required"), the details list every
  finding.
- A schema the kiosk applies by itself (the OB 3.0 / CLR 2.0 schema for the credential's type
  and VC version, when none is declared) is a warning: its findings are listed in the details,
  the check still passes. The signature, issuer, dates and status decide whether the credential
  is genuine; a data-model slip the issuer never claimed does not make it forged.
- A `JsonSchema` entry describes the whole credential (VC JSON Schema); Blockcerts' verifier
  applies it to the `credentialSubject`, so a credential whose subject follows it passes too.
- A declared schema that is neither bundled nor in the kiosk's cache is never fetched: "not
  checked" in the details (the schema adds to what the signature proves; it replaces no
  required check, so it does not make the verdict CHECK MANUALLY).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.verification.plain_text import plain_text
from kiosk.verification.schemas import (
    BUNDLED,
    BUNDLED_VC_VERSION,
    SCHEMA_ENTRY_TYPES,
    SchemaUnavailableError,
    bundled_label,
    bundled_schema,
    schema_for,
    validate,
)

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext
    from kiosk.verification.credential import ParsedCredential

MAX_DECLARED = 4


@dataclass
class SchemaReport:
    """What the schemas said about one credential."""

    failure: str = ""
    """A sentence when a declared schema is broken (the format check fails), else ""."""
    details: list[str] = field(default_factory=list)


def schema_report(credential: ParsedCredential, context: VerificationContext) -> SchemaReport:
    """Validate the credential's JSON against its declared schemas, else the kiosk's own pick."""
    report = SchemaReport()
    document = credential.document
    declared = _declared(document.get("credentialSchema"))
    for schema_id, entry_type in declared[:MAX_DECLARED]:
        name = plain_text(schema_id, 120)
        if entry_type not in SCHEMA_ENTRY_TYPES:
            report.details.append(f"schema {name}: not checked (type {plain_text(entry_type, 40)})")
            continue
        schema, source = _schema(schema_id, credential.vc_version, context)
        if schema is None:
            report.details.append(f"schema {name}: not checked ({source})")
            continue
        try:
            key = schema_id if schema_id in BUNDLED else None
            findings = validate(credential.unsecured, schema, key)
            subjects = _subjects(document.get("credentialSubject"))
            subject_only = findings and entry_type == "JsonSchema" and subjects
            if subject_only and not any(validate(s, schema, key) for s in subjects):
                # Blockcerts' verifier reads a JsonSchema as describing each subject
                findings, source = [], f"{source}; it describes the credentialSubject"
        except SchemaUnavailableError as error:
            report.details.append(f"schema {name}: not checked ({error})")
            continue
        if not findings:
            report.details.append(f"schema {name}: followed ({source})")
            continue
        label = bundled_label(schema_id) or name
        if not report.failure:
            report.failure = (
                f"It does not follow the schema it names ({label}): "
                f"{plain_text(str(findings[0]), 160)}."
            )
        report.details.extend(f"schema: {plain_text(str(f), 200)}" for f in findings)
    if declared:
        return report
    types = _types(document)
    own = schema_for(types, credential.vc_version)
    if own is None:
        if SCHEMA_FAMILIES & set(types):  # said, not passed over in silence
            report.details.append(
                f"schema: not checked (the kiosk bundles no schema for VC "
                f"{credential.vc_version} credentials of this kind)"
            )
        return report
    findings = validate(credential.unsecured, bundled_schema(own), own)
    label = bundled_label(own) or own
    if findings:
        report.details.append(f"warning: it does not follow the {label} schema (not declared)")
        report.details.extend(f"schema: {plain_text(str(f), 200)}" for f in findings)
    else:
        report.details.append(f"follows the {label} schema")
    return report


SCHEMA_FAMILIES = frozenset({"OpenBadgeCredential", "AchievementCredential", "ClrCredential"})
"""Credential types the kiosk has 1EdTech schemas for (for some VC versions)."""


def _declared(value: Any) -> list[tuple[str, str]]:
    entries = value if isinstance(value, list) else [value] if value is not None else []
    return [
        (entry["id"], str(entry.get("type")))
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    ]


def _schema(
    schema_id: str, vc_version: str, context: VerificationContext
) -> tuple[dict[str, Any] | None, str]:
    """The schema and where it came from, or None and why not (never fetched). A bundled schema
    applies only to the VC version it describes (1EdTech publishes one per version)."""
    if schema_id in BUNDLED:
        if vc_version != BUNDLED_VC_VERSION:
            return None, (
                f"the bundled copy describes VC {BUNDLED_VC_VERSION} credentials; this one is "
                f"VC {vc_version}"
            )
        return bundled_schema(schema_id), "bundled copy"
    cached = context.cache.get(schema_id) if context.cache is not None else None
    if cached is None:
        return None, "neither bundled nor saved by the kiosk; schemas are never fetched"
    try:
        value = json.loads(cached.body)
    except (ValueError, RecursionError):
        return None, "the kiosk's saved copy is not JSON"
    if not isinstance(value, dict):
        return None, "the kiosk's saved copy is not a schema"
    return value, f"the kiosk's saved copy of {cached.fetched_at:%Y-%m-%d}"


def _subjects(value: Any) -> list[dict[str, Any]]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, dict)]


def _types(document: dict[str, Any]) -> list[str]:
    value = document.get("type")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]
