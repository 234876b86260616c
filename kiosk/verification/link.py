"""Credentials behind a link: fetched only through the guarded fetcher, never a second link.

Content negotiation asks for JSON-LD, JSON or a JWT credential. An HTML landing page is followed
only where a standard way names the credential: `<link rel="alternate" type="application/ld+json"
href="…">` (or `application/json`, `application/vc+jwt`, `application/vc+ld+json`) — one hop,
through the same guard. The host is shown to the operator in the payload check.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from kiosk.net import (
    FetchError,
    HttpStatusError,
    RefusedAddressError,
    RefusedUrlError,
    TooLargeError,
)
from kiosk.verification.context import VerificationContext
from kiosk.verification.model import CheckId, CheckResult

ACCEPT = (
    "application/ld+json, application/vc+ld+json, application/json;q=0.9, "
    "application/vc+jwt;q=0.8, application/jwt;q=0.8, text/html;q=0.2"
)
ALTERNATE_TYPES = (
    "application/ld+json",
    "application/vc+ld+json",
    "application/json",
    "application/vc+jwt",
)


@dataclass(frozen=True, slots=True)
class LinkedPayload:
    """What a link led to: the bytes to verify and where they came from."""

    body: bytes
    host: str
    note: str
    """Plain words for the payload check, e.g. "Fetched from credentials.example.edu"."""


def fetch_linked_payload(url: str, context: VerificationContext) -> LinkedPayload | CheckResult:
    """Fetch the credential a link points to, or a payload check saying why not."""
    host = urlsplit(url).hostname or "an unknown host"
    if context.network is None:
        return CheckResult.not_done(
            CheckId.PAYLOAD,
            f"The code holds a link to {host}; the kiosk is offline, so it cannot fetch it.",
            f"link: {url[:200]}",
        )
    network = context.network.allowing(context.max_file_bytes)
    try:
        fetched = network.fetch(url, accept=ACCEPT, expect_json=False)
        note = f"Fetched the credential from {host} (a link in the code)."
        if _is_html(fetched.content_type, fetched.body):
            alternate = find_alternate(fetched.body.decode("utf-8", "replace"), fetched.final_url)
            if alternate is None:
                return CheckResult.failed(
                    CheckId.PAYLOAD,
                    f"The link leads to a web page on {host}, not to a credential.",
                    f"link: {url[:200]}",
                )
            fetched = network.fetch(alternate, accept=ACCEPT, expect_json=False)
            if _is_html(fetched.content_type, fetched.body):
                return CheckResult.failed(
                    CheckId.PAYLOAD, f"The web page on {host} names no credential it holds."
                )
            note = f"Fetched the credential from {host} (named by the page the link leads to)."
    except (RefusedUrlError, RefusedAddressError) as error:
        return CheckResult.failed(CheckId.PAYLOAD, f"The link was refused: {error.description}")
    except TooLargeError as error:
        return CheckResult.failed(
            CheckId.PAYLOAD, f"The linked credential is too large: {error.description}"
        )
    except HttpStatusError as error:
        if error.definitive:
            return CheckResult.failed(
                CheckId.PAYLOAD, f"The link leads nowhere: {host} has no such credential."
            )
        return _unreachable(host, error)
    except FetchError as error:
        return _unreachable(host, error)
    return LinkedPayload(fetched.body, host, note)


def _unreachable(host: str, error: FetchError) -> CheckResult:
    return CheckResult.not_done(
        CheckId.PAYLOAD, f"Could not fetch the credential from {host}: {error.description}"
    )


def _is_html(content_type: str, body: bytes) -> bool:
    lowered = content_type.lower()
    return "html" in lowered or body[:256].lstrip().lower().startswith((b"<!doctype", b"<html"))


class _AlternateFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link" or self.href is not None:
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        media = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and media in ALTERNATE_TYPES and values.get("href"):
            self.href = values["href"]


def find_alternate(html: str, base_url: str) -> str | None:
    """The https URL of the credential an HTML page names as its alternate, if any."""
    finder = _AlternateFinder()
    finder.feed(html[: 512 * 1024])
    if finder.href is None:
        return None
    target = urljoin(base_url, finder.href.strip())
    return target if target.lower().startswith("https://") else None
