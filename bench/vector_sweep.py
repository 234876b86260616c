"""Sweep every upstream vector of `../shared/vectors` through the kiosk and compare verdicts.

Rerunnable table for issue 14: each credential-like file the shared MANIFEST gives a verdict
(plus the peer-generated ones and every case of the web5 `vc_jwt` vector files) is verified with
`verify_payload`, as a file given to `kiosk verify` would be, in one fixed world:

- offline, no blockchain explorers (a Blockcerts anchor is "not done": the Blockcerts table
  test, `tests/unit/blockcerts/test_vectors.py`, serves each certificate's recorded explorer
  answers instead);
- the documents upstream served are in the kiosk's document cache (every MANIFEST entry with a
  `served_url`, and for a Blockcerts fixture the answers its upstream e2e test mocked, from
  `blockcerts/cert-verifier-js/test-network-mocks.json`), never the network;
- each vector's own issuer is trusted, unless the MANIFEST says the issuer is unknown: the
  sweep measures what the kiosk makes of the format, proof, dates and status; the trust step has
  its own tests;
- the instant is fixed (`--now`, default 2026-11-24T12:00Z) so runs compare;
- `--pin-fragment-keys` also pins on each issuer's entry the `#z…` keys its proofs name
  (docs/trust-lists.md `public_keys`), to show what an operator's pin changes.

It imports `kiosk` from the current directory, so the same script sweeps any checkout:

    cd /work/wt-formats-before && /work/wt-formats/.venv/bin/python \
        /work/wt-formats/bench/vector_sweep.py --out /tmp/before.json
    cd /work/wt-formats && .venv/bin/python bench/vector_sweep.py --out /tmp/after.json \
        --compare /tmp/before.json --table /tmp/table.md
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import inspect
import json
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path.cwd()))

from kiosk.context_setup import build_context
from kiosk.net import DocumentCache
from kiosk.net.cache import CachedDocument
from kiosk.settings import KioskSettings
from kiosk.verification.pipeline import verify_payload
from trust_lists import TrustedIssuer, TrustList, TrustRegistry

SHARED = Path.cwd().parent / "shared" / "vectors"
CREDENTIAL_FORMATS = {
    "blockcerts-v1",
    "blockcerts-v2",
    "blockcerts-v3",
    "vc1.1",
    "vc2.0",
    "ob3",
    "clr2",
    "vp",
    "jwt",
}
EXPECTED = {
    "valid": "VERIFIED",
    "valid (inferred)": "VERIFIED",
    "valid (normalisation)": "VERIFIED",
    "valid (status unresolvable)": "VERIFIED|CHECK MANUALLY",
    "unknown issuer": "CHECK MANUALLY",
    "unsupported": "CHECK MANUALLY",
    "unknown": "any",
}
"""MANIFEST verdict → the kiosk verdicts that agree; anything else must be NOT VERIFIED."""


class RecordedCache(DocumentCache):
    """The kiosk's document cache, answered from recorded upstream documents in memory."""

    def __init__(self, documents: dict[str, bytes], fetched_at: datetime) -> None:
        super().__init__(Path("/nonexistent-sweep-cache"))
        self.documents = documents
        self.fetched_at = fetched_at

    def get(self, url: str) -> CachedDocument | None:
        body = self.documents.get(url)
        if body is None:
            return None
        return CachedDocument(url, url, "application/json", body, self.fetched_at)

    def entries(self) -> Iterator[CachedDocument]:
        for url in self.documents:
            found = self.get(url)
            if found is not None:
                yield found


@dataclasses.dataclass
class Vector:
    name: str
    body: bytes
    manifest: str
    docs: dict[str, bytes]


def served_documents(manifest: dict[str, Any]) -> dict[str, bytes]:
    documents: dict[str, bytes] = {}
    for entry in manifest["files"]:
        if entry.get("format") == "context":
            continue
        for url in [entry.get("served_url"), *(entry.get("urls") or [])]:
            if isinstance(url, str):
                documents.setdefault(url, (SHARED / entry["path"]).read_bytes())
    return documents


