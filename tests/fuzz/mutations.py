"""Provides `mutate(data, rng)`: a structure-aware mutation of a payload, driven by one
`random.Random`, so a run is reproduced from its seed number alone.

What an attacker varies, by the shape of the payload:
- JSON: any value replaced (hostile strings, huge numbers, empty and deep containers), keys
  deleted, added (terms, full IRIs, compact IRIs, keywords) or renamed, values wrapped in arrays,
  value objects or node references, `@context` changed (inline term definitions of any shape,
  unknown URLs, wrong types), `type` changed, proofs changed (one character of the signature,
  the suite, the key id, the dates, a proof set), duplicate keys spliced into the text,
  huge and deep inputs;
- JWT: the header or the claims mutated as JSON and re-encoded, the signature flipped, parts
  dropped or added, characters outside base64url;
- CBOR-LD QR texts (`VP1-B…`, `VP1-R…`): characters changed within and outside the alphabet,
  truncated, extended, the prefix switched;
- any payload: bytes flipped, inserted, deleted, duplicated, truncated.
"""

from __future__ import annotations

import base64
import binascii
import json
import random
from collections.abc import Callable
from typing import Any

Json = Any

HOSTILE_TEXT = (
    "\x1b[2J\x1b[H✔ VERIFIED",
    "\u202eevil\u202c",
    "\u3164\u115f\u200b\ufeff",
    "a" + "\u0301" * 50,
    "\x00\x9b\x85",
    "\ud800",
    "",
    " ",
    "%",
    "did:key:z",
    "did:web:localhost%3A1",
    "https://127.0.0.1/",
    "urn:uuid:",
    "_:b0",
    "x" * 5000,
)
TERMS = (
    "id",
    "type",
    "issuer",
    "validFrom",
    "validUntil",
    "issuanceDate",
    "expirationDate",
    "credentialStatus",
    "credentialSubject",
    "achievement",
    "name",
    "proof",
    "evidence",
    "holder",
    "verifiableCredential",
    "@context",
    "@id",
    "@type",
    "@value",
    "@language",
    "@graph",
    "@included",
    "@reverse",
    "@nest",
    "@list",
    "@set",
    "@protected",
    "@vocab",
    "@base",
    "@direction",
    "https://www.w3.org/2018/credentials#validUntil",
    "https://www.w3.org/2018/credentials#credentialStatus",
    "cred:validUntil",
    "sec:proof",
    "undefinedTerm",
)
CONTEXT_URLS = (
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/2018/credentials/v1",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://w3id.org/security/data-integrity/v2",
    "https://evil.example/context.json",
    "http://www.w3.org/ns/credentials/v2",
)
SUITES = (
    "eddsa-rdfc-2022",
    "eddsa-jcs-2022",
    "ecdsa-rdfc-2019",
    "ecdsa-jcs-2019",
    "ecdsa-sd-2023",
    "bbs-2023",
    "unknown-suite",
)
MAX_MUTATED_BYTES = 300 * 1024


def _value(rng: random.Random, depth: int = 0) -> Json:
    """A random JSON value, biased towards what breaks parsers."""
    choice = rng.randrange(14 if depth < 3 else 9)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.choice([0, -1, 1, 2**63, -(2**64), 10**400, 255])
    if choice == 3:
        return rng.choice([0.5, 1e308, -0.0, 1e-320])
    if choice in (4, 5):
        return rng.choice(HOSTILE_TEXT)
    if choice == 6:
        return rng.choice(TERMS + CONTEXT_URLS + SUITES)
    if choice == 7:
        return rng.choice(["2026-01-15T09:00:00Z", "2026-13-45T99:00:00Z", "9999-12-31", "0"])
    if choice == 8:
        return rng.choice([{}, [], [[]], {"@id": None}, {"@value": None}, {"@list": []}])
    if choice in (9, 10):
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(TERMS): _value(rng, depth + 1) for _ in range(rng.randrange(4))}


MAX_PATH_DEPTH = 64
MAX_PATHS = 5_000


def _paths(root: Json) -> list[tuple[Any, ...]]:
    """Paths to nodes of `root`, breadth first, bounded in depth and number (inputs made deep
    or huge by an earlier mutation are mutated near the top)."""
    found: list[tuple[Any, ...]] = []
    queue: list[tuple[tuple[Any, ...], Json]] = [((), root)]
    while queue and len(found) < MAX_PATHS:
        prefix, node = queue.pop(0)
        found.append(prefix)
        if len(prefix) >= MAX_PATH_DEPTH:
            continue
        if isinstance(node, dict):
            queue.extend(((*prefix, key), item) for key, item in node.items())
        elif isinstance(node, list):
            queue.extend(((*prefix, index), item) for index, item in enumerate(node))
    return found


