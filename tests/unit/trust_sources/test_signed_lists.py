"""Signed lists the tests sign themselves, and OpenID Federation registries served by a local
HTTPS server: tampered, expired, unknown-key and bad-signature cases are refused or not used."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme

from kiosk.net import DocumentCache
from kiosk.trust_sources import Where
from kiosk.trust_sources.load import load_registry, load_source
from kiosk.trust_sources.publish import publish_list
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.suites.signing import did_key_for
from tests.helpers import NOW, make_key
from tests.servers import LocalHttpsServer, make_fetcher
from tests.unit.trust_sources.support import (
    anchor_key,
    jwks_of,
    offline,
    sign_statement,
    write_json,
)
from trust_lists import TrustedIssuer, TrustList, TrustListError, TrustRegistry
from trust_lists.sources import TrustConfig, TrustSourceSpec

MEMBER = "did:web:member.example"
PUBLISHER = make_key("list publisher")


def a_list(valid_for: timedelta = timedelta(days=30), now: Any = NOW) -> dict[str, Any]:
    entries = {
        MEMBER: TrustedIssuer(
            MEMBER,
            "Member College",
            note="enrolment only",
            details=(("legal name", "Member College Ltd"),),
        )
    }
    registry = TrustRegistry((TrustList("Curated", "tests", entries, "tests"),))
    return publish_list(registry, PUBLISHER, now, "Fleet list", valid_for)


def signed_spec(path: Path, pinned: str = did_key_for(PUBLISHER)) -> TrustSourceSpec:
    return TrustSourceSpec("signed-list", str(path), "Fleet list", pinned_key=pinned)


def test_a_signed_list_verified_against_the_pinned_key_is_used(tmp_path: Path) -> None:
    path = write_json(tmp_path / "list.json", a_list())
    (listed,) = load_source(signed_spec(path), offline(), bundled_contexts())
    entry = listed.issuers[MEMBER]
    assert (entry.name, entry.note) == ("Member College", "enrolment only")
    assert ("legal name", "Member College Ltd") in entry.details
    assert listed.signed_by == did_key_for(PUBLISHER) and listed.kind == "signed list"
    assert TrustRegistry((listed,)).resolve(MEMBER, NOW).match is not None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["credentialSubject"][0].update(name="Someone Else"),
        lambda d: d["credentialSubject"].append(
            {"id": "did:web:evil.example", "type": "RecognizedEntity", "name": "Evil"}
        ),
        lambda d: d["credentialSubject"][0].update(id="did:web:evil.example"),
        lambda d: d.update(validUntil="2099-01-01T00:00:00Z"),
    ],
    ids=["renamed", "entry added", "id changed", "end extended"],
)
def test_a_tampered_signed_list_is_refused(tmp_path: Path, tamper: Any) -> None:
    document = a_list()
    tamper(document)
    path = write_json(tmp_path / "list.json", document)
    with pytest.raises(TrustListError, match="signature does not match"):
        load_source(signed_spec(path), offline(), bundled_contexts())


def test_a_list_signed_by_another_key_than_the_pinned_one_is_refused(tmp_path: Path) -> None:
    path = write_json(tmp_path / "list.json", a_list())
    other = did_key_for(make_key("someone else"))
    with pytest.raises(TrustListError, match="not signed by the pinned key"):
        load_source(signed_spec(path, other), offline(), bundled_contexts())


def test_an_expired_signed_list_is_not_used_and_says_when_it_expired(tmp_path: Path) -> None:
    path = write_json(tmp_path / "list.json", a_list(now=NOW - timedelta(days=40)))
    registry = load_registry(
        TrustConfig(sources=(signed_spec(path),)), where=offline(), contexts=bundled_contexts()
    )
    outcome = registry.resolve(MEMBER, NOW)
    assert outcome.match is None
    ((_source, reason),) = outcome.unchecked
    expired_on = (NOW - timedelta(days=10)).strftime("%Y-%m-%d")
    assert reason == f"the list Fleet list expired on {expired_on}"


def test_a_list_whose_sha256_differs_from_the_pin_is_refused(tmp_path: Path) -> None:
    path = write_json(tmp_path / "list.json", a_list())
    spec = TrustSourceSpec(
        "signed-list", str(path), pinned_key=did_key_for(PUBLISHER), sha256="0" * 64
    )
    with pytest.raises(TrustListError, match="sha256"):
        load_source(spec, offline(), bundled_contexts())


# --- OpenID Federation, served by a local HTTPS server -------------------------------------

KID = "test-anchor-1"


def anchor_claims(origin: str, exp: timedelta = timedelta(hours=24)) -> dict[str, Any]:
    now = int(NOW.timestamp())
    return {
        "iss": origin,
        "sub": origin,
        "iat": now,
        "exp": now + int(exp.total_seconds()),
        "jwks": jwks_of(anchor_key(), KID),
        "metadata": {
            "federation_entity": {
                "organization_name": "Test Federation",
                "federation_fetch_endpoint": f"{origin}/fetch",
                "policy_uri": f"{origin}/governance",
            }
        },
    }


def member_claims(origin: str, sub: str, exp: timedelta = timedelta(hours=24)) -> dict[str, Any]:
    now = int(NOW.timestamp())
    return {
        "iss": origin,
        "sub": sub,
        "iat": now,
        "exp": now + int(exp.total_seconds()),
        "metadata": {
            "federation_entity": {
                "organization_name": "Member University",
                "homepage_uri": "https://member.example",
            },
            "institution_additional_information": {"legal_name": "Member University Trustees"},
            "credential_registry_entity": {"ctid": "ce-1234"},
            "ror_entity": {"rorid": "0abcd1234"},
        },
    }


def serve_jwt(server: LocalHttpsServer, path: str, token: str) -> None:
    from tests.servers import Route

    server.route(path, Route(body=token.encode(), content_type="application/entity-statement+jwt"))


def oidf_registry(
    server: LocalHttpsServer,
    tls_ca: trustme.CA,
    tmp_path: Path,
    jwks: dict[str, Any] | None = None,
    cache: DocumentCache | None = None,
    fetch: bool = True,
) -> TrustRegistry:
    pinned = write_json(tmp_path / "anchor.jwks.json", jwks or jwks_of(anchor_key(), KID))
    spec = TrustSourceSpec(
        "oidf",
        f"{server.origin}/.well-known/openid-federation",
        "Test Federation",
        anchor_jwks=str(pinned),
    )
    fetcher = make_fetcher(tls_ca, f"127.0.0.1:{server.port}", clock=lambda: NOW) if fetch else None
    where = Where(fetcher, cache, NOW)
    return load_registry(TrustConfig(sources=(spec,)), where=where, contexts=bundled_contexts())


@pytest.mark.local_servers
def test_an_oidf_member_is_found_with_what_the_registry_says(
    server: LocalHttpsServer, tls_ca: trustme.CA, tmp_path: Path
) -> None:
    serve_jwt(
        server,
        "/.well-known/openid-federation",
        sign_statement(anchor_claims(server.origin), anchor_key(), KID),
    )
    serve_jwt(
        server,
        f"/fetch?sub={MEMBER}",
        sign_statement(member_claims(server.origin, MEMBER), anchor_key(), KID),
    )
    registry = oidf_registry(server, tls_ca, tmp_path)
    outcome = registry.resolve(MEMBER, NOW)
    assert outcome.match is not None, outcome.unchecked
    entry = outcome.match.issuer
    assert entry.name == "Member University"
    assert dict(entry.details) == {
        "legal name": "Member University Trustees",
        "homepage": "https://member.example",
        "Credential Engine CTID": "ce-1234",
        "ROR id": "0abcd1234",
    }
    assert outcome.match.trust_list.governance == f"{server.origin}/governance"


@pytest.mark.local_servers
def test_an_issuer_the_registry_does_not_know_is_not_listed_not_unchecked(
    server: LocalHttpsServer, tls_ca: trustme.CA, tmp_path: Path
) -> None:
    serve_jwt(
        server,
        "/.well-known/openid-federation",
        sign_statement(anchor_claims(server.origin), anchor_key(), KID),
    )
    registry = oidf_registry(server, tls_ca, tmp_path)
    outcome = registry.resolve("did:web:stranger.example", NOW)
    assert outcome.match is None and outcome.unchecked == ()
    assert "/fetch?sub=did:web:stranger.example" in server.paths


@pytest.mark.local_servers
@pytest.mark.parametrize(
    "statement",
    [
        lambda o: sign_statement(member_claims(o, MEMBER), anchor_key("impostor"), KID),
        lambda o: sign_statement(
            member_claims(o, MEMBER, exp=timedelta(hours=-1)), anchor_key(), KID
        ),
        lambda o: sign_statement(member_claims(o, MEMBER), anchor_key(), "unknown-kid"),
        lambda o: sign_statement(member_claims(o, "did:web:other.example"), anchor_key(), KID),
        lambda o: sign_statement(member_claims(o, MEMBER), anchor_key(), KID, typ="JWT"),
    ],
    ids=["bad signature", "past exp", "unknown key", "other subject", "not an entity statement"],
)
def test_a_bad_subordinate_statement_is_refused_and_the_registry_counts_as_unchecked(
    server: LocalHttpsServer, tls_ca: trustme.CA, tmp_path: Path, statement: Any
) -> None:
    serve_jwt(
        server,
        "/.well-known/openid-federation",
        sign_statement(anchor_claims(server.origin), anchor_key(), KID),
    )
    serve_jwt(server, f"/fetch?sub={MEMBER}", statement(server.origin))
    outcome = oidf_registry(server, tls_ca, tmp_path).resolve(MEMBER, NOW)
    assert outcome.match is None
    ((source, reason),) = outcome.unchecked
    assert source.name == "Test Federation" and reason.startswith("Test Federation: the statement")


@pytest.mark.local_servers
def test_an_entity_configuration_signed_by_an_unpinned_key_is_refused(
    server: LocalHttpsServer, tls_ca: trustme.CA, tmp_path: Path
) -> None:
    serve_jwt(
        server,
        "/.well-known/openid-federation",
        sign_statement(anchor_claims(server.origin), anchor_key("rogue"), "rogue-1"),
    )
    registry = oidf_registry(server, tls_ca, tmp_path)
    (source,) = registry.lists
    assert "not a pinned anchor key" in source.problem
    assert registry.resolve(MEMBER, NOW).unchecked[0][0] is source


@pytest.mark.local_servers
def test_an_expired_entity_configuration_is_not_used(
    server: LocalHttpsServer, tls_ca: trustme.CA, tmp_path: Path
) -> None:
    serve_jwt(
        server,
        "/.well-known/openid-federation",
        sign_statement(anchor_claims(server.origin, exp=timedelta(hours=-2)), anchor_key(), KID),
    )
    outcome = oidf_registry(server, tls_ca, tmp_path).resolve(MEMBER, NOW)
    assert outcome.match is None
    assert outcome.unchecked[0][1].startswith("the list Test Federation expired on")
    assert not any(p.startswith("/fetch") for p in server.paths)


@pytest.mark.local_servers
def test_oidf_answers_are_cached_and_used_offline_with_their_date(
    server: LocalHttpsServer, tls_ca: trustme.CA, tmp_path: Path
) -> None:
    serve_jwt(
        server,
        "/.well-known/openid-federation",
        sign_statement(anchor_claims(server.origin), anchor_key(), KID),
    )
    serve_jwt(
        server,
        f"/fetch?sub={MEMBER}",
        sign_statement(member_claims(server.origin, MEMBER), anchor_key(), KID),
    )
    cache = DocumentCache(tmp_path / "cache")
    assert (
        oidf_registry(server, tls_ca, tmp_path, cache=cache).resolve(MEMBER, NOW).match is not None
    )
    server.stop()
    offline_registry = oidf_registry(server, tls_ca, tmp_path, cache=cache, fetch=False)
    (source,) = offline_registry.lists
    assert source.from_cache and not source.problem
    match = offline_registry.resolve(MEMBER, NOW).match
    assert match is not None and ("registry answer", "as of 24 Nov 2026") in match.issuer.details


@pytest.mark.local_servers
def test_kiosk_trust_sync_saves_every_member_statement_for_offline_use(
    server: LocalHttpsServer,
    tls_ca: trustme.CA,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from datetime import UTC, datetime

    from kiosk.cli import main
    from tests.servers import write_ca_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    now = datetime.now(UTC).replace(microsecond=0)
    origin = server.origin
    anchor = {
        **anchor_claims(origin),
        "iat": int(now.timestamp()),
        "exp": int(now.timestamp()) + 86400,
    }
    anchor["metadata"]["federation_entity"]["federation_list_endpoint"] = f"{origin}/list"
    serve_jwt(server, "/.well-known/openid-federation", sign_statement(anchor, anchor_key(), KID))
    members = ["did:web:one.example", "did:web:two.example"]
    server.json("/list", members)
    for member in members:
        claims = {
            **member_claims(origin, member),
            "iat": int(now.timestamp()),
            "exp": int(now.timestamp()) + 86400,
        }
        serve_jwt(server, f"/fetch?sub={member}", sign_statement(claims, anchor_key(), KID))
    jwks = write_json(tmp_path / "anchor.jwks.json", jwks_of(anchor_key(), KID))
    config = tmp_path / "trust.toml"
    config.write_text(
        f'[[source]]\nkind = "oidf"\nname = "Test Federation"\nanchor_jwks = "{jwks}"\n'
        f'location = "{origin}/.well-known/openid-federation"\n'
    )
    network = [
        "--allow-host",
        f"127.0.0.1:{server.port}",
        "--ca-file",
        str(write_ca_file(tls_ca, tmp_path)),
    ]
    assert main(["trust", "sync", "--json", "--trust-config", str(config), *network]) == 0
    (row,) = json.loads(capsys.readouterr().out)["sources"]
    assert (row["members_saved"], row["entries"]) == (2, "2 saved")
    server.stop()
    code = main(
        [
            "trust",
            "show",
            "did:web:two.example",
            "--json",
            "--offline",
            "--trust-config",
            str(config),
        ]
    )
    shown = json.loads(capsys.readouterr().out)
    assert code == 0 and shown["listed_in"]["name"] == "Member University"
