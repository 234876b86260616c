"""The fleet set-up end to end through the command line (docs/fleet.md):

kiosk A curates (`kiosk trust add`) and publishes a signed list (`kiosk trust publish`); the file
is hosted on a local HTTPS server; kiosk B subscribes by URL with A's key pinned (`kiosk trust
import`), syncs (`kiosk sync`, `kiosk trust sync`), goes offline (the server is stopped) and
verifies a credential from the curated issuer: VERIFIED, with the list named.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import trustme
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from kiosk.cli import main
from kiosk.verification.suites.signing import did_key_for
from tests.helpers import make_key, signed_ob3
from tests.servers import LocalHttpsServer, Route, write_ca_file

ISSUER_KEY = make_key("fleet issuer")
PUBLISHER_KEY = make_key("fleet publisher")


@pytest.mark.local_servers
def test_publish_host_subscribe_sync_offline_verify(
    tls_ca: trustme.CA,
    server: LocalHttpsServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-b"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-default-config"))
    config_a, config_b = tmp_path / "a" / "trust.toml", tmp_path / "b" / "trust.toml"
    key_file = tmp_path / "publisher.pem"
    key_file.write_bytes(
        PUBLISHER_KEY.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    )
    issuer = did_key_for(ISSUER_KEY)

    # Kiosk A: curate, publish.
    assert (
        main(
            [
                "trust",
                "add",
                issuer,
                "Northfield College",
                "--note",
                "registrar",
                "--trust-config",
                str(config_a),
            ]
        )
        == 0
    )
    published = tmp_path / "kiosk-trust.json"
    assert (
        main(
            [
                "trust",
                "publish",
                "--key",
                str(key_file),
                "--out",
                str(published),
                "--name",
                "Northfield fleet list",
                "--trust-config",
                str(config_a),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"Kiosks pin this key: {did_key_for(PUBLISHER_KEY)}" in out

    # Host it.
    server.route("/kiosk-trust.json", Route(body=published.read_bytes()))
    url = f"{server.origin}/kiosk-trust.json"
    network = [
        "--allow-host",
        f"127.0.0.1:{server.port}",
        "--ca-file",
        str(write_ca_file(tls_ca, tmp_path)),
    ]

    # Kiosk B: subscribe with the key pinned, sync.
    code = main(
        [
            "trust",
            "import",
            url,
            "--kind",
            "signed-list",
            "--pinned-key",
            did_key_for(PUBLISHER_KEY),
            "--name",
            "Northfield fleet list",
            "--trust-config",
            str(config_b),
            *network,
        ]
    )
    assert code == 0, capsys.readouterr()
    assert "Imported Northfield fleet list (signed-list, 1 entries)" in capsys.readouterr().out
    assert main(["sync", "--trust-config", str(config_b), *network]) == 0
    assert "Northfield College" in capsys.readouterr().out  # the list's issuer, synced
    assert main(["trust", "sync", "--json", "--trust-config", str(config_b), *network]) == 0
    (state,) = json.loads(capsys.readouterr().out)["sources"]
    assert (state["state"], state["signed_by"], state["entries"]) == (
        "loaded",
        did_key_for(PUBLISHER_KEY),
        "1",
    )
    assert server.paths.count("/kiosk-trust.json") >= 3

    # Offline: the server is gone; the cached, signed copy is used.
    server.stop()
    credential = tmp_path / "credential.json"
    credential.write_text(json.dumps(signed_ob3(ISSUER_KEY)))
    code = main(["verify", str(credential), "--json", "--offline", "--trust-config", str(config_b)])
    report = json.loads(capsys.readouterr().out)
    assert (code, report["verdict"]) == (0, "VERIFIED"), report
    trust = next(c for c in report["checks"] if c["id"] == "trust")
    assert trust["reason"] == "Listed in Northfield fleet list."
    assert "registrar" in trust["details"]
    assert any(line.startswith("copy of Northfield fleet list as of ") for line in trust["details"])
    assert report["issuer"] == {"value": "Northfield College", "source": "trust list"}
