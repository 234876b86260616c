"""Exceptions raised inside verification; checks turn them into results at the boundary.

VerificationError            base: a short `code` and a human `description`
├── UnknownContextError      a JSON-LD context URL outside the bundled, pinned set
├── UndefinedTermError       JSON-LD safe mode: a term no context defines
├── JsonLdProcessingError    JSON-LD that cannot be expanded or canonicalized
├── KeyResolutionError       a verification method that cannot be resolved
├── MalformedError           a payload part whose shape no reader expected ("malformed …")
└── UnsupportedError         something valid but not supported (suite, DID method): "not done"

Reading a payload (the envelope, a token, the JSON-LD expansion, recognising the document) is
parsing hostile input: any exception it raises, ours or a library's `TypeError` on a value of
the wrong shape, is the payload's fault, so `as_parse_failure` makes it a *failed* check with a
"malformed" reason. Everywhere else an exception that is not a `VerificationError` is a bug and
its check is "not done" (`steps.internal_error`), never failed, never passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.verification.model import CheckId, CheckResult


class VerificationError(Exception):
    """Base class: a failure with a short machine `code` and a human `description`."""

    code = "verification-error"

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


class UnknownContextError(VerificationError):
    code = "unknown-context"

    def __init__(self, url: str) -> None:
        super().__init__(f"It uses a JSON-LD context this kiosk does not have: {url}")
        self.url = url


class UndefinedTermError(VerificationError):
    code = "undefined-term"

    def __init__(self, term: str) -> None:
        super().__init__(f"It uses the term '{term}', which no context defines.")
        self.term = term


class RelativeIdentifierError(VerificationError):
    code = "relative-identifier"

    def __init__(self, identifier: str) -> None:
        super().__init__(
            f"It uses the relative identifier '{identifier[:80]}', which the signature cannot "
            "cover reliably."
        )
        self.identifier = identifier


class JsonLdProcessingError(VerificationError):
    code = "jsonld-error"


class KeyResolutionError(VerificationError):
    code = "key-resolution"


class MalformedError(VerificationError):
    """A payload part that cannot be read at all (a library raised on its shape)."""

    code = "malformed"


class UnsupportedError(VerificationError):
    """Valid input this kiosk cannot check: the check is "not done", never passed."""

    code = "unsupported"


def as_check_result(check_id: CheckId, error: VerificationError) -> CheckResult:
    """The result a check gets for a known failure: `UnsupportedError` → not done (never passed),
    any other `VerificationError` → failed, each with the error's own plain description."""
    from kiosk.verification.model import CheckResult

    if isinstance(error, UnsupportedError):
        return CheckResult.not_done(check_id, error.description)
    return CheckResult.failed(check_id, error.description)


def malformed(what: str, error: BaseException) -> VerificationError:
    """The error to report for `error`, raised while reading `what` ("credential", "signed
    token") from a payload: a `VerificationError` as it is, anything else as "malformed"."""
    if isinstance(error, VerificationError):
        return error
    if isinstance(error, RecursionError):
        return MalformedError(f"The {what} is malformed: it is nested too deeply.")
    return MalformedError(f"The {what} is malformed: it cannot be read.")


def as_parse_failure(check_id: CheckId, error: BaseException, what: str) -> CheckResult:
    """The result for any exception raised while parsing `what`: see the module docstring."""
    return as_check_result(check_id, malformed(what, error))
