"""A status list credential, fetched and verified through its own profile.

The list is a verifiable credential (BitstringStatusListCredential, StatusList2021Credential,
RevocationList2020Credential), as JSON-LD or as a JWT (VC-JWT / VC-JOSE). The pipeline verifies
it through the status-list profile (`kiosk.verification.profiles.STATUS_LIST`: format, issuer
key, proof, dates — no status, no trust, no included credentials), given to this module
explicitly as a `ListVerifier`, then it is judged here:

- its `format`, `issuer-key` and `proof` checks must pass (else: its signature is not confirmed);
- its `dates` check must pass (else: it is expired or not yet valid);
- trust is not asked: a status list inherits trust from the credential's issuer, who chose its
  address in signed data (its signer may be someone else: it is then named);
- its own `credentialStatus` is never checked (the profile has no status step), so lists naming
  lists cannot recurse.

One `StatusLists` serves one status check: several entries naming the same list fetch and verify
it once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.verification.model import CheckId, CheckStatus, VerificationReport
from kiosk.verification.plain_text import plain_text
from kiosk.verification.status.errors import StatusUnavailableError
from kiosk.verification.status.fetching import retrieve_list
from kiosk.verification.status.outcome import ListSource
from payloads.jws import JwsFormatError, read_compact_jws

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

ListVerifier = Callable[[dict[str, Any] | str], VerificationReport]
"""Verifies a fetched status list credential (the pipeline's status-list profile)."""


@dataclass(frozen=True, slots=True)
class ListCredential:
    """A fetched status list credential and what its verification showed."""

    document: Mapping[str, Any]
    source: ListSource
    issuer_id: str
    signature_problem: str | None
    """Why its signature does not vouch for it (None: format, key and proof passed)."""
    date_problem: str | None
    """Why it is not valid now (None: its dates passed)."""

    def issuer_problem(self, credential_issuer: str) -> str | None:
        """A detail naming the list's signer when it is not `credential_issuer` (else None)."""
        if self.issuer_id == credential_issuer:
            return None
        return (
            f"it is signed by {plain_text(self.issuer_id, 100)}, not by the credential's "
            "issuer; relied on because the issuer named this list in the signed credential"
        )

    @property
    def subject(self) -> Mapping[str, Any]:
        """The list itself (`credentialSubject`); {} when missing or not an object."""
        value = self.document.get("credentialSubject")
        return value if isinstance(value, Mapping) else {}

    @property
    def types(self) -> list[str]:
        return _strings(self.document.get("type"))


@dataclass(slots=True)
class StatusLists:
    """The status lists of one status check: where they are fetched from (`context`), how a list
    credential is verified (`verify`, passed in by the pipeline), each list at most once."""

    context: VerificationContext
    verify: ListVerifier | None
    """None: list credentials cannot be verified here (every list's status is then unknown)."""
    _loaded: dict[str, ListCredential] = field(default_factory=dict)

    def load(self, url: str, what: str) -> ListCredential:
        """Fetch the list at `url` (network, else cache) and verify it.

        Raises:
            StatusUnavailableError: it could not be had, is not a JSON object or a JWT, is not a
                credential the kiosk can read, or cannot be verified here.
        """
        if url in self._loaded:
            return self._loaded[url]
        retrieved = retrieve_list(url, what, self.context)
        source = ListSource.of(what, retrieved)
        if isinstance(retrieved.value, str):  # delivered as a JWT: verified as a token
            document = _token_document(retrieved.value, source)
        elif isinstance(retrieved.value, dict):
            document = retrieved.value
        else:
            raise StatusUnavailableError(f"{source.label} is not a JSON object")
        if self.verify is None:
            raise StatusUnavailableError(f"{source.label} cannot be verified here")
        loaded = _judge(document, source, self.verify(retrieved.value))
        self._loaded[url] = loaded
        return loaded


def _token_document(token: str, source: ListSource) -> dict[str, Any]:
    """The list credential a JWT carries (VC-JWT 1.1 `vc` claim with `iss`, or VC-JOSE claims),
    read for its fields; the verifier checks the token's signature."""
    try:
        claims = read_compact_jws(token).claims
    except JwsFormatError as error:
        reason = f"{source.label} cannot be read: {error.description}"
        raise StatusUnavailableError(reason) from None
    vc = claims.get("vc")
    document = dict(vc) if isinstance(vc, dict) else dict(claims)
    if "issuer" not in document and isinstance(claims.get("iss"), str):
        document["issuer"] = claims["iss"]
    return document


def _judge(
    document: dict[str, Any], source: ListSource, report: VerificationReport
) -> ListCredential:
    form = report.check(CheckId.FORMAT)
    if form is None or form.status is not CheckStatus.PASSED:
        reason = form.reason if form is not None else report.headline_reason
        raise StatusUnavailableError(f"{source.label} cannot be read: {_fragment(reason)}")
    signature_problem = None
    for check_id in (CheckId.ISSUER_KEY, CheckId.PROOF):
        result = report.check(check_id)
        if result is None or result.status is not CheckStatus.PASSED:
            failed = result is not None and result.status is CheckStatus.FAILED
            verb = "is not valid" if failed else "could not be confirmed"
            why = _fragment(result.reason) if result is not None else "no proof was checked"
            signature_problem = f"its signature {verb} ({why})"
            break
    dates = report.check(CheckId.DATES)
    date_problem = None
    if dates is None or dates.status is not CheckStatus.PASSED:
        date_problem = f"it is not valid now ({_fragment(dates.reason) if dates else 'no dates'})"
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    return ListCredential(document, source, str(issuer_id), signature_problem, date_problem)


def _fragment(sentence: str) -> str:
    """'Expired on 9 Jan 2021.' → 'expired on 9 Jan 2021' (to finish another sentence)."""
    text = sentence.strip().rstrip(".")
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]
