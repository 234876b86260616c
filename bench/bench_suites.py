"""Per-suite verification time: the kiosk, the raw-library floor and a peer, in one invocation.

    .venv/bin/python bench/bench_suites.py [--n 300] [--warmup 50] [--runs 3] [--json PATH]

For each peer-generated credential (tests/fixtures/vectors/peer-generated/):

- kiosk: `verify_document` (JSON) or `verify_payload` (JWT), the whole pipeline, the issuer
  trusted so the verdict is VERIFIED;
- floor: the least any Python verifier built on the same libraries must do. Data Integrity:
  stock `pyld.jsonld.normalize` (URDNA2015) of the credential without its proof and of its proof
  options, two SHA-256 and one signature verify (`cryptography`). JWT: base64url decoding, one
  signature verify over the signing input and parsing the payload;
- peer: Digital Bazaar's `@digitalbazaar/vc` (Data Integrity) or `jose` (JWT), run offline by
  `bench/peers/verify_bench.mjs` with the same n / warm-up / runs. Needs Node 20+ and
  `bench/peers/install.sh`; without them the peer column is skipped with a message.

Interleaved: each round times a block of every side in turn (kiosk, floor, then one peer
process run over all files), and the rounds repeat (`--runs`). Each figure is the median of the
round medians; each ratio is the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pyld import jsonld
from timing import Rounds, Timing, block_median_ms, joined

from kiosk.verification import Verdict, verify_document, verify_payload
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from kiosk.verification.keys.did_key import resolve_did_key
from kiosk.verification.keys.multibase import multibase_decode
from kiosk.verification.keys.public_key import PublicKey
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

ROOT = Path(__file__).resolve().parent.parent
PEER_VECTORS = ROOT / "tests/fixtures/vectors/peer-generated"
SHARED_PEER_VECTORS = ROOT.parent / "shared/vectors/peer-generated"
PEER_DIR = ROOT / "bench/peers"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
NORMALIZE = {"algorithm": "URDNA2015", "format": "application/n-quads"}


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    file: str


ROWS = (
    Row("OB3 VC 2.0 eddsa-rdfc-2022", "ob3-vc2-eddsa-rdfc-2022.json"),
    Row("OB3 VC 2.0 ecdsa-rdfc-2019 P-256", "ob3-vc2-ecdsa-rdfc-2019-p256.json"),
    Row("OB3 VC 1.1 Ed25519Signature2020", "ob3-vc11-ed25519signature2020.json"),
    Row("VC-JOSE EdDSA (vc+jwt)", "ob3-vc2-jose-eddsa.jwt"),
    Row("VC-JOSE ES256 (vc+jwt)", "ob3-vc2-jose-es256.jwt"),
    Row("VC 1.1 VC-JWT EdDSA", "ob3-vc11-jwt-eddsa.jwt"),
)


@dataclass(slots=True)
class Result:
    row: Row
    path: Path | None
    kiosk: Timing | None = None
    kiosk_note: str = ""
    floor: Timing | None = None
    peer_ms: float | None = None
    peer_runs: tuple[float, ...] = ()
    peer_note: str = ""
    peer_ratio: float | None = None
    """kiosk / peer: the median of the per-round ratios."""
    floor_ratio: float | None = None
    """kiosk / floor: the median of the per-round ratios."""


def find(row: Row) -> Path | None:
    """The vector file: the project's copy, else ../shared's."""
    for folder in (PEER_VECTORS, SHARED_PEER_VECTORS):
        if (folder / row.file).is_file():
            return folder / row.file
    return None


def _b64url(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def issuer_of(path: Path) -> str:
    """The issuer id, to put on the benchmark's trust list (JWT: the DID of the `kid`)."""
    if path.suffix == ".jwt":
        header = json.loads(_b64url(path.read_text().strip().split(".")[0]))
        return str(header["kid"]).split("#")[0]
    issuer = json.loads(path.read_text("utf-8"))["issuer"]
    return str(issuer["id"] if isinstance(issuer, dict) else issuer)


