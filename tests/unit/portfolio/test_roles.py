"""Role profiles: the documented TOML format, its refusals, and the shipped examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.portfolio.roles import RoleError, available_roles, load_role, parse_role

ROLES = Path(__file__).resolve().parents[3] / "roles"


def test_shipped_example_roles_load() -> None:
    roles = [load_role(p) for p in available_roles(ROLES)]
    assert {r.name for r in roles} == {"Commis Chef", "IT Support Technician"}
    for role in roles:
        for requirement in role.requirements:
            if requirement.alignment_url:
                assert requirement.alignment_url.startswith("http://data.europa.eu/esco/skill/")


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ({}, "needs a name"),
        ({"name": "X"}, "at least one"),
        ({"name": "X", "requirement": [{"alignment_url": "u"}]}, "needs a label"),
        ({"name": "X", "requirement": [{"label": "a"}]}, "exactly one"),
        (
            {
                "name": "X",
                "requirement": [{"label": "a", "alignment_url": "u", "achievement_id": "i"}],
            },
            "exactly one",
        ),
        (
            {"name": "X", "requirement": [{"label": "a", "alignment_code": "5"}]},
            "needs alignment_framework",
        ),
        (
            {"name": "X", "requirement": [{"label": "a", "achievement_type": "Badge"}]},
            "needs name_contains",
        ),
        ({"name": "X", "requirement": [{"label": "a", "alignment_url": 5}]}, "must be text"),
        ({"name": "X", "requirement": [{"label": "a", "url": "u"}]}, "unknown keys"),
    ],
)
def test_malformed_roles_are_refused_with_a_reason(table: dict[str, object], words: str) -> None:
    with pytest.raises(RoleError, match=words):
        parse_role(table)


def test_unreadable_and_non_toml_files(tmp_path: Path) -> None:
    with pytest.raises(RoleError, match="cannot be read"):
        load_role(tmp_path / "absent.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("name = ")
    with pytest.raises(RoleError, match="not valid TOML"):
        load_role(bad)


def test_roles_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "credential-kiosk" / "roles"
    folder.mkdir(parents=True)
    (folder / "a.toml").write_text(
        'name = "A"\n[[requirement]]\nlabel = "x"\nachievement_id = "i"\n'
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert [p.name for p in available_roles()] == ["a.toml"]
