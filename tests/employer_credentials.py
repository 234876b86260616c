"""Credentials for issue 15's tests, signed here with the test keys (eddsa-rdfc-2022): an
Open Badges 3.0 badge with every achievement detail (alignments, results, evidence, an embedded
image, endorsements) and a CLR 2.0 record whose achievements are linked by associations."""

from __future__ import annotations

import base64
import hashlib
import struct
import zlib
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import make_key

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CLR_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ESCO_FOOD_HYGIENE = "http://data.europa.eu/esco/skill/791fa659-3382-49f8-a8dd-505226d0da48"
"""ESCO "food hygiene rules" (as in roles/commis-chef.toml)."""
ESCO_KNIFE_SKILLS = "http://data.europa.eu/esco/skill/0c0f1c49-9b0b-4b44-8f1a-1a3a9e4b2a10"
"""A stand-in skill URI used only inside the tests' own credentials."""
SIGNED_AT = "2026-01-15T09:00:00Z"


def _digits(text: str) -> str:
    """Twelve hex digits derived from `text` (stable across runs, unlike `hash`)."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def tiny_png(width: int = 4, height: int = 4) -> bytes:
    """A small RGB PNG (a colour gradient), made here so no image file is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 60 % 256, y * 60 % 256, 200)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def png_data_uri() -> str:
    return "data:image/png;base64," + base64.b64encode(tiny_png()).decode()


def endorsement(
    endorsed_id: str,
    key: ed25519.Ed25519PrivateKey,
    comment: str = "We vouch for this course.",
    issuer_name: str = "Catering Guild",
) -> dict[str, Any]:
    """A signed `EndorsementCredential` about `endorsed_id`."""
    document: dict[str, Any] = {
        "@context": OB3_CONTEXT,
        "id": f"urn:uuid:e0d0e5e0-0000-4000-8000-{_digits(comment)}",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "Endorsement",
        "issuer": {"id": did_key_for(key), "type": ["Profile"], "name": issuer_name},
        "validFrom": "2026-01-10T09:00:00Z",
        "credentialSubject": {
            "id": endorsed_id,
            "type": ["EndorsementSubject"],
            "endorsementComment": comment,
        },
    }
    return sign_eddsa_rdfc_2022(document, key, SIGNED_AT)


def rich_badge_unsigned(
    key: ed25519.Ed25519PrivateKey,
    *,
    achievement_id: str = "urn:uuid:a1b2c3d4-0000-4000-8000-000000000001",
    name: str = "Food Hygiene Level 2",
    holder: str = "Alex Candidate",
    subject_id: str = "did:example:alex",
    alignment_url: str = ESCO_FOOD_HYGIENE,
    scqf_level: str = "5",
    endorsements: tuple[dict[str, Any], ...] = (),
) -> dict[str, Any]:
    """An OB 3.0 badge carrying every achievement detail the employer's view shows."""
    achievement: dict[str, Any] = {
        "id": achievement_id,
        "type": ["Achievement"],
        "name": name,
        "description": "Safe handling, storage and preparation of food in a commercial kitchen.",
        "criteria": {"narrative": "Passed a written exam and a supervised kitchen assessment."},
        "achievementType": "Certificate",
        "fieldOfStudy": "Hospitality",
        "specialization": "Food safety",
        "creditsAvailable": 10,
        "humanCode": "FH-L2",
        "image": {"id": png_data_uri(), "type": "Image"},
        "alignment": [
            {
                "type": ["Alignment"],
                "targetName": "food hygiene rules",
                "targetFramework": "ESCO",
                "targetType": "ceasn:Competency",
                "targetUrl": alignment_url,
            },
            {
                "type": ["Alignment"],
                "targetName": f"SCQF level {scqf_level}",
                "targetFramework": "SCQF",
                "targetCode": scqf_level,
                "targetType": "CFItem",
                "targetUrl": "https://scqf.org.uk/about-the-framework/interactive-framework/",
            },
        ],
        "resultDescription": [
            {
                "id": "urn:uuid:a1b2c3d4-0000-4000-8000-0000000000r1",
                "type": ["ResultDescription"],
                "name": "Written exam",
                "resultType": "Percent",
            }
        ],
    }
    if endorsements:
        achievement["endorsement"] = list(endorsements)
    return {
        "@context": OB3_CONTEXT,
        "id": f"urn:uuid:c0ffee00-0000-4000-8000-{_digits(achievement_id + holder)}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did_key_for(key), "type": ["Profile"], "name": "Claimed Issuer Name"},
        "validFrom": "2026-01-15T09:00:00Z",
        "validUntil": "2036-01-15T09:00:00Z",
        "name": name,
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "name": holder,
            "creditsEarned": 10,
            "achievement": achievement,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": "urn:uuid:a1b2c3d4-0000-4000-8000-0000000000r1",
                    "value": "87",
                }
            ],
        },
        "evidence": [
            {
                "id": "https://evidence.example/portfolio/alex/kitchen-assessment",
                "type": ["Evidence"],
                "name": "Kitchen assessment record",
                "narrative": "Observed preparing three dishes to HACCP standards.",
            }
        ],
    }


def rich_badge(key: ed25519.Ed25519PrivateKey | None = None, **kwargs: Any) -> dict[str, Any]:
    key = key or make_key()
    return sign_eddsa_rdfc_2022(rich_badge_unsigned(key, **kwargs), key, SIGNED_AT)


def clr_pathway(key: ed25519.Ed25519PrivateKey | None = None) -> dict[str, Any]:
    """A CLR 2.0 record: a programme and two courses inside it, the second after the first."""
    key = key or make_key()
    programme = "urn:uuid:c1c1c1c1-0000-4000-8000-00000000p001"
    first = "urn:uuid:c1c1c1c1-0000-4000-8000-00000000c001"
    second = "urn:uuid:c1c1c1c1-0000-4000-8000-00000000c002"
    parts = [
        rich_badge(key, achievement_id=programme, name="Professional Cookery Diploma"),
        rich_badge(key, achievement_id=first, name="Food Hygiene Level 2"),
        rich_badge(
            key, achievement_id=second, name="Knife Skills", alignment_url=ESCO_KNIFE_SKILLS
        ),
    ]
    document: dict[str, Any] = {
        "@context": CLR_CONTEXT,
        "id": "urn:uuid:c1c1c1c1-0000-4000-8000-0000000000r0",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": did_key_for(key), "type": ["Profile"], "name": "Claimed Issuer Name"},
        "validFrom": "2026-01-15T09:00:00Z",
        "name": "Cookery record",
        "credentialSubject": {
            "id": "did:example:alex",
            "type": ["ClrSubject"],
            "verifiableCredential": parts,
            "association": [
                {
                    "type": "Association",
                    "associationType": "isParentOf",
                    "sourceId": programme,
                    "targetId": first,
                },
                {
                    "type": "Association",
                    "associationType": "isParentOf",
                    "sourceId": programme,
                    "targetId": second,
                },
                {
                    "type": "Association",
                    "associationType": "precedes",
                    "sourceId": first,
                    "targetId": second,
                },
            ],
        },
    }
    return sign_eddsa_rdfc_2022(document, key, SIGNED_AT)
