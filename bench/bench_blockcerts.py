"""Blockcerts verification time: the kiosk against the Blockcerts verifier, same servers, one run.

    .venv/bin/python bench/bench_blockcerts.py [--n 100] [--warmup 20] [--runs 3] [--json PATH]

Both verify the same certificates (tests/fixtures/blockcerts/) against the same local HTTPS
servers on 127.0.0.1 (a trustme test CA): one documents server standing in for the issuers'
hosts (issuer profiles, revocation lists) and two block explorers (Esplora and BlockCypher
shapes) answering for the anchoring transactions — the servers the tests use
(`tests/unit/blockcerts/`). Per verification:

- kiosk: `verify_payload` of the certificate's bytes, the whole pipeline, through the guarded
  fetcher (connections kept alive per origin, as the peer's fetch does), with its cache on
  disk; the issuer trusted, so the verdict is VERIFIED (CHECK MANUALLY for the mock chain);
- kiosk offline: the same with no network, from what the first run cached (the anchor "as of",
  profile and list from the cache) — the compute-only figure;
- peer: `@blockcerts/cert-verifier-js` 6.35.0 (`new Certificate`, `init()`, `verify()`), run by
  `bench/peers/blockcerts_bench.mjs` with its fetch sent to the same servers (keep-alive: Node's
  fetch reuses connections). Needs Node 20+ and `bench/peers/install.sh`; otherwise skipped.

Interleaved: each round times a kiosk block, a kiosk-offline block and then one peer process
run (n calls after its warm-up), and the rounds repeat (`--runs`). Figures are medians of the
round medians; ratios are medians of per-round ratios. The peer asks one explorer (the first to
answer wins); the kiosk asks two and requires them to agree.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trustme  # noqa: E402
from timing import Rounds, Timing, block_median_ms, joined  # noqa: E402

from kiosk.verification import Verdict, verify_payload  # noqa: E402
from kiosk.verification.blockcerts.chains import Chain  # noqa: E402
from kiosk.verification.context import VerificationContext  # noqa: E402
from tests.servers import LocalHttpsServer  # noqa: E402
from tests.unit.blockcerts.chain_servers import OPERATORS, LocalChain, Tx  # noqa: E402
from tests.unit.blockcerts.harness import (  # noqa: E402
    blockcerts_context,
    fetcher,
    serve_document,
    serve_json,
)

FIXTURES = ROOT / "tests/fixtures/blockcerts"
PEER_DIR = ROOT / "bench/peers"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
V2_REVOCATIONS = "https://w3id.org/blockcerts/samples/2.0-alpha/revocationList.json"


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    file: str
    """Relative to tests/fixtures/blockcerts/."""
    issuer: str
    expected: Verdict


ROWS = (
    Row(
        "v3 MerkleProof2019, Bitcoin testnet",
        "peer-generated/blockcerts-v3-btc-testnet.json",
        "https://issuer.kiosk.test/blockcerts/btc-testnet/issuer.json",
        Verdict.VERIFIED,
    ),
    Row(
        "v2 MerkleProof2017, Bitcoin testnet (120 KB)",
        "cert-verifier-js/testnet-valid-2.0.json",
        "https://www.blockcerts.org/samples/2.0/issuer-testnet.json",
        Verdict.VERIFIED,
    ),
    Row(
        "v3 MerkleProof2019, mock chain",
        "peer-generated/blockcerts-v3-mocknet.json",
        "https://issuer.kiosk.test/blockcerts/mocknet/issuer.json",
        Verdict.CHECK_MANUALLY,
    ),
)


@dataclass(slots=True)
class Result:
    row: Row
    kiosk: Timing | None = None
    offline: Timing | None = None
    peer_ms: float | None = None
    peer_runs: tuple[float, ...] = ()
    peer_first_ms: float | None = None
    peer_requests: int | None = None
    notes: list[str] | None = None
    peer_ratio: float | None = None
    """kiosk online / peer: the median of the per-round ratios."""
    offline_ratio: float | None = None
    """kiosk offline / peer: the median of the per-round ratios."""


def furnish(docs: LocalHttpsServer, chain: LocalChain) -> None:
    """What the certificates' worlds hold (as the tests serve them)."""
    peer = FIXTURES / "peer-generated"
    for kind in ("btc-testnet", "mocknet"):
        base = f"https://issuer.kiosk.test/blockcerts/{kind}"
        serve_document(
            docs,
            f"{base}/issuer.json",
            (peer / f"blockcerts-{kind}-issuer-profile.json").read_bytes(),
        )
        serve_document(
            docs,
            f"{base}/revocation-list.json",
            (peer / f"blockcerts-{kind}-revocation-list.json").read_bytes(),
        )
    recorded = json.loads((peer / "blockcerts-btc-testnet-explorer-tx.json").read_text())
    chain.publish(
        Tx(
            Chain.BITCOIN_TESTNET,
            recorded["txid"],
            recorded["vout"][1]["scriptpubkey"][4:],
            recorded["vin"][0]["prevout"]["scriptpubkey_address"],
            datetime.fromtimestamp(recorded["status"]["block_time"], UTC),
            recorded["status"]["block_height"],
        )
    )
    serve_document(
        docs,
        "https://www.blockcerts.org/samples/2.0/issuer-testnet.json",
        (FIXTURES / "cert-verifier-js/issuer-blockcerts-v2a.json").read_bytes(),
    )
    serve_json(
        docs,
        V2_REVOCATIONS,
        {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "RevocationList",
            "revokedAssertions": [],
        },
    )
    # testnet-valid-2.0.json's transaction, as cert-verifier-js's e2e test injects it
    chain.publish(
        Tx(
            Chain.BITCOIN_TESTNET,
            "d75b7a5bdb3d5244b753e6b84e987267cfa4ffa7a532a2ed49ad3848be1d82f8",
            "f029b45bb1a7b1f0b970f6de35344b73cccd16177b4c037acbc2541c7fc27078",
            "msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj",
            datetime(2017, 6, 29, 22, 10, 29, tzinfo=UTC),
        )
    )


