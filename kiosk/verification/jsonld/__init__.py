"""JSON-LD for verification: a loader limited to bundled, hash-pinned contexts, and
canonicalization (RDFC-1.0 / URDNA2015) in safe mode."""

from kiosk.verification.jsonld.canonicalize import Canonicalizer, canonicalize, expand_safely
from kiosk.verification.jsonld.loader import BundledContexts, bundled_contexts

__all__ = ["BundledContexts", "Canonicalizer", "bundled_contexts", "canonicalize", "expand_safely"]
