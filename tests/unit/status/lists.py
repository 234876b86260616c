"""Building status lists and credentials that name them, for the status tests.

Everything is real: Ed25519 keys, eddsa-rdfc-2022 signatures on the lists and on the
credentials, lists served over HTTPS by `tests.servers.LocalHttpsServer` at
`https://issuer.kiosk.test:PORT/…` (the test resolver maps the name to 127.0.0.1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import trustme
from cryptography.hazmat.primitives.asymmetric import ed25519

from kiosk.net import GuardedFetcher
from kiosk.verification import CheckId, CheckResult, VerificationReport, verify_document
from kiosk.verification.context import VerificationContext
from kiosk.verification.status.bitstring import MIN_ENTRIES
from kiosk.verification.status.encoding import encode_list
from kiosk.verification.suites.signing import did_key_for, sign_eddsa_rdfc_2022
from tests.helpers import NOW, make_key, ob3_unsigned
from tests.servers import LocalHttpsServer
from tests.unit.keys.issuers import HOST, issuer_fetcher, key_context

ISSUER = make_key("status list issuer")
OTHER = make_key("somebody else")
ISSUER_ID = did_key_for(ISSUER)
CREATED = "2026-01-15T09:00:00Z"
VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
STATUS_LIST_2021 = "https://w3id.org/vc/status-list/2021/v1"
DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2"


def origin(server: LocalHttpsServer) -> str:
    return f"https://{HOST}:{server.port}"


def bits(set_bits: Iterable[int] = (), entries: int = MIN_ENTRIES, size: int = 1) -> bytes:
    """A bitstring of `entries` entries of `size` bits with the given bit positions set."""
    data = bytearray((entries * size + 7) // 8)
    for position in set_bits:
        data[position // 8] |= 0x80 >> (position % 8)
    return bytes(data)


def values(entries: Mapping[int, int], size: int, count: int = MIN_ENTRIES) -> bytes:
    """A bitstring of `count` entries of `size` bits with entry index → value."""
    positions = []
    for index, value in entries.items():
        for offset in range(size):
            if value >> (size - 1 - offset) & 1:
                positions.append(index * size + offset)
    return bits(positions, count, size)


def bitstring_list(
    url: str,
    data: bytes | None = None,
    *,
    key: ed25519.Ed25519PrivateKey = ISSUER,
    purpose: str | list[str] = "revocation",
    encoded: str | None = None,
    sign: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    """A signed BitstringStatusListCredential at `url` (VC 2.0)."""
    document: dict[str, Any] = {
        "@context": [VC2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did_key_for(key),
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded if encoded is not None else encode_list(data or bits()),
        },
        **extra,
    }
    return sign_eddsa_rdfc_2022(document, key, CREATED) if sign else document


def bitstring_entry(
    url: str, index: int | str, purpose: str = "revocation", **extra: Any
) -> dict[str, Any]:
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": url,
        **extra,
    }


def credential(
    status: Any, key: ed25519.Ed25519PrivateKey = ISSUER, **fields: Any
) -> dict[str, Any]:
    """An Open Badges 3.0 credential of `key`'s did:key naming `status`, signed."""
    unsigned = ob3_unsigned(key)
    unsigned["credentialStatus"] = status
    unsigned.update(fields)
    return sign_eddsa_rdfc_2022(unsigned, key, CREATED)


def fetcher(ca: trustme.CA, when: datetime = NOW, **limits: Any) -> GuardedFetcher:
    return issuer_fetcher(ca, clock=lambda: when, **limits)


def online(ca: trustme.CA, cache: Path | None = None, **limits: Any) -> VerificationContext:
    """A context trusting the test issuer, with the network (and optionally a cache)."""
    return key_context(ISSUER_ID, fetcher(ca, **limits), cache)


def offline(cache: Path | None, now: datetime = NOW) -> VerificationContext:
    return key_context(ISSUER_ID, None, cache, now=now)


def verify(document: dict[str, Any], context: VerificationContext) -> VerificationReport:
    return verify_document(document, context)


def status_of(report: VerificationReport) -> CheckResult:
    result = report.check(CheckId.STATUS)
    assert result is not None, report.checks
    return result
