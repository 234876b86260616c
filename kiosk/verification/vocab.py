"""The IRIs the kiosk reads from a credential's signed graph, in one place.

Every field a check reads or the screen shows is looked up by one of these full IRIs in the
expanded JSON-LD (`kiosk.verification.signed_graph`), never by a JSON key name: a term written as
a full IRI, a compact IRI, an alias or a value object means the same triple, and the signature
covers the triple.
"""

from __future__ import annotations

CRED = "https://www.w3.org/2018/credentials#"
"""The VC 1.1 and 2.0 vocabulary (both data models share it)."""
SEC = "https://w3id.org/security#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
OB = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
"""Open Badges 3.0."""
CLR = "https://purl.imsglobal.org/spec/vc/clr/vocab.html#"
"""Comprehensive Learner Record 2.0."""
STATUS = "https://www.w3.org/ns/credentials/status#"
STATUS_LIST_2021 = "https://w3id.org/vc/status-list#"
REVOCATION_LIST_2020 = "https://w3id.org/vc-revocation-list-2020#"
OBI = "https://w3id.org/openbadges#"
"""Open Badges 2.0 (Blockcerts v2)."""
BLOCKCERTS = "https://w3id.org/blockcerts#"

# The credential
VERIFIABLE_CREDENTIAL = CRED + "VerifiableCredential"
ISSUER = CRED + "issuer"
CREDENTIAL_SUBJECT = CRED + "credentialSubject"
CREDENTIAL_STATUS = CRED + "credentialStatus"
VALID_FROM = CRED + "validFrom"
VALID_UNTIL = CRED + "validUntil"
ISSUANCE_DATE = CRED + "issuanceDate"
EXPIRATION_DATE = CRED + "expirationDate"
EVIDENCE = CRED + "evidence"
PROOF = SEC + "proof"

# Names and descriptions (schema.org, used by VC 2.0 and OB 3.0)
NAME = SCHEMA + "name"
DESCRIPTION = SCHEMA + "description"
URL = SCHEMA + "url"
CLAIM = SCHEMA + "claim"
"""Blockcerts v3: the badge a certificate awards (`credentialSubject.claim`)."""

# Open Badges 3.0
ACHIEVEMENT_CREDENTIAL = OB + "AchievementCredential"
OPEN_BADGE_CREDENTIAL = OB + "OpenBadgeCredential"
ACHIEVEMENT = OB + "achievement"
AWARDED_DATE = OB + "awardedDate"
IDENTIFIER = OB + "identifier"
IDENTITY_TYPE = OB + "identityType"
IDENTITY_HASH = OB + "identityHash"
HASHED = OB + "hashed"
SALT = OB + "salt"
CRITERIA = OB + "Criteria"
"""OB 3.0 spells the criteria property with a capital C (context 3.0.x)."""
NARRATIVE = OB + "narrative"
ACHIEVEMENT_TYPE = OB + "achievementType"
FIELD_OF_STUDY = OB + "fieldOfStudy"
SPECIALIZATION = OB + "specialization"
CREDITS_AVAILABLE = OB + "creditsAvailable"
CREDITS_EARNED = OB + "creditsEarned"
HUMAN_CODE = OB + "humanCode"
RESULT = OB + "result"
RESULT_DESCRIPTION = OB + "resultDescription"
VALUE = OB + "value"
SCHEMA_VALUE = SCHEMA + "value"
"""OB 3.0's `Result` context maps `value` to schema.org's."""
ALIGNMENT = OB + "alignment"
TARGET_NAME = SCHEMA + "targetName"
TARGET_FRAMEWORK = SCHEMA + "targetFramework"
TARGET_CODE = OB + "targetCode"
TARGET_TYPE = OB + "targetType"
TARGET_URL = SCHEMA + "targetUrl"
TARGET_DESCRIPTION = SCHEMA + "targetDescription"
ACHIEVED_LEVEL = OB + "achievedLevel"
STATUS_OF_RESULT = OB + "status"

# CLR 2.0
CLR_CREDENTIAL = CLR + "ClrCredential"
CLR_VERIFIABLE_CREDENTIAL = CLR + "verifiableCredential"
CLR_ACHIEVEMENT = CLR + "achievement"

# Blockcerts v3
BLOCKCERTS_CREDENTIAL = BLOCKCERTS + "BlockcertsCredential"

# Proof options (Data Integrity and the 2018-2020 suites)
PROOF_FIELDS: dict[str, str] = {
    SEC + "cryptosuite": "cryptosuite",
    SEC + "verificationMethod": "verificationMethod",
    SEC + "proofPurpose": "proofPurpose",
    DCTERMS + "created": "created",
    "https://purl.org/dc/terms/created": "created",  # the Blockcerts v3 context spells it so
    SEC + "expiration": "expires",
    SEC + "challenge": "challenge",
    SEC + "domain": "domain",
    SEC + "nonce": "nonce",
    SEC + "proofValue": "proofValue",
    SEC + "jws": "jws",
    SEC + "previousProof": "previousProof",
}
"""Proof properties the proof check reads from the proof's JSON, by the name it reads them."""

PROOF_PURPOSES: dict[str, str] = {
    SEC + "assertionMethod": "assertionMethod",
    SEC + "authenticationMethod": "authentication",
    SEC + "capabilityInvocationMethod": "capabilityInvocation",
    SEC + "capabilityDelegationMethod": "capabilityDelegation",
    SEC + "keyAgreementMethod": "keyAgreement",
}
"""Proof purpose IRIs and the names proofs give them in JSON."""

STATUS_NAMESPACES = (STATUS, STATUS_LIST_2021, REVOCATION_LIST_2020, OB, OBI, CRED, BLOCKCERTS)
"""Status entries are rebuilt from the graph with these namespaces' local names as keys."""


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/': the canonical term of a vocabulary IRI."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[cut + 1 :] if cut >= 0 else iri

# Issue 15: the employer's view (endorsements, achievement images, CLR associations)
ENDORSEMENT = OB + "endorsement"
ENDORSEMENT_JWT = OB + "endorsementJwt"
IMAGES = (OB + "image", OB + "Image")
"""OB 3.0 contexts 3.0.1 and 3.0.2 map an achievement's `image` to `#Image`, later ones to
`#image`: both mean the achievement's image."""
CLR_ASSOCIATION = CLR + "association"
ASSOCIATION_TYPE = CLR + "AssociationType"
"""The CLR 2.0 context maps `associationType` to this (capitalised) IRI."""
SOURCE_ID = CLR + "sourceId"
TARGET_ID = CLR + "targetId"
