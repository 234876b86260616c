"""Binding at the desk: staff type what the candidate says (an email address) and the kiosk
compares it with the salted hashes an Open Badges credential carries for its recipient.

Open Badges 3.0 `IdentityObject`: `{"type": "IdentityObject", "identityType": "emailAddress",
"hashed": true, "identityHash": "sha256$<hex of SHA-256(value + salt)>", "salt": "…"}`;
unhashed entries compare the plain value. Email addresses compare case-insensitively (the
Open Badges convention: the issuer hashes the lower-cased address).
"""

from __future__ import annotations

import hashlib
import hmac

from kiosk.verification.credential import ParsedCredential
from kiosk.verification.model import (
    CheckId,
    CheckResult,
    RecipientIdentity,
    VerificationReport,
)
from kiosk.verification.vocab import (
    CREDENTIAL_SUBJECT,
    HASHED,
    IDENTIFIER,
    IDENTITY_HASH,
    IDENTITY_TYPE,
    SALT,
    local_name,
)

_HASHES = {"sha256": hashlib.sha256, "md5": hashlib.md5}


def recipient_identities(credential: ParsedCredential) -> tuple[RecipientIdentity, ...]:
    """The identity entries of the credential's subjects, read from its signed graph."""
    graph, root = credential.graph, credential.root
    if graph is None or root is None:
        return ()
    found = []
    for subject in graph.nodes(root, CREDENTIAL_SUBJECT):
        for entry in graph.nodes(subject, IDENTIFIER):
            hashes = graph.texts(entry, IDENTITY_HASH)
            if len(hashes) != 1:
                continue
            kinds = [local_name(i) for i in graph.ids(entry, IDENTITY_TYPE)]
            kinds += graph.texts(entry, IDENTITY_TYPE)
            found.append(
                RecipientIdentity(
                    identity_type=kinds[0] if len(kinds) == 1 else "",
                    value=hashes[0],
                    hashed=graph.texts(entry, HASHED) == ("true",),
                    salt=(graph.texts(entry, SALT) or ("",))[0],
                )
            )
    return tuple(found)


def matches(identity: RecipientIdentity, typed: str) -> bool:
    """Does what staff typed match this identity entry?"""
    candidate = typed.strip()
    if identity.identity_type == "emailAddress":
        candidate = candidate.lower()
    if not identity.hashed:
        return hmac.compare_digest(
            identity.value.strip().lower().encode(), candidate.lower().encode()
        )
    algorithm, _, expected = identity.value.partition("$")
    hash_function = _HASHES.get(algorithm.lower())
    if hash_function is None or not expected:
        return False
    digest = hash_function((candidate + identity.salt).encode("utf-8")).hexdigest()
    return hmac.compare_digest(digest, expected.lower())


def holder_check(identities: tuple[RecipientIdentity, ...], typed: str) -> CheckResult:
    """The `holder` check recording what staff did."""
    if not identities:
        return CheckResult.not_done(
            CheckId.HOLDER,
            "The credential names no recipient identifier to compare with: check photo ID.",
        )
    if any(matches(identity, typed) for identity in identities):
        kinds = ", ".join(sorted({i.identity_type or "identifier" for i in identities}))
        return CheckResult.passed(
            CheckId.HOLDER,
            f"What the candidate gave matches the credential's recipient ({kinds}).",
        )
    return CheckResult.failed(
        CheckId.HOLDER,
        "What the candidate gave does not match the credential's recipient: it may not be theirs.",
    )


def match_recipient(report: VerificationReport, typed: str) -> VerificationReport:
    """The report with a `holder` check recording what staff matched. Its verdict follows from
    its checks by the one rule, so it can only stay as it is or get worse (a mismatch is NOT
    VERIFIED, a credential naming no recipient is CHECK MANUALLY)."""
    return report.with_check(holder_check(report.recipient, typed))
