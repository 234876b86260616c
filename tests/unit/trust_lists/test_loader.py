"""Trust-list files: the shipped demo list, and refusals with reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trust_lists import TrustListError, TrustRegistry, load_trust_list, shipped_trust_list_paths


def test_shipped_demo_list_loads_and_trusts_the_demo_issuer() -> None:
    paths = shipped_trust_list_paths()
    assert [p.name for p in paths] == ["demo.json"]
    trust_list = load_trust_list(paths[0])
    demo = json.loads(
        (Path(__file__).parents[3] / "kiosk/demo/credentials/01-valid.json").read_text()
    )
    match = TrustRegistry((trust_list,)).find(demo["issuer"]["id"])
    assert match is not None and match.issuer.name == "Northfield College (demo issuer)"


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "list.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ({"format": "other"}, "not a trust list"),
        ({"format": "credential-kiosk-trust-list/1"}, "no issuers"),
        ({"format": "credential-kiosk-trust-list/1", "issuers": [{"id": "did:x"}]}, "needs an id"),
        (
            {
                "format": "credential-kiosk-trust-list/1",
                "issuers": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}],
            },
            "twice",
        ),
        (
            {
                "format": "credential-kiosk-trust-list/1",
                "issuers": [{"id": "a", "name": "A", "valid_until": "2026-01-01"}],
            },
            "time zone",
        ),
    ],
)
def test_bad_lists_are_refused_with_a_reason(tmp_path: Path, content: object, reason: str) -> None:
    with pytest.raises(TrustListError) as caught:
        load_trust_list(write(tmp_path, content))
    assert reason in caught.value.reason


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrustListError):
        load_trust_list(tmp_path / "absent.json")
