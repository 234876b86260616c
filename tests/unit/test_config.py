"""kiosk.toml: reading (line and reason for every problem), flags on top with their source,
the documented keys and example, and the settings screen's in-place writer."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.app.screens.settings import SCREEN_FIELDS
from kiosk.config import (
    CONFIG_KEYS,
    ConfigError,
    Flag,
    describe,
    effective_settings,
    read_config_file,
)
from kiosk.config.keys import NOT_IN_FILE
from kiosk.config.writer import write_settings
from kiosk.settings import KioskSettings

ROOT = Path(__file__).resolve().parents[2]
CONFIG_DOC = ROOT / "docs" / "config.md"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    return path


def example_from_docs() -> str:
    match = re.search(r"## Example.*?```toml\n(.*?)```", CONFIG_DOC.read_text("utf-8"), re.S)
    assert match is not None, "docs/config.md has a toml example"
    return match.group(1)


def test_the_documented_example_parses_and_sets_what_it_says(tmp_path: Path) -> None:
    loaded = read_config_file(write(tmp_path, example_from_docs()))
    assert loaded.values["trust_list_paths"] == (Path("/etc/credential-kiosk/trust/college.json"),)
    assert loaded.values["camera_index"] == 0
    assert loaded.values["max_cache_age"] == timedelta(days=30)
    assert loaded.lines["camera_index"] == 6


def test_the_shipped_deploy_file_is_the_documented_example() -> None:
    assert (ROOT / "deploy" / "kiosk.toml").read_text("utf-8") == example_from_docs()


def test_every_settings_field_has_a_documented_key_or_a_reason() -> None:
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", CONFIG_DOC.read_text("utf-8"), re.M))
    assert documented == set(CONFIG_KEYS)
    fields = {field.name for field in dataclasses.fields(KioskSettings)}
    covered = {key.field for key in CONFIG_KEYS.values()} | set(NOT_IN_FILE)
    assert fields == covered


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("[scaner]\ncamera = 1\n", 1, 'unknown table "[scaner]" (did you mean "scanner"?)'),
        ("[screen]\nbell = true\nbel = true\n", 3, 'unknown key "screen.bel"'),
        ("camera = 1\n", 1, 'unknown key "camera"'),
        ("# x\n\n[scanner]\ncamera = -1\n", 4, "scanner.camera must be a whole number from 0"),
        ('[scanner]\ncamera = "0"\n', 2, "must be a whole number"),
        ("[screen]\nbell = 1\n", 2, "screen.bell must be true or false"),
        ("[screen]\nreturn_after_seconds = 601\n", 2, "from 0 to 600"),
        ('trust_lists = "/a.json"\n', 1, "trust_lists must be a list of file paths"),
        ('trust_lists = ["/a.json", 3]\n', 1, "trust_lists item 2 must be a file or folder"),
        ('[network]\nuniversal_resolver = "http://r.example/"\n', 2, "must be an https URL"),
        ('[network]\nexplorers = ["esplora btc"]\n', 2, "item 1 must read"),
        ('[scanner]\nserial = "COM3"\n', 2, 'must be "auto", "off" or a device path'),
        ('[network]\nallowed_hosts = ["https://x.example/"]\n', 2, "item 1 must be a host"),
        ('[network]\nallowed_hosts = [""]\n', 2, "item 1 must be a host"),
        ('[verification]\nchallenge = "a\\u0007b"\n', 2, "must be printable text"),
        ('[screen]\nlocale = "english (UK)"\n', 2, "must be a language tag"),
        ("[verification]\nrequire_holder_binding = 1\n", 2, "must be true or false"),
        ("[screen]\nbell = tru\n", 2, "not valid TOML"),
        ("[screen]\n[screen]\n", 2, "not valid TOML"),
    ],
)
def test_problems_name_the_line_and_the_reason(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path} line {line}: ")


def test_a_file_that_is_not_text_or_absent_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        read_config_file(tmp_path / "missing.toml")
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"\xff\xfe[screen]")
    with pytest.raises(ConfigError, match="not UTF-8"):
        read_config_file(path)


def test_defaults_then_file_then_flags_with_their_sources(tmp_path: Path) -> None:
    path = write(tmp_path, "[screen]\nbell = false\n\n[scanner]\ncamera = 2\nserial = 'off'\n")
    effective = effective_settings(path, {"camera_index": Flag("--camera", 0)})
    assert effective.settings.bell is False
    assert effective.settings.camera_index == 0
    assert effective.settings.serial_device == "off"
    assert effective.settings.config_file == path
    assert effective.sources["bell"] == "file line 2"
    assert effective.sources["camera_index"] == "flag --camera"
    assert effective.sources["serial_device"] == "file line 6"
    assert effective.sources["preview"] == "default"


def test_the_default_file_may_be_absent_but_a_named_one_may_not(tmp_path: Path) -> None:
    effective = effective_settings()
    assert not effective.file_found
    assert effective.settings == KioskSettings(config_file=effective.config_path)
    with pytest.raises(ConfigError, match="does not exist"):
        effective_settings(tmp_path / "nope.toml")


def test_show_prints_a_valid_file_with_sources(tmp_path: Path) -> None:
    path = write(tmp_path, "[history]\nretention_days = 7\n")
    effective = effective_settings(path, {"offline": Flag("--offline", True)})
    lines = describe(effective)
    assert "retention_days = 7  # file line 2" in lines
    assert "offline = true  # flag --offline" in lines
    assert "bell = true  # default" in lines
    reread = tomllib.loads("\n".join(lines))
    assert reread["history"]["retention_days"] == 7
    assert len(reread["network"]["explorers"]) == len(KioskSettings().blockchain_explorers)


# ----- the settings screen's writer -----


def test_writing_keeps_comments_other_keys_and_order(tmp_path: Path) -> None:
    original = (
        "# Front desk\n"
        'trust_lists = ["/etc/ck/college.json"]  # our list\n\n'
        "[screen]\n"
        "bell = false  # quiet lobby\n"
        "return_after_seconds = 12\n\n"
        "[network]\noffline = true\n"
    )
    path = write(tmp_path, original)
    settings = dataclasses.replace(
        read_settings(path), return_after_seconds=20.5, history_retention_days=7, challenge="c1"
    )
    write_settings(path, settings, SCREEN_FIELDS)
    text = path.read_text()
    assert text.startswith('# Front desk\ntrust_lists = ["/etc/ck/college.json"]  # our list\n')
    assert "bell = false  # quiet lobby" in text, "an unchanged value keeps its line and comment"
    assert "return_after_seconds = 20.5\n" in text
    assert "[history]\nretention_days = 7" in text
    assert '[verification]\nchallenge = "c1"' in text
    again = read_settings(path)
    assert again.offline is True
    assert (again.return_after_seconds, again.history_retention_days) == (20.5, 7)


def read_settings(path: Path) -> KioskSettings:
    return effective_settings(path).settings


def test_a_cleared_value_is_removed_and_a_new_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "kiosk.toml"
    write_settings(path, KioskSettings(challenge="x", domain="d.example"), SCREEN_FIELDS)
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_settings(path).challenge == "x"
    write_settings(path, KioskSettings(challenge=None), SCREEN_FIELDS)
    assert "challenge" not in path.read_text()
    assert read_settings(path).domain is None


def test_a_broken_file_is_not_overwritten(tmp_path: Path) -> None:
    path = write(tmp_path, "[screen]\nbel = true\n")
    with pytest.raises(ConfigError, match="line 2"):
        write_settings(path, KioskSettings(), SCREEN_FIELDS)
    assert path.read_text() == "[screen]\nbel = true\n"


ugly_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40
)


@settings(max_examples=60, deadline=None)
@given(
    seconds=st.floats(0, 600, allow_nan=False),
    days=st.integers(0, 3650),
    bell=st.booleans(),
    challenge=ugly_text,
    domain=ugly_text,
    inline_layout=st.booleans(),
)
def test_what_is_written_reads_back(
    tmp_path_factory: pytest.TempPathFactory,
    seconds: float,
    days: int,
    bell: bool,
    challenge: str,
    domain: str,
    inline_layout: bool,
) -> None:
    path = tmp_path_factory.mktemp("w") / "kiosk.toml"
    if inline_layout:  # keys already present, spaced and quoted differently
        path.write_text('[ screen ]\n"bell"=true\n[verification]\n  challenge =  "old" # c\n')
    wanted = KioskSettings(
        return_after_seconds=seconds,
        history_retention_days=days,
        bell=bell,
        challenge=challenge.strip() or None,
        domain=domain.strip() or None,
    )
    printable = all(ch.isprintable() for ch in challenge.strip() + domain.strip())
    if not printable:
        with pytest.raises(ConfigError):
            write_settings(path, wanted, SCREEN_FIELDS)
        return
    write_settings(path, wanted, SCREEN_FIELDS)
    got = read_settings(path)
    for name in SCREEN_FIELDS:
        assert getattr(got, name) == getattr(wanted, name), name
