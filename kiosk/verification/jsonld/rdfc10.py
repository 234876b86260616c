"""RDFC-1.0 (URDNA2015) with a chosen hash and a work limit against poison graphs.

pyld's `URDNA2015` does the algorithm; this subclass picks the hash (vc-di-ecdsa runs RDFC-1.0
with SHA-384 for P-384 keys) and meters Hash N-Degree Quads, the only step whose cost can
explode: a clique of blank nodes needs every permutation of its members (W3C rdf-canon
`test074`). Over the limit the credential is refused as too complex, never left to run for hours.

The meter: each call costs (1 + the quads mentioning its blank node) times (blank nodes in the
dataset). Within a call, every permutation of a group of equal-hash nodes recurses at least
once (so it is paid for by the call it makes), every other group is one pass, and each pass
copies an identifier issuer no larger than the number of blank nodes: the units bound the work.
The W3C "computable" poison graphs (`test044` to `test046`) use 39 312 units; a clique of any size
is stopped after a fraction of a second; credentials seen in practice use none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pyld.canon import URDNA2015

from kiosk.verification.errors import JsonLdProcessingError

MAX_DEEP_HASH_WORK = 200_000
"""Work units allowed per canonicalization (about 0.2 s on the reference machine)."""

_HASHES: dict[str, Callable[[], Any]] = {"sha256": hashlib.sha256, "sha384": hashlib.sha384}
_NQUADS = {"format": "application/n-quads"}


class CanonicalizationTooComplexError(JsonLdProcessingError):
    """The data needs more canonicalization work than the limit allows (a poison graph)."""

    code = "too-complex"

    def __init__(self, limit: int) -> None:
        super().__init__(
            "The credential is too complex to canonicalize: its unnamed (blank) nodes need "
            f"more than {limit} units of hashing work (a possible denial-of-service input)."
        )
        self.limit = limit


@dataclass(frozen=True, slots=True)
class CanonicalDataset:
    """Canonical N-Quads and the identifiers issued: input blank-node label → canonical label."""

    nquads: str
    issued: dict[str, str]


class Rdfc10(URDNA2015):  # type: ignore[misc]
    """One RDFC-1.0 run (instances keep state: make one per dataset)."""

    def __init__(self, hash_name: str = "sha256", max_work: int = MAX_DEEP_HASH_WORK) -> None:
        super().__init__()
        factory = _HASHES.get(hash_name)
        if factory is None:
            raise ValueError(f"unsupported RDFC-1.0 hash: {hash_name}")
        self._hash_factory = factory
        self.max_work = max_work
        self.work = 0

    def create_hash(self) -> Any:
        return self._hash_factory()

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> Any:
        quads = len(self.blank_node_info[id_]["quads"])
        self.work += (1 + quads) * len(self.blank_node_info)
        if self.work > self.max_work:
            raise CanonicalizationTooComplexError(self.max_work)
        return super().hash_n_degree_quads(id_, issuer)


def canonicalize_dataset(
    dataset: dict[str, list[Any]], hash_name: str = "sha256", max_work: int = MAX_DEEP_HASH_WORK
) -> CanonicalDataset:
    """Canonicalize a pyld RDF dataset (from `to_rdf` or `parse_nquads`; it is consumed).

    Raises:
        CanonicalizationTooComplexError: over the work limit.
    """
    algorithm = Rdfc10(hash_name, max_work)
    nquads: str = algorithm.main(dataset, _NQUADS)
    issued = {
        old.removeprefix("_:"): new.removeprefix("_:")
        for old, new in algorithm.canonical_issuer.existing.items()
    }
    return CanonicalDataset(nquads, issued)