def blockcerts_mocks() -> dict[str, dict[str, bytes]]:
    """Fixture path (relative to vectors/) → URL → body its upstream e2e test served."""
    root = SHARED / "blockcerts" / "cert-verifier-js"
    mocks = json.loads((root / "test-network-mocks.json").read_text("utf-8"))
    by_file: dict[str, dict[str, bytes]] = {}
    for case in mocks["cases"]:
        served: dict[str, bytes] = {}
        for mock in case.get("http_mocks", []):
            response = mock["response"]
            if "inline_body" in response:
                body = json.dumps(response["inline_body"]).encode()
            else:
                path = root / response["file"].removeprefix("test/")
                if not path.exists():
                    path = path.with_suffix(".json")
                if not path.exists():
                    continue
                body = path.read_bytes()
                if response.get("wrapped_as"):
                    body = json.dumps({"didDocument": json.loads(body)}).encode()
            served[mock["url"]] = body
        for case_file in case.get("case_files", []):
            key = "blockcerts/cert-verifier-js/" + case_file.removeprefix("test/")
            by_file.setdefault(key, served)
    return by_file


def vectors() -> Iterator[Vector]:
    manifest = json.loads((SHARED / "MANIFEST.json").read_text("utf-8"))
    common = served_documents(manifest)
    mocks = blockcerts_mocks()
    for entry in manifest["files"]:
        verdict = entry.get("expected_verdict")
        if entry.get("format") not in CREDENTIAL_FORMATS or not verdict:
            continue
        if entry["path"].startswith("web5-spec/"):
            continue  # multi-case files: each case is swept below
        docs = {**common, **mocks.get(entry["path"], {})}
        yield Vector(entry["path"], (SHARED / entry["path"]).read_bytes(), verdict, docs)
    peer = SHARED / "peer-generated"
    for entry in json.loads((peer / "MANIFEST.json").read_text("utf-8"))["files"]:
        if not str(entry.get("kind", "")).startswith(("vc", "vp", "blockcerts")):
            continue
        served = {url: (peer / name).read_bytes() for url, name in entry.get("serve", {}).items()}
        yield Vector(
            "peer-generated/" + entry["file"],
            (peer / entry["file"]).read_bytes(),
            entry["expected"],
            {**common, **served},
        )
    for name in ("verify", "decode"):
        path = SHARED / "web5-spec" / "test-vectors" / "vc_jwt" / f"{name}.json"
        for index, case in enumerate(json.loads(path.read_text("utf-8"))["vectors"]):
            token = case["input"] if isinstance(case["input"], str) else case["input"]["vcJwt"]
            yield Vector(
                f"web5-spec/vc_jwt/{name}.json#{index} {case['description']}",
                token.encode(),
                "invalid" if case.get("errors") else "valid",
                common,
            )


def issuer_of(body: bytes) -> str | None:
    """The issuer id as written (JSON `issuer`, Blockcerts v2 `badge.issuer.id`, JWT `iss`)."""
    try:
        text = body.decode("utf-8").strip()
        if text.startswith("{"):
            document = json.loads(text)
        else:
            payload = text.split("~")[0].split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            vc = claims.get("vc") if isinstance(claims.get("vc"), dict) else claims
            document = {"issuer": claims.get("iss") or vc.get("issuer")}
    except (ValueError, IndexError, UnicodeDecodeError, AttributeError):
        return None
    if not isinstance(document, dict):
        return None
    credential = document
    if "verifiableCredential" in document:
        inner = document["verifiableCredential"]
        credential = inner[0] if isinstance(inner, list) and inner else inner
        if not isinstance(credential, dict):
            return None
    issuer = credential.get("issuer")
    if issuer is None and isinstance(credential.get("badge"), dict):
        issuer = credential["badge"].get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


_METHOD_FRAGMENT = re.compile(
    rb'"verificationMethod"\s*:\s*"[^"#]*#(z[1-9A-HJ-NP-Za-km-z]{40,120})"'
)


