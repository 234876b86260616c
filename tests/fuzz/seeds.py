"""Provides `seeds()`: the payloads the fuzzer starts from, each with a name.

- the bundled demo credentials (`kiosk/demo/credentials/`);
- every JSON / JSON-LD / JWT file under `tests/fixtures/`;
- the same kinds under `../shared/vectors/` when it is there (skipped cleanly when absent; the
  contexts folder and manifests are not payloads);
- payloads made here with real keys: a signed Open Badges credential, a signed JWT credential,
  a presentation holding both, and CBOR-LD presentations as `VP1-B` / `VP1-R` QR texts.

Sorted by name, so a run with a fixed random seed is reproducible.
"""

from __future__ import annotations

import base64
import functools
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ed25519

from kiosk.verification.suites.signing import did_key_for
from tests.helpers import make_key, signed_ob3

ROOT = Path(__file__).resolve().parents[2]
SHARED_VECTORS = ROOT.parent / "shared" / "vectors"
SUFFIXES = (".json", ".jsonld", ".jwt", ".txt")
MAX_SEED_BYTES = 64 * 1024
SKIPPED_PARTS = {"contexts", "schemas"}
SKIPPED_NAMES = {"MANIFEST.json", "index.json", "SOURCE.md"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signed_jwt(key: ed25519.Ed25519PrivateKey) -> bytes:
    """A VC-JOSE credential (`vc+jwt`) signed with EdDSA by `key`'s did:key."""
    did = did_key_for(key)
    header = {"alg": "EdDSA", "typ": "vc+jwt", "kid": f"{did}#{did.removeprefix('did:key:')}"}
    claims = signed_ob3(key)
    claims.pop("proof")
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = key.sign(signing_input.encode())
    return f"{signing_input}.{_b64(signature)}".encode()


def _made_here() -> dict[str, bytes]:
    key = make_key()
    credential = signed_ob3(key)
    token = signed_jwt(key)
    presentation = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [
            credential,
            {
                "@context": "https://www.w3.org/ns/credentials/v2",
                "id": f"data:application/vc+jwt,{token.decode()}",
                "type": "EnvelopedVerifiableCredential",
            },
        ],
    }
    made = {
        "made/ob3-signed.json": json.dumps(credential).encode(),
        "made/vc-jose.jwt": token,
        "made/presentation.json": json.dumps(presentation).encode(),
    }
    try:
        from tests.unit.payloads.cborld_builder import cborld_1_0, legacy_cborld, vp1_b, vp1_r
        from tests.unit.payloads.cborld_documents import vc2_presentation
    except ImportError:  # the CBOR-LD test builder moved: the other seeds still run
        return made
    made["made/vp1-b.txt"] = vp1_b(cborld_1_0(vc2_presentation()))
    made["made/vp1-r.txt"] = vp1_r(legacy_cborld(vc2_presentation()))
    return made


def _files(folder: Path, label: str) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if (
            not path.is_file()
            or path.suffix not in SUFFIXES
            or path.name in SKIPPED_NAMES
            or SKIPPED_PARTS & set(relative.parts)
            or path.stat().st_size > MAX_SEED_BYTES
        ):
            continue
        found[f"{label}/{relative}"] = path.read_bytes()
    return found


@functools.cache
def seeds(with_shared: bool = True) -> tuple[tuple[str, bytes], ...]:
    """Every seed as (name, payload), sorted by name."""
    found = {
        **_files(ROOT / "kiosk" / "demo" / "credentials", "demo"),
        **_files(ROOT / "tests" / "fixtures", "fixtures"),
        **_made_here(),
    }
    if with_shared:
        found.update(_files(SHARED_VECTORS, "shared"))
    return tuple(sorted(found.items()))
