"""The unit tests' local HTTPS fixtures, for the property tests that serve status lists."""

from tests.unit.conftest import server, tls_ca

__all__ = ["server", "tls_ca"]