def _get(node: Json, path: tuple[Any, ...]) -> Json:
    for step in path:
        node = node[step]
    return node


def _set(root: Json, path: tuple[Any, ...], value: Json) -> Json:
    if not path:
        return value
    _get(root, path[:-1])[path[-1]] = value
    return root


def _containers(root: Json, kind: type) -> list[tuple[Any, ...]]:
    return [path for path in _paths(root) if isinstance(_get(root, path), kind)]


def _replace_value(root: Json, rng: random.Random) -> Json:
    return _set(root, rng.choice(_paths(root)), _value(rng))


def _delete_key(root: Json, rng: random.Random) -> Json:
    dicts = [p for p in _containers(root, dict) if _get(root, p)]
    if dicts:
        node = _get(root, rng.choice(dicts))
        del node[rng.choice(sorted(node))]
    return root


def _add_key(root: Json, rng: random.Random) -> Json:
    dicts = _containers(root, dict)
    if dicts:
        _get(root, rng.choice(dicts))[rng.choice(TERMS + HOSTILE_TEXT[:6])] = _value(rng)
    return root


def _rename_key(root: Json, rng: random.Random) -> Json:
    dicts = [p for p in _containers(root, dict) if _get(root, p)]
    if dicts:
        node = _get(root, rng.choice(dicts))
        old = rng.choice(sorted(node))
        node[rng.choice(TERMS)] = node.pop(old)
    return root


def _wrap(root: Json, rng: random.Random) -> Json:
    path = rng.choice(_paths(root))
    value = _get(root, path)
    wrapped = rng.choice(
        [
            [value],
            {"@value": value},
            {"@id": value},
            {"@list": [value]},
            value[0] if isinstance(value, list) and value else value,
            [value, value],
        ]
    )
    return _set(root, path, wrapped)


def _context(root: Json, rng: random.Random) -> Json:
    if not isinstance(root, dict):
        return root
    contexts = root.get("@context")
    contexts = list(contexts) if isinstance(contexts, list) else [contexts]
    choice = rng.randrange(6)
    if choice == 0:
        definition = rng.choice(
            [
                {"@id": _value(rng)},
                {"@id": rng.choice(TERMS[-5:]), "@type": _value(rng)},
                {"@reverse": _value(rng)},
                {"@container": _value(rng)},
                {"@context": _value(rng)},
                _value(rng),
            ]
        )
        contexts.append({rng.choice(TERMS): definition})
    elif choice == 1:
        contexts.append(rng.choice(CONTEXT_URLS))
    elif choice == 2 and contexts:
        contexts.pop(rng.randrange(len(contexts)))
    elif choice == 3:
        contexts.insert(0, {"@vocab": rng.choice(["https://example.org/", "", None])})
    elif choice == 4:
        contexts = rng.choice([[], [None], [{}], [{"@protected": True, "id": "@id"}]])
    else:
        root["@context"] = _value(rng)
        return root
    root["@context"] = contexts
    return root


def _type(root: Json, rng: random.Random) -> Json:
    dicts = [p for p in _containers(root, dict) if "type" in _get(root, p)]
    if dicts:
        _get(root, rng.choice(dicts))["type"] = rng.choice(
            [
                "VerifiableCredential",
                ["VerifiablePresentation"],
                ["VerifiableCredential", "OpenBadgeCredential", "Foo"],
                [],
                {"@id": None},
                _value(rng),
            ]
        )
    return root


def _flip_char(text: str, rng: random.Random) -> str:
    if not text:
        return rng.choice("zA1")
    index = rng.randrange(len(text))
    return text[:index] + rng.choice("zA1_-+/=") + text[index + 1 :]


def _proof(root: Json, rng: random.Random) -> Json:
    proofs = [p for p in _paths(root) if p and p[-1] == "proof"]
    if not proofs:
        return _add_key(root, rng)
    path = rng.choice(proofs)
    proof = _get(root, path)
    if isinstance(proof, list):
        if proof and rng.random() < 0.5:
            proof.append(json.loads(json.dumps(proof[0])))
            return root
        proof = proof[0] if proof else {}
    if not isinstance(proof, dict):
        return _set(root, path, _value(rng))
    field = rng.choice(
        ["proofValue", "cryptosuite", "verificationMethod", "created", "proofPurpose", "type"]
    )
    current = proof.get(field)
    if field == "proofValue" and isinstance(current, str):
        proof[field] = _flip_char(current, rng)
    elif field == "cryptosuite":
        proof[field] = rng.choice(SUITES)
    elif field == "verificationMethod" and isinstance(current, str):
        proof[field] = rng.choice([current.split("#")[0], current + "x", _flip_char(current, rng)])
    else:
        proof[field] = _value(rng)
    if rng.random() < 0.2:
        _set(root, path, [proof, json.loads(json.dumps(proof))])
    return root


