"""`kiosk trust add` / `remove`: editing the operator's local list (format 1, docs/trust-lists.md).

The file is rewritten atomically (a temporary file, then a rename); a local list that does not
load is never edited.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kiosk.verification.plain_text import plain_text

EXIT_PROBLEM = 1
EXIT_USAGE = 64
LOCAL_LIST_FORMAT = "credential-kiosk-trust-list/1"


def _plain(text: str) -> str:
    return plain_text(text, 200)


def _read_local(local: Path) -> dict[str, Any]:
    if not local.exists():
        return {
            "format": LOCAL_LIST_FORMAT,
            "name": "Local entries",
            "publisher": "this kiosk",
            "issuers": [],
        }
    from trust_lists.loader import load_trust_list

    load_trust_list(local)  # refuse to edit a list that does not load
    data: dict[str, Any] = json.loads(local.read_text("utf-8"))
    return data


def _write_local(local: Path, data: dict[str, Any]) -> None:
    local.parent.mkdir(parents=True, exist_ok=True)
    temporary = local.with_name(f".{local.name}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    temporary.replace(local)


def add_entry(local: Path, issuer_id: str, name: str, note: str) -> int:
    """`kiosk trust add`: add (or replace) one entry; 64 when the id is not a DID or https URL."""
    if not issuer_id.startswith(("did:", "https://")) or not name.strip():
        print(
            "kiosk: the id must be a DID or an https URL, and the name not empty", file=sys.stderr
        )
        return EXIT_USAGE
    data = _read_local(local)
    issuers = [e for e in data["issuers"] if e.get("id") != issuer_id]
    entry = {"id": issuer_id, "name": name.strip(), **({"note": note} if note else {})}
    data["issuers"] = [*issuers, entry]
    _write_local(local, data)
    print(f"Added {_plain(issuer_id)} as {_plain(name)} to {local}.")
    return 0


def remove_entry(local: Path, issuer_id: str) -> int:
    """`kiosk trust remove`: 1 when the id is not in the local list."""
    data = _read_local(local)
    kept = [e for e in data["issuers"] if e.get("id") != issuer_id]
    if len(kept) == len(data["issuers"]):
        print(f"kiosk: {_plain(issuer_id)} is not in the local list {local}", file=sys.stderr)
        return EXIT_PROBLEM
    data["issuers"] = kept
    _write_local(local, data)
    print(f"Removed {_plain(issuer_id)} from {local}.")
    return 0