def fragment_keys(body: bytes) -> tuple[str, ...]:
    """Multikey fragments of the proofs' verification methods (`…#z6Mk…`): what an operator
    who knows the issuer would pin (`--pin-fragment-keys`)."""
    found = re.findall(
        rb'"verificationMethod"\s*:\s*"[^"#]*#(z[1-9A-HJ-NP-Za-km-z]{40,120})"', body
    )
    return tuple(dict.fromkeys(k.decode() for k in found))


def verify(vector: Vector, now: datetime, pin: bool = False) -> dict[str, Any]:
    settings = KioskSettings(offline=True)
    base = build_context(settings, now=now)
    issuer = issuer_of(vector.body)
    trusted = {}
    if issuer and vector.manifest != "unknown issuer":
        keys = fragment_keys(vector.body) if pin else ()
        extra = {"public_keys": keys} if keys else {}
        trusted[issuer] = TrustedIssuer(id=issuer, name="(sweep) the vector's own issuer", **extra)
    context = dataclasses.replace(
        base,
        trust=TrustRegistry((TrustList("sweep", "sweep", trusted, "sweep"),)),
        cache=RecordedCache(vector.docs, now - timedelta(hours=1)),
        max_cache_age=timedelta(days=36500),
        network=None,
        offline=True,
        explorers=(),
    )
    extra: dict[str, Any] = {}
    if "from_file" in inspect.signature(verify_payload).parameters:
        extra["from_file"] = True
    report = verify_payload(vector.body, context, **extra)
    deciding = [c for c in report.checks if c.status.name == "FAILED"] or [
        c for c in report.checks if c.status.name == "NOT_DONE"
    ]
    reason = f"{deciding[0].check_id}: {deciding[0].reason}" if deciding else ""
    return {"verdict": str(report.verdict), "reason": " ".join(reason.split())[:160]}


def agrees(manifest: str, verdict: str) -> bool:
    expected = EXPECTED.get(manifest, "NOT VERIFIED")
    return expected == "any" or verdict in expected.split("|")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--now", default="2026-11-24T12:00:00+00:00")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="an earlier --out file (the 'before')")
    parser.add_argument("--table", type=Path, help="write the markdown table here")
    parser.add_argument(
        "--pin-fragment-keys",
        action="store_true",
        help="pin, on each issuer's sweep trust entry, the #z… keys its proofs name (as an "
        "operator who knows the issuer would; the 1EdTech validator takes them from the "
        "fragment)",
    )
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now).astimezone(UTC)
    rows = {}
    for vector in vectors():
        result = verify(vector, now, args.pin_fragment_keys)
        result["manifest"] = vector.manifest
        result["agrees"] = agrees(vector.manifest, result["verdict"])
        rows[vector.name] = result
    args.out.write_text(json.dumps(rows, indent=1, ensure_ascii=False), "utf-8")
    judged = [r for r in rows.values() if r["manifest"] != "unknown"]
    print(
        f"{sum(r['agrees'] for r in judged)} of {len(judged)} judged vectors agree "
        f"({len(rows)} swept)"
    )
    if args.compare:
        before = json.loads(args.compare.read_text("utf-8"))
        lines = [
            "| vector | MANIFEST | before | after | agrees | reason (after) |",
            "|---|---|---|---|---|---|",
        ]
        for name, row in rows.items():
            old = before.get(name, {}).get("verdict", "—")
            mark = "yes" if row["agrees"] else ("n/a" if row["manifest"] == "unknown" else "no")
            reason = row["reason"].replace("|", "/")
            lines.append(
                f"| {name} | {row['manifest']} | {old} | {row['verdict']} | {mark} | {reason} |"
            )
        judged_before = [
            before[n] for n, r in rows.items() if n in before and r["manifest"] != "unknown"
        ]
        agreed_before = sum(agrees(r["manifest"], r["verdict"]) for r in judged_before)
        changed = sum(before.get(n, {}).get("verdict") != r["verdict"] for n, r in rows.items())
        print(f"before: {agreed_before} of {len(judged_before)} agree; {changed} verdicts changed")
        if args.table:
            args.table.write_text("\n".join(lines) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