def _huge(root: Json, rng: random.Random) -> Json:
    path = rng.choice(_paths(root))
    choice = rng.randrange(4)
    if choice == 0:
        value: Json = "x" * rng.choice([10_000, 100_000])
    elif choice == 1:
        value = [{} for _ in range(rng.choice([500, 2_000]))]  # 10,000: issue 12 finding 4
    elif choice == 2:
        value = []
        for _ in range(rng.choice([50, 500, 5_000])):
            value = [value]
    else:
        value = {}
        for _ in range(rng.choice([50, 500])):
            value = {"credentialSubject": value}
    return _set(root, path, value)


JSON_MUTATIONS: tuple[Callable[[Json, random.Random], Json], ...] = (
    _replace_value,
    _replace_value,
    _delete_key,
    _add_key,
    _rename_key,
    _wrap,
    _context,
    _context,
    _type,
    _proof,
    _proof,
    _huge,
)


def _dump(root: Json, rng: random.Random) -> bytes:
    try:
        text = json.dumps(root, ensure_ascii=rng.random() < 0.5)
    except (ValueError, RecursionError):
        return b"[]"
    if rng.random() < 0.1 and text.startswith("{"):
        text = '{"id": "urn:duplicate", "id": "urn:other", ' + text[1:]  # duplicate keys
    return text.encode("utf-8", errors="surrogatepass")


def _mutate_json(root: Json, rng: random.Random) -> Json:
    for _ in range(rng.randint(1, 3)):
        root = rng.choice(JSON_MUTATIONS)(root, rng)
    return root


def _b64decode(part: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        return None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _mutate_jwt(text: str, rng: random.Random) -> bytes:
    parts = text.split(".")
    choice = rng.randrange(5)
    if choice in (0, 1) and len(parts) >= 2:
        index = choice
        raw = _b64decode(parts[index])
        try:
            parsed = json.loads(raw or b"")
        except ValueError:
            parsed = {}
        parts[index] = _b64(_dump(_mutate_json(parsed, rng), rng))
    elif choice == 2 and len(parts) >= 3:
        parts[2] = _flip_char(parts[2], rng)
    elif choice == 3:
        parts = rng.choice([parts[:2], [*parts, ""], [*parts, parts[-1]], parts[:1], ["", "", ""]])
    else:
        index = rng.randrange(len(parts))
        parts[index] = _flip_char(parts[index], rng) + rng.choice(["", "=", "!", "~", " "])
    return ".".join(parts).encode("utf-8", errors="surrogatepass")


def _mutate_vp1(text: str, rng: random.Random) -> bytes:
    prefix, body = text[:5], text[5:]
    choice = rng.randrange(5)
    if choice == 0:
        body = _flip_char(body, rng)
    elif choice == 1:
        body = body[: rng.randrange(len(body) + 1)]
    elif choice == 2:
        body += "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567 $%*+-./:") for _ in range(8))
    elif choice == 3:
        prefix = rng.choice(["VP1-B", "VP1-R", "VP1-b", "VP1-", "VP2-B"])
    else:
        body = body.lower()
    return (prefix + body).encode()


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(5)
        position = rng.randrange(len(buffer) + 1)
        if choice == 0 and buffer:
            buffer[min(position, len(buffer) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:
            buffer[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice == 2:
            del buffer[position : position + rng.randint(1, 64)]
        elif choice == 3:
            buffer[position:position] = buffer[position : position + rng.randint(1, 256)]
        else:
            del buffer[position:]
    return bytes(buffer)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One mutation of `data`, chosen by its shape; never larger than `MAX_MUTATED_BYTES`."""
    try:
        return _mutate(data, rng)[:MAX_MUTATED_BYTES]
    except RecursionError:  # an earlier mutation nested it past what json can write
        return _mutate_bytes(data, rng)[:MAX_MUTATED_BYTES]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace").strip()
    mutated: bytes
    if rng.random() < 0.15:
        mutated = _mutate_bytes(data, rng)
    elif text.startswith(("{", "[")):
        try:
            mutated = _dump(_mutate_json(json.loads(text), rng), rng)
        except (ValueError, RecursionError):
            mutated = _mutate_bytes(data, rng)
    elif text.startswith("VP1-"):
        mutated = _mutate_vp1(text, rng)
    elif text.count(".") >= 2 and " " not in text:
        mutated = _mutate_jwt(text, rng)
    else:
        mutated = _mutate_bytes(data, rng)
    return mutated
