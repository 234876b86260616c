"""The command line around kiosk.toml: every command reads it (exit 64 with the line on a
problem), `kiosk config show|check`, `--version`, the default command, and `scripts/kiosk`
passing every word on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.cli import EXIT_USAGE, _with_default_command, build_parser, main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "kiosk" / "demo"
DEMO_LIST = ROOT / "trust_lists" / "shipped" / "demo.json"


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["verify", str(DEMO / "credentials" / "01-valid.json")],
        ["decode", str(DEMO / "qr" / "01-valid.png")],
        ["sync"],
        ["config", "check"],
        ["config", "show"],
        ["run"],
    ],
)
def test_every_command_stops_on_a_bad_file_with_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = config_file(tmp_path, "[screen]\nbell = true\n\n[scanner]\ncamera = 'front'\n")
    assert main([*command, "--config", str(path)]) == EXIT_USAGE
    error = capsys.readouterr().err
    assert f"{path} line 5: scanner.camera must be a whole number" in error


def test_the_default_file_is_read_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = Path(os.environ["XDG_CONFIG_HOME"]) / "credential-kiosk"
    home.mkdir(parents=True)
    (home / "kiosk.toml").write_text("[history]\nretention = 5\n")
    assert main(["config", "check"]) == EXIT_USAGE
    assert 'unknown key "history.retention"' in capsys.readouterr().err


def test_verify_uses_the_trust_lists_the_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    valid = str(DEMO / "credentials" / "01-valid.json")
    now = ["--now", "2026-11-24T12:00:00Z"]
    named = config_file(tmp_path, f'trust_lists = ["{DEMO_LIST}"]\n')
    assert main(["verify", valid, "--config", str(named), *now]) == 0
    missing = config_file(tmp_path, f'trust_lists = ["{tmp_path / "gone.json"}"]\n')
    assert main(["verify", valid, "--config", str(missing), *now]) == EXIT_USAGE
    assert "gone.json" in capsys.readouterr().err


def test_config_show_says_where_each_value_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_file(tmp_path, "# desk\n[screen]\nreturn_after_seconds = 8\n")
    assert main(["config", "show", "--config", str(path), "--camera", "1"]) == 0
    out = capsys.readouterr().out
    assert f"# Settings file: {path} (found)" in out
    assert "return_after_seconds = 8  # file line 3" in out
    assert "camera = 1  # flag --camera" in out
    assert "bell = true  # default" in out
    assert tomllib.loads(out)["scanner"]["camera"] == 1


def test_options_are_checked_like_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "show", "--return-after", "-1"]) == EXIT_USAGE
    assert "--return-after must be a number of seconds from 0 to 600" in capsys.readouterr().err


def test_version_matches_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"kiosk {__version__}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == __version__


def test_options_alone_mean_run() -> None:
    assert _with_default_command([]) == ["run"]
    assert _with_default_command(["--camera", "0"]) == ["run", "--camera", "0"]
    assert _with_default_command(["sync", "--json"]) == ["sync", "--json"]
    args = build_parser().parse_args(_with_default_command(["--config", "/k.toml"]))
    assert (args.command, args.config) == ("run", Path("/k.toml"))


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    "words",
    [["sync", "--help"], ["--version"], ["--camera", "0"], [], ["config", "show"], ["verify", "-"]],
)
def test_scripts_kiosk_passes_every_word_on(tmp_path: Path, words: list[str]) -> None:
    """scripts/kiosk with its setup replaced by one that points at a `kiosk` echoing its words."""
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    shutil.copy(ROOT / "scripts" / "kiosk", scripts / "kiosk")
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "kiosk").write_text('#!/usr/bin/env bash\nfor w in "$@"; do echo "$w"; done\n')
    (venv_bin / "kiosk").chmod(0o755)
    (scripts / "_setup.sh").write_text(f'VENV="{tmp_path / "venv"}"\n')
    done = subprocess.run(
        ["bash", str(scripts / "kiosk"), *words], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == words


def test_reading_the_settings_file_loads_nothing_heavy() -> None:
    """kiosk.toml is read by every command, `kiosk verify` included: stdlib and the dataclass."""
    code = (
        "import sys, kiosk.config; "
        "heavy = {'cryptography', 'httpx', 'pyld', 'numpy', 'cv2', 'textual', 'rich', "
        "'trust_lists'}; "
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & heavy)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""
