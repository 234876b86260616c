"""JSON Schema validation of Open Badges 3.0 and CLR 2.0 credentials, offline.

Schemas: the 1EdTech OB 3.0 `AchievementCredential` and CLR 2.0 `ClrCredential` JSON Schemas as
1EdTech's validator bundles them (down-converted to draft-04, keeping their published `$id`s),
copied from `shared/vectors/schemas/1edtech/json-schema/` into `bundled/`, each pinned by
SHA-256 (`BUNDLED`): a changed file is refused at load. They describe VC 1.1 credentials
(`issuanceDate`); which schema applies is chosen by VC version and type (`schema_for`), as
1EdTech's validator does. For VC 2.0 credentials no schema is bundled (none was available to
this repository): those are "not checked against a schema", said in the details.

Library: `jsonschema` (python-jsonschema, maintained, the reference Python implementation,
every draft including draft-04). It never fetches: schemas are looked up in a registry holding
only the bundled schemas and the kiosk's cached copies, without a retrieve function, so a `$ref`
anywhere else is an error, not a download.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # jsonschema is imported when a credential is first validated, not at start
    from jsonschema.exceptions import ValidationError

OB3_SCHEMA_ID = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
CLR2_SCHEMA_ID = (
    "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
)
BUNDLED: dict[str, tuple[str, str, str]] = {
    OB3_SCHEMA_ID: (
        "ob_v3p0_achievementcredential_schema_draft4.json",
        "125a8bd1f4dca186e23dc5142734a27193e867713580a0cdd4eea56752fab2bf",
        "Open Badges 3.0 AchievementCredential",
    ),
    CLR2_SCHEMA_ID: (
        "clr_v2p0_clrcredential_schema_draft4.json",
        "afaf415f32d639eb300c1207b99438b7261673e162aa940f497cbb283bd39e40",
        "CLR 2.0 ClrCredential",
    ),
}
"""Published `$id` → (bundled file, its SHA-256, plain name)."""
BUNDLED_VC_VERSION = "1.1"
"""The VC version the bundled schemas describe (`issuanceDate`, the VC 1.1 context)."""
SCHEMA_ENTRY_TYPES = frozenset({"1EdTechJsonSchemaValidator2019", "JsonSchema"})
MAX_FINDINGS = 12


class SchemaUnavailableError(Exception):
    """A schema that is neither bundled nor cached (it is never fetched)."""


@dataclass(frozen=True, slots=True)
class SchemaFinding:
    """One place where a credential does not follow a schema, in plain words."""

    where: str
    """The JSON path: "credentialSubject.achievement.criteria"."""
    problem: str
    """What was expected there: "'narrative' or 'id' is required"."""

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def bundled_label(schema_id: str) -> str | None:
    found = BUNDLED.get(schema_id)
    return found[2] if found else None


@cache
def _bundled_schema(schema_id: str) -> dict[str, Any]:
    file, digest, _label = BUNDLED[schema_id]
    data = resources.files(__package__).joinpath("bundled", file).read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise SchemaUnavailableError(f"the bundled schema {file} does not match its pinned hash")
    schema: dict[str, Any] = json.loads(data)
    return schema


def schema_for(types: list[str], vc_version: str) -> str | None:
    """The bundled schema the kiosk applies by itself to a credential of these types, or None."""
    if vc_version != BUNDLED_VC_VERSION:
        return None
    if "ClrCredential" in types:
        return CLR2_SCHEMA_ID
    if {"OpenBadgeCredential", "AchievementCredential"} & set(types):
        return OB3_SCHEMA_ID
    return None


def validate(document: Any, schema: dict[str, Any], key: str | None = None) -> list[SchemaFinding]:
    """Every place `document` breaks `schema` (at most `MAX_FINDINGS`), shallowest first.
    `key` names the schema for the validator cache (a bundled `$id`); without it the schema's
    text is the key.

    Raises:
        SchemaUnavailableError: the schema itself is invalid or refers to another schema.
    """
    from jsonschema.exceptions import SchemaError
    from referencing.exceptions import Unresolvable

    validator = _validator(key or json.dumps(schema, sort_keys=True), schema)
    try:
        errors = sorted(validator.iter_errors(document), key=lambda e: (len(e.path), str(e.path)))
    except (Unresolvable, SchemaError) as error:
        raise SchemaUnavailableError("the schema refers to another schema") from error
    return [_finding(error) for error in errors[:MAX_FINDINGS]]


def bundled_schema(schema_id: str) -> dict[str, Any]:
    """A bundled schema by its published `$id` (raises `KeyError` when not bundled)."""
    return _bundled_schema(schema_id)


_VALIDATORS: dict[str, Any] = {}
MAX_CACHED_VALIDATORS = 32


def _validator(key: str, schema: dict[str, Any]) -> Any:
    found = _VALIDATORS.get(key)
    if found is None:
        if len(_VALIDATORS) >= MAX_CACHED_VALIDATORS:
            _VALIDATORS.clear()
        found = _VALIDATORS[key] = _new_validator(schema)
    return found


def _new_validator(schema: dict[str, Any]) -> Any:
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import SchemaError
    from referencing import Registry, Resource

    registry: Registry[Any] = Registry().with_resources(
        (sid, Resource.from_contents(_bundled_schema(sid), default_specification=_spec(sid)))
        for sid in BUNDLED
    )
    cls = validators.validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as error:
        raise SchemaUnavailableError("the schema is not a valid JSON Schema") from error
    return cls(schema, registry=registry)


def _spec(_schema_id: str) -> Any:
    from referencing.jsonschema import DRAFT4

    return DRAFT4


def _finding(error: ValidationError) -> SchemaFinding:
    where = ".".join(str(part) for part in error.absolute_path) or "(the credential)"
    return SchemaFinding(where, _problem(error))


def _problem(error: ValidationError) -> str:
    keyword, value = error.validator, cast(Any, error.validator_value)
    if keyword == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else str(value)
        return f"'{missing[:60]}' is required"
    if keyword == "type":
        return f"expected {_kinds(value)}"
    if keyword == "enum":
        options = list(value) if isinstance(value, list) else [value]
        shown = ", ".join(str(v) for v in options[:6])
        return f"expected one of: {shown[:160]}"
    if keyword in {"minItems", "maxItems", "minLength", "maxLength"}:
        return f"{keyword} {value}"
    if keyword == "additionalProperties":
        instance = error.instance if isinstance(error.instance, dict) else {}
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = sorted(str(k) for k in instance if k not in allowed)[:4]
        return "properties the schema does not allow: " + ", ".join(f"'{k[:40]}'" for k in extra)
    if keyword in {"anyOf", "oneOf"}:
        return "matches none of the forms the schema allows"
    if keyword == "pattern":
        return "is not in the expected format"
    if keyword == "format":
        return f"is not a valid {value}"
    return f"fails the schema's '{keyword}' rule"


def _kinds(value: Any) -> str:
    kinds = value if isinstance(value, list) else [value]
    return " or ".join(f"{'an' if str(k)[0] in 'aeiou' else 'a'} {k}" for k in kinds)


__all__ = [
    "BUNDLED",
    "BUNDLED_VC_VERSION",
    "CLR2_SCHEMA_ID",
    "OB3_SCHEMA_ID",
    "SCHEMA_ENTRY_TYPES",
    "SchemaFinding",
    "SchemaUnavailableError",
    "bundled_label",
    "bundled_schema",
    "schema_for",
    "validate",
]
