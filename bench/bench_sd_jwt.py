"""SD-JWT VC verification time: the kiosk vs the OpenWallet Foundation's `@sd-jwt/sd-jwt-vc`.

    .venv/bin/python bench/bench_sd_jwt.py [--n 300] [--warmup 50] [--runs 5] [--disclosures 12]

One presentation, made here with fresh keys: an ES256 issuer JWT (a did:jwk issuer, so no
network), `--disclosures` disclosed claims (one of them recursive) plus decoys, and an ES256
key-binding JWT answering the kiosk's challenge.

- kiosk: `verify_payload` — the whole pipeline: envelope, strict reading, disclosures against
  digests, issuer key (did:jwk resolved each time), signature, dates, trust, key binding
  (signature, sd_hash, nonce, audience, iat); the verdict is VERIFIED.
- peer: `SDJwtVcInstance.verify` with `keyBindingNonce` (issuer signature, disclosures, dates,
  key binding signature, nonce and sd_hash), hashing and ES256 by node:crypto, the issuer's key
  imported once. It runs in one long-lived Node process (`bench/peers/sd_jwt_bench.mjs`,
  answering over stdin/stdout), so process start is never measured. Needs Node 20+ and
  `bench/peers/install.sh`; without them the peer column is skipped with a message.

Blocks are interleaved — kiosk block, peer block, repeated `--runs` times — so both see the
same machine load; each block is `--warmup` untimed calls then `--n` timed calls, and its
median is one figure. The ratio is kiosk / peer of the medians of the block medians.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import statistics
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from kiosk.verification import Verdict, verify_payload
from kiosk.verification.context import VerificationContext
from kiosk.verification.jsonld.loader import bundled_contexts
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

PEER_DIR = Path(__file__).resolve().parent / "peers"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
NONCE, AUDIENCE = "bench-challenge-1", "https://kiosk.bench"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _jwk(key: ec.EllipticCurvePrivateKey) -> dict[str, str]:
    numbers = key.public_key().public_numbers()
    x, y = numbers.x.to_bytes(32, "big"), numbers.y.to_bytes(32, "big")
    return {"kty": "EC", "crv": "P-256", "x": _b64(x), "y": _b64(y)}


def _sign(header: dict[str, Any], payload: dict[str, Any], key: ec.EllipticCurvePrivateKey) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{_b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def _digest(text: str) -> str:
    return _b64(hashlib.sha256(text.encode("ascii")).digest())


def make_presentation(disclosed: int) -> tuple[str, str, dict[str, str]]:
    """(presentation, issuer id, issuer public JWK)."""
    issuer_key = ec.generate_private_key(ec.SECP256R1())
    holder_key = ec.generate_private_key(ec.SECP256R1())
    issuer = "did:jwk:" + _b64(json.dumps(_jwk(issuer_key), separators=(",", ":")).encode())
    street = _b64(json.dumps(["salt-street", "street", "1 Bench Road"]).encode())
    address = {"_sd": [_digest(street)], "country": "NL"}
    disclosures = [
        _b64(json.dumps([f"salt-{i}", f"claim_{i}", f"value {i}"]).encode())
        for i in range(disclosed - 2)
    ]
    disclosures += [_b64(json.dumps(["salt-address", "address", address]).encode()), street]
    top = [d for d in disclosures if d != street]
    payload = {
        "iss": issuer,
        "iat": int(NOW.timestamp()) - 86400,
        "exp": int(NOW.timestamp()) + 86400 * 365,
        "vct": "https://credentials.bench/diploma",
        "_sd_alg": "sha-256",
        "_sd": sorted([_digest(d) for d in top] + [_digest(f"decoy {i}") for i in range(4)]),
        "cnf": {"jwk": _jwk(holder_key)},
    }
    jwt = _sign({"alg": "ES256", "typ": "dc+sd-jwt", "kid": f"{issuer}#0"}, payload, issuer_key)
    head = "~".join([jwt, *disclosures]) + "~"
    kb_claims = {
        "nonce": NONCE,
        "aud": AUDIENCE,
        "iat": int(NOW.timestamp()),
        "sd_hash": _digest(head),
    }
    kb = _sign({"alg": "ES256", "typ": "kb+jwt"}, kb_claims, holder_key)
    return head + kb, issuer, _jwk(issuer_key)


def _median_of_block(run: Any, n: int, warmup: int) -> float:
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


class Peer:
    """The long-lived Node peer (see the module docstring)."""

    def __init__(self, node: str) -> None:
        self.process = subprocess.Popen(
            [node, str(PEER_DIR / "sd_jwt_bench.mjs")],
            cwd=PEER_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def start_peer(presentation: str, issuer_jwk: dict[str, str]) -> tuple[Peer | None, str]:
    node = shutil.which("node")
    if node is None:
        return None, "peer skipped: `node` (Node 20+) is not on PATH"
    if not (PEER_DIR / "node_modules" / "@sd-jwt" / "sd-jwt-vc").is_dir():
        return None, "peer skipped: @sd-jwt/sd-jwt-vc is not installed (run bench/peers/install.sh)"
    peer = Peer(node)
    setup = {
        "presentation": presentation,
        "issuer_jwk": issuer_jwk,
        "nonce": NONCE,
        "now": int(NOW.timestamp()),
    }
    answer = peer.ask({"setup": setup})
    if not answer.get("verified"):
        peer.close()
        return None, f"peer skipped: it does not verify the presentation ({answer.get('error')})"
    return peer, ""


def _row(label: str, blocks: list[float]) -> str:
    medians = ", ".join(f"{value:.3f}" for value in blocks)
    return f"{label:<28}{statistics.median(blocks):>10.3f}  {medians}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--disclosures", type=int, default=12)
    args = parser.parse_args()
    presentation, issuer, issuer_jwk = make_presentation(args.disclosures)
    context = VerificationContext(
        now=NOW,
        trust=TrustRegistry(
            (TrustList("bench", "bench", {issuer: TrustedIssuer(issuer, "B")}, ""),)
        ),
        contexts=bundled_contexts(),
        challenge=NONCE,
        domain=AUDIENCE,
    )
    payload = presentation.encode("ascii")
    report = verify_payload(payload, context)
    if report.verdict is not Verdict.VERIFIED:
        raise SystemExit(f"the kiosk does not verify the bench presentation: {report.checks}")
    peer, message = start_peer(presentation, issuer_jwk)
    kiosk_blocks: list[float] = []
    peer_blocks: list[float] = []
    try:
        for _ in range(args.runs):
            kiosk_blocks.append(
                _median_of_block(lambda: verify_payload(payload, context), args.n, args.warmup)
            )
            if peer is not None:
                answer = peer.ask({"block": {"n": args.n, "warmup": args.warmup}})
                peer_blocks.append(float(answer["median_ms"]))
    finally:
        if peer is not None:
            peer.close()
    kiosk_ms = statistics.median(kiosk_blocks)
    print(f"SD-JWT VC, {args.disclosures} disclosures + key binding, {len(presentation)} chars")
    print(f"{'':<28}{'median ms':>10}  block medians")
    print(_row("kiosk (verify_payload)", kiosk_blocks))
    if peer_blocks:
        print(_row("peer (@sd-jwt/sd-jwt-vc)", peer_blocks))
        print(f"kiosk / peer: {kiosk_ms / statistics.median(peer_blocks):.2f}")
    if message:
        print(message)


if __name__ == "__main__":
    main()