def kiosk_verifier(path: Path) -> tuple[Callable[[], Any], str]:
    """The kiosk's verification of `path`, and "" if it is VERIFIED (else the reason)."""
    issuer = issuer_of(path)
    registry = TrustRegistry(
        (TrustList("bench", "bench", {issuer: TrustedIssuer(issuer, "Bench issuer")}, ""),)
    )
    context = VerificationContext(NOW, registry, bundled_contexts())
    if path.suffix == ".jwt":
        payload = path.read_bytes().strip()

        def run() -> Any:
            return verify_payload(payload, context)

    else:
        document = json.loads(path.read_text("utf-8"))

        def run() -> Any:
            return verify_document(document, context)

    report = run()
    if report.verdict is Verdict.VERIFIED:
        return run, ""
    unsupported = any(
        "unrecognised" in c.reason or "not supported" in c.reason for c in report.checks
    )
    return run, "kiosk: not supported yet" if unsupported else f"kiosk: {report.verdict.value}"


def floor_verifier(path: Path) -> Callable[[], None]:
    """The raw-library floor for `path` (see the module docstring)."""
    if path.suffix == ".jwt":
        return _jwt_floor(path.read_text().strip())
    return _data_integrity_floor(json.loads(path.read_text("utf-8")))


def _data_integrity_floor(document: dict[str, Any]) -> Callable[[], None]:
    loader = bundled_contexts().pyld_loader
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    proof = document["proof"]
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = document["@context"]
    key = resolve_did_key(proof["verificationMethod"]).public_key
    signature = multibase_decode(proof["proofValue"])
    normalize_options = {**NORMALIZE, "documentLoader": loader}

    def run() -> None:
        document_nquads = jsonld.normalize(unsecured, normalize_options)
        options_nquads = jsonld.normalize(options, normalize_options)
        message = (
            hashlib.sha256(options_nquads.encode()).digest()
            + hashlib.sha256(document_nquads.encode()).digest()
        )
        if not key.verify(signature, message):
            raise SystemExit("the floor's signature check failed")

    return run


def _jwt_floor(token: str) -> Callable[[], None]:
    header = json.loads(_b64url(token.split(".")[0]))
    key: PublicKey = resolve_did_key(header["kid"]).public_key

    def run() -> None:
        signing_input, _, signature = token.rpartition(".")
        if not key.verify(_b64url(signature), signing_input.encode("ascii")):
            raise SystemExit("the floor's signature check failed")
        json.loads(_b64url(signing_input.split(".")[1]))

    return run


def peer_unavailable() -> str:
    """Why the peer column is empty, or "" when the Node peer harness can run."""
    if shutil.which("node") is None:
        return "peer column skipped: `node` (Node 20+) is not on PATH"
    if not (PEER_DIR / "node_modules").is_dir():
        return (
            "peer column skipped: bench/peers/node_modules is missing (run bench/peers/install.sh)"
        )
    return ""


