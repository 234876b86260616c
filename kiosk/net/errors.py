"""Why a fetch did not happen or did not succeed, as exceptions with a code and a plain reason.

FetchError                     base: a short `code` and a human `description`
├── RefusedUrlError            not https, credentials in the URL, malformed or disguised host
├── RefusedAddressError        the host is or resolves to a non-public address (SSRF guard)
├── ConnectionFailedError      DNS lookup, TCP connect or TLS handshake failed
├── TimeLimitError             the connect, read or total time limit passed
├── RedirectError              too many redirects, a redirect loop, a bad Location
├── HttpStatusError            the server answered with an error status (404, 500, …)
├── TooLargeError              the response is larger than the size cap
└── NotJsonError               JSON was expected: wrong content type, or unsafe/invalid JSON

Every `description` is one sentence a receptionist or support person can read; it names the
host, never the whole URL (URLs can be long and carry tokens).
"""

from __future__ import annotations


class FetchError(Exception):
    """Base class: a fetch that failed, with a short machine `code` and a human `description`."""

    code = "fetch-error"

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


class RefusedUrlError(FetchError):
    code = "refused-url"


class RefusedAddressError(FetchError):
    """The guard refused a host because of the address it is, or resolves to."""

    code = "refused-address"

    def __init__(self, description: str, host: str, address: str | None = None) -> None:
        super().__init__(description)
        self.host = host
        self.address = address


class ConnectionFailedError(FetchError):
    code = "connection-failed"


class TimeLimitError(FetchError):
    code = "time-limit"


class RedirectError(FetchError):
    code = "redirect"


class HttpStatusError(FetchError):
    """The server answered, with an error status; `definitive` for 404 and 410 ("not there")."""

    code = "http-status"

    def __init__(self, description: str, status: int) -> None:
        super().__init__(description)
        self.status = status

    @property
    def definitive(self) -> bool:
        """True when the server says the document does not exist (404 Not Found, 410 Gone)."""
        return self.status in (404, 410)


class TooLargeError(FetchError):
    code = "too-large"


class NotJsonError(FetchError):
    code = "not-json"
