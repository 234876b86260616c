"""`kiosk trust …` on the command line: tables, --json, exit codes, the config file it writes."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.unit.trust_sources.support import TRUST_FIXTURES

SANDBOX = TRUST_FIXTURES / "dcc-sandbox-registry.json"
PUBLIC_TEST_ISSUER = "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path / "trust.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_show_remove_round_trip(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "trust",
        "add",
        "did:web:college.example",
        "Example College",
        "--note",
        "test issuer",
        "--trust-config",
        str(config),
    )
    assert code == 0 and "Added did:web:college.example as Example College" in out
    code, out, _ = run(capsys, "trust", "list", "--trust-config", str(config))
    header, row = out.splitlines()[:2]
    assert header.split() == ["Source", "Issuer", "id", "Trusted", "name", "Note"]
    assert row.split()[:3] == ["Local", "entries", "did:web:college.example"]
    code, out, _ = run(
        capsys, "trust", "show", "did:web:college.example", "--json", "--trust-config", str(config)
    )
    shown = json.loads(out)
    assert (
        code == 0
        and shown["listed_in"]["name"] == "Example College"
        and shown["listed_in"]["note"] == "test issuer"
    )
    assert (
        run(capsys, "trust", "remove", "did:web:college.example", "--trust-config", str(config))[0]
        == 0
    )
    assert (
        run(capsys, "trust", "show", "did:web:college.example", "--trust-config", str(config))[0]
        == 1
    )
    assert (
        run(capsys, "trust", "remove", "did:web:college.example", "--trust-config", str(config))[0]
        == 1
    )


def test_add_refuses_an_id_that_is_not_a_did_or_https_url(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(capsys, "trust", "add", "Example College", "Example", "--trust-config", str(config))[0]
        == 64
    )


def test_import_writes_the_source_and_check_prints_its_state(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "trust",
        "import",
        str(SANDBOX),
        "--kind",
        "dcc-legacy",
        "--name",
        "DCC Sandbox Registry",
        "--test-only",
        "--trust-config",
        str(config),
    )
    assert code == 0 and "39 entries" in out
    written = tomllib.loads(config.read_text())
    assert written["source"] == [
        {
            "kind": "dcc-legacy",
            "location": str(SANDBOX),
            "name": "DCC Sandbox Registry",
            "test_only": True,
        }
    ]
    code, out, _ = run(capsys, "trust", "check", "--json", "--trust-config", str(config))
    (state,) = json.loads(out)["sources"]
    assert code == 0
    assert (state["state"], state["kind"], state["entries"]) == (
        "loaded",
        "DCC registry (test only)",
        "39",
    )
    code, out, _ = run(capsys, "trust", "show", PUBLIC_TEST_ISSUER, "--trust-config", str(config))
    assert code == 0 and "listed in DCC Sandbox Registry" in out and "location: Everywhere" in out


def test_an_invalid_registry_is_not_imported(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys,
        "trust",
        "import",
        str(TRUST_FIXTURES / "dcc-pilot-registry.invalid.json"),
        "--kind",
        "dcc-legacy",
        "--trust-config",
        str(config),
    )
    assert code == 1 and "is not valid JSON (line 62, column 1" in err
    assert not config.exists()


def test_check_exits_1_and_names_the_reason_when_a_source_cannot_be_loaded(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text(
        '[[source]]\nkind = "dcc-legacy"\nname = "Remote"\n'
        'location = "https://registry.example/registry.json"\n'
        f'[[source]]\nkind = "dcc-legacy"\nlocation = "{SANDBOX}"\nname = "Sandbox"\n'
    )
    code, out, _ = run(capsys, "trust", "check", "--offline", "--trust-config", str(config))
    assert code == 1
    assert "Remote: the kiosk is offline and has no saved copy" in out
    lines = [line.split()[:2] for line in out.splitlines()[1:3]]
    assert lines == [["Remote", "DCC"], ["Sandbox", "DCC"]]


def test_verify_with_a_trust_config_names_the_unchecked_registries(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers import signed_ob3

    config.write_text(
        '[[source]]\nkind = "dcc-legacy"\nname = "Remote"\n'
        'location = "https://registry.example/registry.json"\n'
        f'[[source]]\nkind = "dcc-legacy"\nlocation = "{SANDBOX}"\nname = "Sandbox"\n'
    )
    credential = tmp_path / "c.json"
    credential.write_text(json.dumps(signed_ob3()))
    code, out, _ = run(
        capsys,
        "verify",
        str(credential),
        "--json",
        "--offline",
        "--trust-config",
        str(config),
        "--now",
        "2026-11-24T12:00:00Z",
    )
    report = json.loads(out)
    trust = next(c for c in report["checks"] if c["id"] == "trust")
    assert (code, report["verdict"]) == (2, "CHECK MANUALLY")
    assert (
        trust["reason"]
        == "Not done: 1 of 2 registries could not be checked, and the issuer is in none of "
        "the others."
    )


def test_a_bad_trust_config_is_a_usage_error(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text('[[source]]\nkind = "magic"\nlocation = "x"\n')
    code, _out, err = run(capsys, "trust", "check", "--trust-config", str(config))
    assert code == 64 and "kind must be one of" in err


def test_publish_refuses_a_key_that_is_not_ed25519(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    key = tmp_path / "p256.pem"
    key.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
        )
    )
    run(capsys, "trust", "add", "did:web:a.example", "A", "--trust-config", str(config))
    code, _out, err = run(
        capsys,
        "trust",
        "publish",
        "--key",
        str(key),
        "--out",
        str(tmp_path / "o.json"),
        "--trust-config",
        str(config),
    )
    assert code == 64 and "is not an Ed25519 key" in err


def test_registry_text_is_printed_as_plain_text(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "hostile.json"
    name = "Evil\x1b[31m Uni\u202e versity\x07"
    hostile.write_text(
        json.dumps(
            {"registry": {"did:web:evil.example": {"name": name, "location": "\x1b]0;title\x07X"}}}
        )
    )
    config.write_text(
        f'[[source]]\nkind = "dcc-legacy"\nlocation = "{hostile}"\nname = "H\\u001b[2J"\n'
    )
    code, out, _ = run(
        capsys, "trust", "show", "did:web:evil.example", "--trust-config", str(config)
    )
    assert code == 0 and "trusted name: Evil[31m Uni versity" in out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    code, out, _ = run(
        capsys, "trust", "show", "did:web:evil.example", "--json", "--trust-config", str(config)
    )
    assert json.loads(out)["listed_in"]["name"] == "Evil[31m Uni versity"
    assert "\\u001b" not in out and "\\u202e" not in out
    code, out, _ = run(capsys, "trust", "list", "--json", "--trust-config", str(config))
    assert "\x1b" not in out and "\\u001b" not in out
