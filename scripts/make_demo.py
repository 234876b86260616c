"""Make the demo credentials, their QR images and the demo trust list.

    .venv/bin/python scripts/make_demo.py

Deterministic: fixed demo keys (seeds below; demo use only, never trust them in production),
fixed dates, and Ed25519 signatures are deterministic, so re-running reproduces the same files.
Writes kiosk/demo/credentials/*.json, kiosk/demo/qr/*.png, trust_lists/shipped/demo.json.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import segno
from cryptography.hazmat.primitives.asymmetric import ed25519

from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "kiosk" / "demo"
TRUST_LIST = ROOT / "trust_lists" / "shipped" / "demo.json"


def demo_key(label: str) -> ed25519.Ed25519PrivateKey:
    """A fixed demo key derived from a public label: anyone can recreate it. Demo only."""
    return ed25519.Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"credential-kiosk demo key: {label}".encode()).digest()
    )


TRUSTED = demo_key("Northfield College")
UNTRUSTED = demo_key("Totally Real University")


def badge(
    key: ed25519.Ed25519PrivateKey,
    issuer_name: str,
    holder: str,
    achievement: str,
    valid_from: str,
    valid_until: str,
    serial: int,
) -> dict[str, Any]:
    did = did_key_for(key)
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"urn:uuid:6c1e9a3e-5d0b-4f3a-9e55-00000000000{serial}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": issuer_name},
        "validFrom": valid_from,
        "validUntil": valid_until,
        "name": achievement,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": holder,
            "achievement": {
                "id": f"urn:uuid:0b7f1c2d-8e44-4c55-a1d2-00000000000{serial}",
                "type": ["Achievement"],
                "name": achievement,
                "description": "Operates a credential verification kiosk.",
                "criteria": {"narrative": "Completed the operator course and a practical test."},
            },
        },
    }


def main() -> None:
    created = "2026-01-15T09:00:00Z"
    valid = sign_eddsa_rdfc_2022(
        badge(
            TRUSTED,
            "Northfield College",
            "Alex Candidate",
            "Certified Kiosk Operator",
            "2026-01-15T09:00:00Z",
            "2036-01-15T09:00:00Z",
            1,
        ),
        TRUSTED,
        created,
    )
    tampered = copy.deepcopy(valid)
    tampered["credentialSubject"]["achievement"]["name"] = "Master of Everything"
    expired = sign_eddsa_rdfc_2022(
        badge(
            TRUSTED,
            "Northfield College",
            "Sam Former",
            "First Aid at Work",
            "2023-09-01T09:00:00Z",
            "2025-06-30T23:59:59Z",
            2,
        ),
        TRUSTED,
        "2023-09-01T09:00:00Z",
    )
    unknown = sign_eddsa_rdfc_2022(
        badge(
            UNTRUSTED,
            "Totally Real University",
            "Jordan Applicant",
            "Doctor of Everything",
            "2026-02-01T09:00:00Z",
            "2036-02-01T09:00:00Z",
            3,
        ),
        UNTRUSTED,
        "2026-02-01T09:00:00Z",
    )
    demos: list[tuple[str, bytes]] = [
        ("01-valid", compact(valid)),
        ("02-tampered", compact(tampered)),
        ("03-expired", compact(expired)),
        ("04-unknown-issuer", compact(unknown)),
        ("05-garbage", b"WIFI:S:JobFair-Guest;T:WPA;P:not-a-credential;;"),
    ]
    (DEMO / "credentials").mkdir(parents=True, exist_ok=True)
    (DEMO / "qr").mkdir(parents=True, exist_ok=True)
    for name, payload in demos:
        suffix = ".json" if payload.startswith(b"{") else ".txt"
        (DEMO / "credentials" / f"{name}{suffix}").write_bytes(payload)
        qr = segno.make_qr(payload, error="m", boost_error=False, mode="byte")
        qr.save(str(DEMO / "qr" / f"{name}.png"), scale=4, border=4)
        print(f"{name}: {len(payload)} bytes, QR version {qr.version}-{qr.error}")
    trust_list = {
        "format": "credential-kiosk-trust-list/1",
        "name": "Demo trust list",
        "publisher": "Credential Kiosk (demo; replace with your institution's list)",
        "issuers": [
            {
                "id": did_key_for(TRUSTED),
                "name": "Northfield College (demo issuer)",
                "note": "Demo issuer whose key is public: never trust it outside the demo.",
                "url": "https://northfield.example",
            }
        ],
    }
    TRUST_LIST.parent.mkdir(parents=True, exist_ok=True)
    TRUST_LIST.write_text(json.dumps(trust_list, indent=2) + "\n", encoding="utf-8")


def compact(document: dict[str, Any]) -> bytes:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


if __name__ == "__main__":
    main()
