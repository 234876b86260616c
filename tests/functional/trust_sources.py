"""Three trust sources for the trust screen tests: one loaded and fresh (a signed list), one
stale (a registry copy whose list ends in two days), one that could not be checked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from trust_lists import TrustedIssuer, TrustList, TrustRegistry

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def three_sources() -> TrustRegistry:
    fleet = TrustList(
        "Northfield fleet list",
        "Northfield IT",
        {
            "did:key:z6MkfleetA": TrustedIssuer(
                "did:key:z6MkfleetA",
                "Northfield College",
                note="registrar only",
                details=(("legal name", "Northfield College of Arts Ltd"),),
            )
        },
        "https://lists.northfield.example/kiosk-trust.json",
        kind="signed list",
        fetched_at=NOW - timedelta(hours=3),
        valid_until=NOW + timedelta(days=27),
        signed_by="did:key:z6MkPublisher",
    )
    stale = TrustList(
        "DCC Sandbox Registry",
        "updated 2026-03-25",
        {
            "did:key:z6MknNQD": TrustedIssuer(
                "did:key:z6MknNQD",
                "Public Test Issuer",
                note="listed as a test issuer",
                details=(("location", "Everywhere"),),
            )
        },
        "https://digitalcredentials.github.io/sandbox-registry/registry.json",
        kind="DCC registry",
        governance="https://digitalcredentials.github.io/sandbox-registry",
        test_only=True,
        fetched_at=NOW - timedelta(days=12),
        from_cache=True,
        valid_until=NOW + timedelta(days=2),
    )
    down = TrustList(
        "DCC Member Registry",
        "",
        {},
        "https://registry.dcconsortium.org/.well-known/openid-federation",
        kind="OpenID Federation",
        problem="the kiosk is offline and has no saved copy",
    )
    return TrustRegistry((fleet, stale, down))
