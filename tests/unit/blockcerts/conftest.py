"""Fixtures for the Blockcerts tests: a test CA, the explorer servers and the documents server.

The servers live for a test module (starting them is most of a test's cost); every test starts
with no routes and an empty request log, so tests cannot see each other's transactions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme

from kiosk.verification.blockcerts.explorers import ExplorerEndpoint
from kiosk.verification.context import VerificationContext
from tests.servers import LocalHttpsServer
from tests.unit.blockcerts.chain_servers import LocalChain, local_chain
from tests.unit.blockcerts.harness import RehostingFetcher, blockcerts_context, fetcher


@pytest.fixture(scope="module")
def explorers_running(tls_ca: trustme.CA) -> Iterator[LocalChain]:
    with local_chain(tls_ca) as chain:
        yield chain


@pytest.fixture(scope="module")
def docs_running(tls_ca: trustme.CA) -> Iterator[LocalHttpsServer]:
    with LocalHttpsServer(tls_ca) as server:
        yield server


@dataclass
class World:
    """Everything a Blockcerts verification reaches, on 127.0.0.1."""

    ca: trustme.CA
    chain: LocalChain
    docs: LocalHttpsServer
    cache_dir: Path

    @property
    def ports(self) -> dict[str, int]:
        return {
            "docs": self.docs.port,
            **{name: server.port for name, server in self.chain.servers.items()},
        }

    def fetcher(self, **limits: Any) -> RehostingFetcher:
        return fetcher(self.ca, self.ports, **limits)

    @property
    def resolver_prefix(self) -> str:
        """A universal resolver, answered by the documents server as dev.uniresolver.io."""
        return f"https://docs.kiosk.test:{self.docs.port}/dev.uniresolver.io/1.0/identifiers/"

    def context(
        self,
        *trusted: str,
        online: bool = True,
        explorers: tuple[ExplorerEndpoint, ...] | None = None,
        limits: dict[str, Any] | None = None,
        **options: Any,
    ) -> VerificationContext:
        return blockcerts_context(
            self.fetcher(**(limits or {})) if online else None,
            self.chain.endpoints() if explorers is None else explorers,
            self.cache_dir,
            trusted,
            universal_resolver=self.resolver_prefix,
            **options,
        )


@pytest.fixture
def world(
    tls_ca: trustme.CA,
    explorers_running: LocalChain,
    docs_running: LocalHttpsServer,
    tmp_path: Path,
) -> Iterator[World]:
    explorers_running.reset()
    docs_running.routes.clear()
    docs_running.requests.clear()
    yield World(tls_ca, explorers_running, docs_running, tmp_path / "cache")