@contextmanager
def world(ca: trustme.CA) -> Iterator[tuple[LocalHttpsServer, LocalChain]]:
    """The servers, furnished here and served by a child process of their own.

    In this process their Python threads would take the interpreter lock from the kiosk while
    it is being timed (and not from the Node peer): the child serves both sides alike.
    """
    docs = LocalHttpsServer(ca)
    chain = LocalChain({name: LocalHttpsServer(ca) for name in OPERATORS})
    servers = [docs, *chain.servers.values()]
    furnish(docs, chain)
    ready_read, ready_write = os.pipe()
    stop_read, stop_write = os.pipe()
    child = os.fork()
    if child == 0:  # the server process: serve until the parent closes its end of the pipe
        os.close(ready_read)
        os.close(stop_write)
        for server in servers:
            server.start()
        os.write(ready_write, b"1")
        os.read(stop_read, 1)
        for server in servers:
            server.stop()
        os._exit(0)
    os.close(ready_write)
    os.close(stop_read)
    try:
        os.read(ready_read, 1)
        yield docs, chain
    finally:
        os.close(stop_write)
        os.waitpid(child, 0)
        for server in servers:
            server.discard()


def kiosk_context(
    ca: trustme.CA, docs: LocalHttpsServer, chain: LocalChain, cache: Path, row: Row, online: bool
) -> VerificationContext:
    ports = {"docs": docs.port, **{name: s.port for name, s in chain.servers.items()}}
    network = fetcher(ca, ports) if online else None
    context = blockcerts_context(network, chain.endpoints(), cache, (row.issuer,), now=NOW)
    return replace(context, offline=not online)


def peer_unavailable() -> str:
    """Why the peer column is empty, or "" when the Blockcerts verifier can run."""
    if shutil.which("node") is None:
        return "peer column skipped: `node` (Node 20+) is not on PATH"
    if not (PEER_DIR / "node_modules/@blockcerts/cert-verifier-js").is_dir():
        return "peer column skipped: run bench/peers/install.sh first"
    return ""


def peer_block(
    results: list[Result], ca_file: Path, docs: LocalHttpsServer, chain: LocalChain, args: Any
) -> dict[str, dict[str, Any]] | str:
    """One peer block on the same files and servers: file name -> its entry, or why not."""
    routes = {
        "blockstream.info": f"https://127.0.0.1:{chain.servers['esplora'].port}",
        "api.blockcypher.com": f"https://127.0.0.1:{chain.servers['blockcypher'].port}",
        "*": f"https://127.0.0.1:{docs.port}",
    }
    command = [
        str(shutil.which("node")),
        str(PEER_DIR / "blockcerts_bench.mjs"),
        f"--routes={json.dumps(routes)}",
        f"--n={args.n}",
        f"--warmup={args.warmup}",
        "--runs=1",
        *(str(FIXTURES / r.row.file) for r in results),
    ]
    environment = {"PATH": "/usr/bin:/bin", "NODE_EXTRA_CA_CERTS": str(ca_file)}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        return f"peer column skipped: the harness failed: {done.stderr.strip()[-400:]}"
    return {entry["file"]: entry for entry in json.loads(done.stdout)}


