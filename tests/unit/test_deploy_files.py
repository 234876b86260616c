"""The files under deploy/ (autostart units, udev rule, terminal config, install script):
checked with the tools a reception PC would use, where they are installed here."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("credential-kiosk*"))
APP = "/opt/credential-kiosk"
KIOSK = f"{APP}/.venv/bin/kiosk"


def exec_start(unit: Path) -> list[str]:
    (line,) = [line for line in unit.read_text().splitlines() if line.startswith("ExecStart=")]
    return shlex.split(line.removeprefix("ExecStart="))


def kiosk_words(words: list[str]) -> list[str]:
    """The `kiosk …` part of a command line (after cage and foot, for the main unit)."""
    return words[words.index(KIOSK) + 1 :]


def installed_as(source: str) -> str:
    """Where deploy/install.sh puts a file of deploy/ (read from the script itself)."""
    script = (DEPLOY / "install.sh").read_text()
    match = re.search(rf'deploy/{re.escape(source)}" "\$ETC/([^"]+)"', script)
    assert match is not None, f"install.sh installs deploy/{source}"
    return f"/etc/credential-kiosk/{match.group(1)}"


def test_units_exist() -> None:
    names = {unit.name for unit in UNITS}
    assert names == {
        "credential-kiosk.service",
        "credential-kiosk-sync.service",
        "credential-kiosk-sync.timer",
    }


@pytest.mark.parametrize(
    "unit", [u for u in UNITS if u.suffix == ".service"], ids=lambda unit: unit.name
)
def test_exec_start_names_a_real_kiosk_command(unit: Path) -> None:
    words = exec_start(unit)
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert Path(KIOSK).name in scripts, "the unit runs the console script pyproject declares"
    args = build_parser().parse_args(kiosk_words(words))
    assert args.command in ("run", "sync")
    assert str(args.config) == installed_as("kiosk.toml")
    assert Path(ROOT / "deploy" / "kiosk.toml").is_file()


def test_the_kiosk_runs_full_screen_in_cage_and_foot_and_restarts() -> None:
    unit = DEPLOY / "systemd" / "credential-kiosk.service"
    words = exec_start(unit)
    assert words[0] == "/usr/bin/cage" and "-s" not in words[: words.index("--")], (
        "no VT switching: nobody reaches another console"
    )
    foot = words[words.index("--") + 1 :]
    assert foot[0] == "/usr/bin/foot"
    assert foot[1] == f"--config={installed_as('foot.ini')}"
    text = unit.read_text()
    assert "Restart=always" in text, "quitting the kiosk brings it back, never a shell"
    assert "User=kiosk" in text and "Conflicts=getty@tty1.service" in text


def systemd_analyze() -> str:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed")
    return tool


def test_systemd_analyze_verify_accepts_the_units(tmp_path: Path) -> None:
    tool = systemd_analyze()
    kiosk = Path(sys.executable).with_name("kiosk")
    assert kiosk.is_file()
    checked = []
    for unit in UNITS:
        text = unit.read_text().replace(KIOSK, str(kiosk))
        if unit.name == "credential-kiosk.service" and not (
            Path("/usr/bin/cage").is_file() and Path("/usr/bin/foot").is_file()
        ):
            continue  # cage and foot are not installed here
        (tmp_path / unit.name).write_text(text)
        checked.append(unit.name)
    done = subprocess.run(
        [tool, "verify", *checked], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "credential-kiosk-sync.service" in checked


def test_foot_accepts_its_config() -> None:
    foot = shutil.which("foot")
    if foot is None:
        pytest.skip("foot is not installed")
    done = subprocess.run(
        [foot, "--check-config", f"--config={DEPLOY / 'foot.ini'}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_foot_uses_a_font_with_every_character_the_kiosk_draws() -> None:
    font = re.search(r"^font=([^:\n]+)", (DEPLOY / "foot.ini").read_text(), re.M)
    assert font is not None
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig is not installed")
    needed = "▀▄█✔✘●○\N{EN DASH}—…⏎↓━┃┏┓┗┛▁▂▃▅▆▇"
    missing = [
        char
        for char in needed
        if not subprocess.run(
            ["fc-list", f"{font.group(1)}:charset={ord(char):x}", "family"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
    ]
    if not subprocess.run(["fc-list", font.group(1)], capture_output=True, text=True).stdout:
        pytest.skip(f"{font.group(1)} is not installed")
    assert missing == []


def test_the_udev_rule_is_well_formed() -> None:
    rule = DEPLOY / "udev" / "70-credential-kiosk.rules"
    pair = re.compile(r'^[A-Z_]+(\{[A-Za-z_]+\})?(==|!=|=|\+=)"[^"]*"$')
    lines = [line for line in rule.read_text().splitlines() if line and not line.startswith("#")]
    assert lines
    for line in lines:
        for item in line.split(", "):
            assert pair.match(item), item
    assert 'ENV{ID_MM_DEVICE_IGNORE}="1"' in lines[0], "ModemManager leaves scanners alone"


@pytest.mark.parametrize(
    "script", ["deploy/install.sh", "scripts/kiosk", "scripts/_setup.sh", "scripts/test"]
)
def test_shell_scripts_pass_shellcheck(script: str) -> None:
    tool = shutil.which("shellcheck")
    if tool is None:
        pytest.skip("shellcheck is not installed")
    done = subprocess.run(
        [tool, "-x", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout


def test_install_stages_every_file_where_the_units_expect_it(tmp_path: Path) -> None:
    stage = tmp_path / "root"
    done = subprocess.run(
        ["bash", str(DEPLOY / "install.sh"), "--stage", str(stage)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for unit in UNITS:
        assert (stage / "etc/systemd/system" / unit.name).read_text() == unit.read_text()
    assert (stage / installed_as("kiosk.toml").lstrip("/")).is_file()
    assert (stage / installed_as("foot.ini").lstrip("/")).is_file()
    assert (stage / "etc/udev/rules.d/70-credential-kiosk.rules").is_file()
    assert (stage / "etc/systemd/logind.conf.d/credential-kiosk.conf").is_file()
    assert (stage / APP.lstrip("/") / "pyproject.toml").is_file()
    assert not (stage / APP.lstrip("/") / ".venv").exists(), "the venv is built on the kiosk"
