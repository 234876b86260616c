"""Whole-process figures: `kiosk verify` against Node running Digital Bazaar's verifier, and the
kiosk's cold start to the scanning screen, each interleaved with its baseline in one run.

    .venv/bin/python bench/bench_startup.py [--rounds 10]

1. verify: `python -m kiosk verify FILE --offline --trust-list LIST` (VERIFIED, exit 0) against
   `node bench/peers/verify_bench.mjs --n=1 --warmup=0 --runs=1 FILE` (the peer verifies the
   same credential, the first call and one timed call, then exits), one of each per round; the
   ratio is the median of the per-round ratios of wall times. Needs bench/peers/install.sh.
2. start: `python -m kiosk run` in a pseudo-terminal (80x24) until the scanning screen's words
   are on it, against `python -c pass` (the interpreter's own start, the raw floor).
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "bench/peers/verify_bench.mjs"
CREDENTIAL = ROOT / "tests/fixtures/vectors/peer-generated/ob3-vc2-eddsa-rdfc-2022.json"
READY = b"Hold the QR code"


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0,):
        raise SystemExit(f"{command[:3]} exited {done.returncode}: {done.stderr[-300:]!r}")
    return elapsed


def time_to_screen(
    command: list[str], env: dict[str, str], ready: bytes, limit: float = 30
) -> float:
    """Seconds from starting `command` in a pseudo-terminal to `ready` appearing in its output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execvp(command[0], command)
    seen = b""
    try:
        while time.perf_counter() - start < limit:
            readable, _, _ = select.select([fd], [], [], 0.05)
            if readable:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if ready in seen.replace(b"\x1b", b"\n"):
                    return time.perf_counter() - start
        raise SystemExit(f"{command[:3]} did not show {ready!r} within {limit} s")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def trust_list_for(credential: Path, folder: Path) -> Path:
    issuer = json.loads(credential.read_text())["issuer"]
    issuer_id = issuer["id"] if isinstance(issuer, dict) else issuer
    path = folder / "bench-trust.json"
    path.write_text(
        json.dumps(
            {
                "format": "credential-kiosk-trust-list/1",
                "name": "Benchmark list",
                "publisher": "bench/bench_startup.py",
                "issuers": [{"id": issuer_id, "name": "Benchmark issuer"}],
            }
        )
    )
    return path


def report(label: str, kiosk: list[float], baseline: list[float], baseline_label: str) -> None:
    ratios = [k / b for k, b in zip(kiosk, baseline, strict=True)]
    print(
        f"{label}: kiosk {statistics.median(kiosk) * 1000:.0f} ms, {baseline_label} "
        f"{statistics.median(baseline) * 1000:.0f} ms, ratio {statistics.median(ratios):.2f} "
        f"(per-round {min(ratios):.2f}-{max(ratios):.2f}, {len(ratios)} rounds)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            **{
                name: str(Path(scratch) / name.lower())
                for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
            },
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
        }
        trust = trust_list_for(CREDENTIAL, Path(scratch))
        kiosk_verify = [python, "-m", "kiosk", "verify", str(CREDENTIAL), "--offline"]
        kiosk_verify += ["--trust-list", str(trust)]
        node = shutil.which("node")
        peer_ready = node is not None and (ROOT / "bench/peers/node_modules").is_dir()
        peer = [str(node), str(PEER), "--n=1", "--warmup=0", "--runs=1", str(CREDENTIAL)]
        kiosk_run = [python, "-m", "kiosk", "run", "--offline"]
        floor = [python, "-c", "pass"]
        verify_k, verify_p, start_k, start_f = [], [], [], []
        wall(kiosk_verify, env)  # warm the file system cache, compile the byte code
        for number in range(args.rounds):
            verify_k.append(wall(kiosk_verify, env))
            if peer_ready:
                verify_p.append(wall(peer, env))
            start_k.append(time_to_screen(kiosk_run, env, READY))
            start_f.append(wall(floor, env))
            print(f"round {number + 1} of {args.rounds}", file=sys.stderr)
    if peer_ready:
        report("kiosk verify vs node Digital Bazaar (whole process)", verify_k, verify_p, "node")
    else:
        print("verify: peer skipped (run bench/peers/install.sh; needs Node 20+)")
        print(f"kiosk verify {statistics.median(verify_k) * 1000:.0f} ms")
    report("cold start to the scanning screen", start_k, start_f, "python -c pass")


if __name__ == "__main__":
    main()