def measure(args: argparse.Namespace) -> tuple[list[Result], str]:
    ca = trustme.CA()
    with tempfile.TemporaryDirectory() as scratch, world(ca) as (docs, chain):
        ca_file = Path(scratch) / "ca.pem"
        ca.cert_pem.write_to_path(str(ca_file))
        results: list[Result] = []
        calls: list[tuple[Result, Any, Any]] = []
        rounds = Rounds()
        for row in ROWS:
            body = (FIXTURES / row.file).read_bytes()
            cache = Path(scratch) / f"cache-{len(results)}"
            online = kiosk_context(ca, docs, chain, cache, row, online=True)
            offline = kiosk_context(ca, docs, chain, cache, row, online=False)
            result = Result(row, notes=[])
            verdict = verify_payload(body, online).verdict
            if verdict is not row.expected:
                result.notes.append(f"kiosk said {verdict.value}, expected {row.expected.value}")
            offline_verdict = verify_payload(body, offline).verdict
            result.notes.append(f"kiosk: {verdict.value}; offline: {offline_verdict.value}")
            online_call = partial(verify_payload, body, online)
            offline_call = partial(verify_payload, body, offline)
            rounds.first_call(f"kiosk {row.file}", online_call)
            results.append(result)
            calls.append((result, online_call, offline_call))
        message = peer_unavailable()
        for number in range(args.runs):
            for result, online_call, offline_call in calls:
                file = result.row.file
                rounds.record(
                    f"kiosk {file}", number, block_median_ms(online_call, args.n, args.warmup)
                )
                rounds.record(
                    f"offline {file}", number, block_median_ms(offline_call, args.n, args.warmup)
                )
            if not message:
                peer = peer_block(results, ca_file, docs, chain, args)
                if isinstance(peer, str):
                    message = peer
                else:
                    for result in results:
                        entry = peer[Path(result.row.file).name]
                        if number == 0:
                            assert result.notes is not None
                            result.notes.append(
                                f"peer: {entry['status']} ({str(entry['message'])[:90]})"
                            )
                            result.peer_requests = int(entry["requests"])
                            if entry["median_ms"] is not None:
                                result.peer_first_ms = float(entry["first_ms"])
                        median = entry["median_ms"]
                        rounds.record(
                            f"peer {result.row.file}",
                            number,
                            None if median is None else float(median),
                        )
            print(f"round {number + 1} of {args.runs} measured", file=sys.stderr)
        for result in results:
            file = result.row.file
            result.kiosk = rounds.timing(f"kiosk {file}")
            result.offline = rounds.timing(f"offline {file}")
            peer = rounds.timing(f"peer {file}")
            if peer is not None:
                result.peer_ms, result.peer_runs = peer.median_ms, peer.run_medians
            result.peer_ratio = rounds.ratio(f"kiosk {file}", f"peer {file}")
            result.offline_ratio = rounds.ratio(f"offline {file}", f"peer {file}")
    return results, message


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_table(results: list[Result], message: str) -> None:
    header = (
        f"{'certificate':<46} {'kiosk ms':>9} {'offline ms':>10} {'peer ms':>8} "
        f"{'kiosk/peer':>10} {'offline/peer':>12}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        kiosk = r.kiosk.median_ms if r.kiosk else None
        offline = r.offline.median_ms if r.offline else None
        ratio = "-" if r.peer_ratio is None else f"{r.peer_ratio:.2f}"
        offline_ratio = "-" if r.offline_ratio is None else f"{r.offline_ratio:.2f}"
        print(
            f"{r.row.label:<46} {_ms(kiosk):>9} {_ms(offline):>10} {_ms(r.peer_ms):>8} "
            f"{ratio:>10} {offline_ratio:>12}"
        )
    print()
    for r in results:
        runs = []
        if r.kiosk:
            runs.append(f"kiosk {joined(r.kiosk.run_medians)} (first {r.kiosk.first_ms:.1f})")
        if r.offline:
            runs.append(f"offline {joined(r.offline.run_medians)}")
        if r.peer_runs:
            runs.append(
                f"peer {joined(r.peer_runs)} (first {r.peer_first_ms:.1f}, "
                f"{r.peer_requests} requests)"
            )
        print(f"  {Path(r.row.file).name}: {'; '.join(runs)}")
        for note in r.notes or []:
            print(f"    {note}")
    if message:
        print(f"\n{message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results, message = measure(args)
    print_table(results, message)
    if args.json:
        rows = [
            {
                "certificate": r.row.label,
                "file": r.row.file,
                "kiosk_ms": r.kiosk.median_ms if r.kiosk else None,
                "kiosk_runs": list(r.kiosk.run_medians) if r.kiosk else [],
                "offline_ms": r.offline.median_ms if r.offline else None,
                "peer_ms": r.peer_ms,
                "peer_runs": list(r.peer_runs),
                "kiosk_per_peer": r.peer_ratio,
                "offline_per_peer": r.offline_ratio,
                "notes": r.notes,
            }
            for r in results
        ]
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
