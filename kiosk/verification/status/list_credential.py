"""A status list credential, fetched and verified by the kiosk's own pipeline.

The list is a verifiable credential (BitstringStatusListCredential, StatusList2021Credential,
RevocationList2020Credential). It is run through `verify_document` with the same context as the
credential being checked, then judged:

- its `format`, `issuer-key` and `proof` checks must pass (else: its signature is not confirmed);
- its `dates` check must pass (else: it is expired or not yet valid);
- its own `trust` check is ignored: a status list inherits trust from the credential's issuer;
- its own `credentialStatus` is never checked: while a list is being verified the status check
  does not apply (`inside_status_list`), so lists naming lists cannot recurse.

Several entries of one credential naming the same list fetch and verify it once
(`one_status_check`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.verification.model import CheckId, CheckStatus, VerificationReport
from kiosk.verification.plain_text import plain_text
from kiosk.verification.status.errors import StatusUnavailableError
from kiosk.verification.status.fetching import retrieve_list
from kiosk.verification.status.outcome import ListSource

if TYPE_CHECKING:
    from kiosk.verification.context import VerificationContext

_DEPTH: ContextVar[int] = ContextVar("status_list_depth", default=0)
_MEMO: ContextVar[dict[str, ListCredential] | None] = ContextVar("status_list_memo", default=None)


def inside_status_list() -> bool:
    """True while a status list credential is being verified (its own status is not checked)."""
    return _DEPTH.get() > 0


@contextmanager
def one_status_check() -> Iterator[None]:
    """Within this block each list URL is fetched and verified at most once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


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
        """Why it cannot vouch for a credential of `credential_issuer` (None: same issuer)."""
        if self.issuer_id == credential_issuer:
            return None
        return f"it is signed by {plain_text(self.issuer_id, 100)}, not by the credential's issuer"

    @property
    def subject(self) -> Mapping[str, Any]:
        """The list itself (`credentialSubject`); {} when missing or not an object."""
        value = self.document.get("credentialSubject")
        return value if isinstance(value, Mapping) else {}

    @property
    def types(self) -> list[str]:
        return _strings(self.document.get("type"))


def load_list_credential(url: str, what: str, context: VerificationContext) -> ListCredential:
    """Fetch the list at `url` (network, else cache) and verify it with the pipeline.

    Raises:
        StatusUnavailableError: it could not be had, is not a JSON object, or is not a
            credential the kiosk can read.
    """
    memo = _MEMO.get()
    if memo is not None and url in memo:
        return memo[url]
    retrieved = retrieve_list(url, what, context)
    source = ListSource.of(what, retrieved)
    if not isinstance(retrieved.value, dict):
        raise StatusUnavailableError(f"{source.label} is not a JSON object")
    loaded = _judge(retrieved.value, source, _verify(retrieved.value, context))
    if memo is not None:
        memo[url] = loaded
    return loaded


def _verify(document: dict[str, Any], context: VerificationContext) -> VerificationReport:
    from kiosk.verification.pipeline import verify_document  # the pipeline imports the checks

    token = _DEPTH.set(_DEPTH.get() + 1)
    try:
        return verify_document(document, context)
    finally:
        _DEPTH.reset(token)


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