def peer_block(results: list[Result], args: argparse.Namespace) -> dict[str, float] | str:
    """One peer block: the Node harness over every file, one run; file -> median ms, or why not."""
    files = [str(r.path) for r in results if r.path is not None]
    command = [
        str(shutil.which("node")),
        str(PEER_DIR / "verify_bench.mjs"),
        f"--n={args.n}",
        f"--warmup={args.warmup}",
        "--runs=1",
        *files,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return f"peer column skipped: the peer harness failed: {done.stderr.strip()[-300:]}"
    medians: dict[str, float] = {}
    for entry in json.loads(done.stdout):
        result = next((r for r in results if r.row.file == entry["file"]), None)
        if result is None:
            continue
        if entry.get("verified"):
            medians[entry["file"]] = float(entry["median_ms"])
        else:
            result.peer_note = f"peer: not verified ({entry.get('error', '?')})"
    return medians


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_table(results: list[Result], peer_message: str) -> None:
    header = (
        f"{'credential':<34} {'kiosk ms':>9} {'floor ms':>9} {'peer ms':>8} "
        f"{'kiosk/peer':>10} {'kiosk/floor':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        floor_ms = r.floor.median_ms if r.floor else None
        print(
            f"{r.row.label:<34} {_ms(r.kiosk.median_ms if r.kiosk else None):>9} "
            f"{_ms(floor_ms):>9} {_ms(r.peer_ms):>8} {_ratio(r.peer_ratio):>10} "
            f"{_ratio(r.floor_ratio):>11}"
        )
    print()
    for r in results:
        notes = [n for n in (r.kiosk_note, r.peer_note) if n]
        if r.path is None:
            notes.append("vector file not found")
        runs = []
        if r.kiosk:
            runs.append(f"kiosk {joined(r.kiosk.run_medians)} (first {r.kiosk.first_ms:.1f})")
        if r.floor:
            runs.append(f"floor {joined(r.floor.run_medians)}")
        if r.peer_runs:
            runs.append(f"peer {joined(r.peer_runs)}")
        print(f"  {r.row.file}: run medians {'; '.join(runs) or '-'} {' '.join(notes)}".rstrip())
    if peer_message:
        print(f"\n{peer_message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = [Result(row, find(row)) for row in ROWS]
    rounds = Rounds()
    kiosk_runs: dict[str, Any] = {}
    floor_runs: dict[str, Any] = {}
    for result in results:
        if result.path is None:
            continue
        run, note = kiosk_verifier(result.path)
        result.kiosk_note = note
        if not note:
            kiosk_runs[result.row.file] = run
            rounds.first_call(f"kiosk {result.row.file}", run)
        floor_runs[result.row.file] = floor_verifier(result.path)
    peer_message = peer_unavailable()
    for number in range(args.runs):
        for file, run in kiosk_runs.items():
            rounds.record(f"kiosk {file}", number, block_median_ms(run, args.n, args.warmup))
        for file, run in floor_runs.items():
            rounds.record(f"floor {file}", number, block_median_ms(run, args.n, args.warmup))
        if not peer_message:
            peer = peer_block(results, args)
            if isinstance(peer, str):
                peer_message = peer
            else:
                for file, median in peer.items():
                    rounds.record(f"peer {file}", number, median)
        print(f"round {number + 1} of {args.runs} measured", file=sys.stderr)
    for result in results:
        file = result.row.file
        result.kiosk = rounds.timing(f"kiosk {file}")
        result.floor = rounds.timing(f"floor {file}")
        peer = rounds.timing(f"peer {file}")
        if peer is not None:
            result.peer_ms, result.peer_runs = peer.median_ms, peer.run_medians
        result.peer_ratio = rounds.ratio(f"kiosk {file}", f"peer {file}")
        result.floor_ratio = rounds.ratio(f"kiosk {file}", f"floor {file}")
    print_table(results, peer_message)
    if args.json:
        args.json.write_text(json.dumps([_as_json(r) for r in results], indent=2) + "\n")


def _as_json(result: Result) -> dict[str, Any]:
    return {
        "credential": result.row.label,
        "file": result.row.file,
        "kiosk_ms": result.kiosk.median_ms if result.kiosk else None,
        "kiosk_runs": list(result.kiosk.run_medians) if result.kiosk else [],
        "kiosk_first_ms": result.kiosk.first_ms if result.kiosk else None,
        "floor_ms": result.floor.median_ms if result.floor else None,
        "floor_runs": list(result.floor.run_medians) if result.floor else [],
        "peer_ms": result.peer_ms,
        "peer_runs": list(result.peer_runs),
        "kiosk_per_peer": result.peer_ratio,
        "kiosk_per_floor": result.floor_ratio,
        "notes": [n for n in (result.kiosk_note, result.peer_note) if n],
    }


if __name__ == "__main__":
    main()
