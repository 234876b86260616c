"""Where the real CBOR-LD / VPQR samples are: ``../shared/vectors/cborld/``, never this repo.

The samples (QR texts from wallets' and libraries' tests and docs, the reference
implementation's example files and decode vectors, and the extra JSON-LD contexts some of
them need) were taken from public repositories, so they live only in the steering
repository's ``shared/vectors/cborld/`` (``SOURCE.md`` there names every source). Tests
that read them are marked ``shared`` and skip cleanly when the folder is absent.

Set ``KIOSK_CBORLD_SAMPLES`` to a folder with the same layout (``samples.json``,
``vectors.json``, ``cborld-examples/``, ``contexts/``, ``expected/``) to read the samples
from there instead, e.g. a copy proposed for ``shared/`` that is not there yet::

    KIOSK_CBORLD_SAMPLES=/path/to/cborld .venv/bin/python -m pytest -q -m shared \\
        tests/unit/scanners/test_scanner_cborld.py
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_VECTORS, shared_vectors

ENV_VAR = "KIOSK_CBORLD_SAMPLES"
SHARED_CBORLD = SHARED_VECTORS / "cborld"


def _override() -> Path | None:
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None


def find_samples() -> Path | None:
    """The samples folder if it is there, else None (for collecting tests; never skips)."""
    folder = _override() or SHARED_CBORLD
    return folder if (folder / "samples.json").is_file() else None


def cborld_samples() -> Path:
    """The samples folder, or skip the test cleanly (with the reason) when it is absent."""
    override = _override()
    if override is not None:
        if not (override / "samples.json").is_file():
            pytest.skip(f"{ENV_VAR}={override} has no samples.json (real CBOR-LD samples)")
        return override
    folder = shared_vectors() / "cborld"  # skips when ../shared/vectors is absent
    if not (folder / "samples.json").is_file():
        pytest.skip(
            "../shared/vectors/cborld/ is not present: the real CBOR-LD samples live there "
            f"(or set {ENV_VAR})"
        )
    return folder


def read_json(relative: str) -> Any:
    """A JSON file of the samples folder (skips when the folder is absent)."""
    return json.loads((cborld_samples() / relative).read_text("utf-8"))


def collected(name: str, key: str) -> list[Any]:
    """``samples.json`` / ``vectors.json`` entries for parametrizing, or [] when absent."""
    folder = find_samples()
    if folder is None:
        return []
    return list(json.loads((folder / name).read_text("utf-8"))[key])


def params(items: list[Any], ids: Callable[[Any], str]) -> list[Any]:
    """``pytest.param`` per item; one placeholder when there are none, so the test is
    collected and reports the skip (and its reason) instead of an empty parameter set."""
    if not items:
        return [pytest.param(None, id="no-shared-samples")]
    return [pytest.param(item, id=ids(item)) for item in items]


def extra_contexts() -> dict[str, Mapping[str, Any]]:
    """The extra JSON-LD contexts the samples need (age, cit, citizenship, activitystreams):
    fetched from public repositories too, so they come from the samples folder."""
    folder = cborld_samples() / "contexts"
    index = json.loads((folder / "index.json").read_text("utf-8"))
    return {
        url: json.loads((folder / entry["file"]).read_text("utf-8")) for url, entry in index.items()
    }
