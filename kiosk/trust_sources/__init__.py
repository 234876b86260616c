"""Trust sources the kiosk loads: files and list URLs, signed lists, DCC registries, OpenID
Federation registries and EBSI snapshots, in the operator's order.

    registry = load_registry(config, where=Where(fetcher, cache, now), contexts=contexts)

This package may import the verification core (signed lists are verified by the kiosk's own
pipeline; OIDF and EBSI tokens with its JWS code); `trust_lists` holds the data model and the
parsers and imports nothing of the kiosk, so the core can depend on it without a cycle
(import contracts in pyproject.toml). A source that cannot be loaded is kept in the registry
with its reason, so the trust check can say "2 of 5 registries could not be checked".
"""

from kiosk.trust_sources.documents import Obtained, SourceGone, Where, obtain
from kiosk.trust_sources.load import load_registry, load_source

__all__ = ["Obtained", "SourceGone", "Where", "load_registry", "load_source", "obtain"]
