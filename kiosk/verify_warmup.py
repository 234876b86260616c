"""Importing this module warms the JSON-LD caches: the verification worker's forkserver
imports it once (`kiosk.verify_worker`), so every worker forked from it, a replacement after a
kill included, starts with the bundled contexts already processed and verifies its first scan
as fast as its hundredth. Nothing else imports it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kiosk.verification.jsonld.canonicalize import canonicalize

WARM_UP_CREDENTIAL = Path(__file__).resolve().parent / "demo" / "credentials" / "01-valid.json"


def warm_up() -> None:
    """Canonicalize the demo credential (the v2 and Open Badges contexts most scans use)."""
    try:
        document = json.loads(WARM_UP_CREDENTIAL.read_text("utf-8"))
        canonicalize({key: value for key, value in document.items() if key != "proof"})
    except Exception:  # a cold cache is slower, never wrong
        logging.getLogger(__name__).exception("warming up the JSON-LD caches failed")


warm_up()
