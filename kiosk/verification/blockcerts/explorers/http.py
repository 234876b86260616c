"""Asking an explorer over the guarded fetcher, with its failures in plain words.

Every explorer request goes through the kiosk's `GuardedFetcher` (https only, public addresses
unless allow-listed, size and time limits). Fetch errors become `ExplorerFailure`s whose reason
finishes a sentence about the explorer: "… is rate-limiting the kiosk (HTTP 429)".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from kiosk.net import FetchError, GuardedFetcher, HttpStatusError, NotJsonError, TimeLimitError
from kiosk.net.body import parse_json
from kiosk.verification.blockcerts.explorers.base import ExplorerFailure

JSON_ONLY = "application/json"
TEXT = "text/plain, application/json;q=0.9"


def join(base: str, path: str) -> str:
    """`base` + `/path` (explorer paths never need more than this)."""
    return base.rstrip("/") + "/" + path.lstrip("/")


def with_query(base: str, **params: str) -> str:
    """`base` with `params` appended to whatever query it already has (an API key, a chain id)."""
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in params.items())
    return base + ("&" if "?" in base else "?") + query


def get_json(fetcher: GuardedFetcher, url: str) -> Any:
    """GET a JSON document.

    Raises:
        ExplorerFailure: with the reason; `not_found` for a 404/410.
    """
    try:
        value, _document = fetcher.fetch_json(url, accept=JSON_ONLY)
    except FetchError as error:
        raise _failure(error) from error
    return value


def get_text(fetcher: GuardedFetcher, url: str) -> str:
    """GET a short text answer (Esplora's tip height is plain text)."""
    try:
        document = fetcher.fetch(url, accept=TEXT, expect_json=False)
    except FetchError as error:
        raise _failure(error) from error
    try:
        return document.body.decode("ascii").strip()
    except UnicodeDecodeError:
        raise ExplorerFailure("answered with unreadable text") from None


def parse_json_text(text: str) -> Any:
    try:
        return parse_json(text.encode())
    except NotJsonError:
        raise ExplorerFailure("answered with something that is not JSON") from None


def _failure(error: FetchError) -> ExplorerFailure:
    if isinstance(error, HttpStatusError):
        if error.definitive:
            return ExplorerFailure("does not know the transaction", not_found=True)
        if error.status == 429:
            return ExplorerFailure("is rate-limiting the kiosk (HTTP 429, too many requests)")
        return ExplorerFailure(f"answered with an error (HTTP {error.status})")
    if isinstance(error, TimeLimitError):
        return ExplorerFailure("did not answer in time")
    if isinstance(error, NotJsonError):
        return ExplorerFailure("answered with something that is not JSON")
    return ExplorerFailure(_lower_first(error.description.rstrip(".")))


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return f"failed: {text}"
    return "failed: " + text[:1].lower() + text[1:]
