"""Where the real CBOR-LD / VPQR samples are: ``../shared/vectors/cborld/``, never this repo.

The samples were taken from public repositories (Digital Bazaar's CBOR-LD fixtures with their
JSON-LD originals, VPQR strings from Digital Bazaar's and DCC's vpqr tests and the presentation
they encode, the DCC docs' VPQR examples), so they live only in ``shared/vectors/cborld/``,
whose ``MANIFEST.json`` names each file's source, commit and licence. Tests that read them are
marked ``shared`` and skip cleanly when the folder is absent.

Layout read here (the folder's own, as its MANIFEST lists it):

- ``digitalbazaar-cborld/examples/NAME.cborld`` with its original ``NAME.jsonld``, and
  ``digitalbazaar-cborld/contexts/`` (extra contexts the examples need);
- ``vpqr/digitalbazaar-vpqr/qr-*.txt`` (VPQR texts) with ``qr-*.cborld`` (their bytes) and
  ``exampleVp.jsonld`` (the presentation they encode); ``vpqr/digitalcredentials-vpqr/qr-B.txt``
  (the DCC fork's copy of the same text);
- ``dcc-docs/NAME.vpqr.txt`` with ``NAME.cborld`` and ``NAME.jsonld``.

Set ``KIOSK_CBORLD_SAMPLES`` to a folder with the same layout to read it instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_VECTORS, shared_vectors

ENV_VAR = "KIOSK_CBORLD_SAMPLES"
SHARED_CBORLD = SHARED_VECTORS / "cborld"
EXTRA_CONTEXT_URLS = {
    "activitystreams.jsonld": "https://www.w3.org/ns/activitystreams",
}
"""The examples' extra contexts by file name (the folder stores them without their URL)."""


@dataclass(frozen=True)
class VpqrSample:
    """One real VPQR text, the CBOR-LD bytes it carries, and the presentation it encodes."""

    text: str
    """Relative to the samples folder."""
    cborld: str | None
    """The bytes file derived from it (None: not stored, e.g. the DCC fork's copy)."""
    presentation: str

    @property
    def name(self) -> str:
        return self.text


def _override() -> Path | None:
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None


def find_samples() -> Path | None:
    """The samples folder if it is there, else None (for collecting tests; never skips)."""
    folder = _override() or SHARED_CBORLD
    return folder if (folder / "MANIFEST.json").is_file() else None


def cborld_samples() -> Path:
    """The samples folder, or skip the test cleanly (with the reason) when it is absent."""
    override = _override()
    if override is not None:
        if not (override / "MANIFEST.json").is_file():
            pytest.skip(f"{ENV_VAR}={override} has no MANIFEST.json (real CBOR-LD samples)")
        return override
    folder = shared_vectors() / "cborld"  # skips when ../shared/vectors is absent
    if not (folder / "MANIFEST.json").is_file():
        pytest.skip(
            "../shared/vectors/cborld/ is not present: the real CBOR-LD samples live there "
            f"(or set {ENV_VAR})"
        )
    return folder


def manifest_paths() -> list[str]:
    """Every path the samples' MANIFEST lists ([] when the folder is absent)."""
    folder = find_samples()
    if folder is None:
        return []
    entries = json.loads((folder / "MANIFEST.json").read_text("utf-8"))["files"]
    return [str(entry["path"]) for entry in entries]


def vpqr_samples() -> list[VpqrSample]:
    """The VPQR texts of the MANIFEST, each paired with its bytes and presentation."""
    paths = set(manifest_paths())
    samples = []
    for text in sorted(p for p in paths if p.endswith(".txt")):
        folder, _, name = text.rpartition("/")
        stem = name.removesuffix(".txt").removesuffix(".vpqr")
        cborld = f"{folder}/{stem}.cborld"
        own = f"{folder}/{stem}.jsonld"
        presentation = own if own in paths else "vpqr/digitalbazaar-vpqr/exampleVp.jsonld"
        samples.append(VpqrSample(text, cborld if cborld in paths else None, presentation))
    return samples


def example_names() -> list[str]:
    """``digitalbazaar-cborld/examples`` names having both a .cborld and a .jsonld."""
    paths = set(manifest_paths())
    prefix = "digitalbazaar-cborld/examples/"
    return sorted(
        p.removeprefix(prefix).removesuffix(".cborld")
        for p in paths
        if p.startswith(prefix) and p.endswith(".cborld") and p[:-7] + ".jsonld" in paths
    )


def read_json(relative: str) -> Any:
    """A JSON file of the samples folder (skips when the folder is absent)."""
    return json.loads((cborld_samples() / relative).read_text("utf-8"))


def read_bytes(relative: str) -> bytes:
    return (cborld_samples() / relative).read_bytes()


def params(items: list[Any], ids: Callable[[Any], str]) -> list[Any]:
    """``pytest.param`` per item; one placeholder when there are none, so the test is
    collected and reports the skip (and its reason) instead of an empty parameter set."""
    if not items:
        return [pytest.param(None, id="no-shared-samples")]
    return [pytest.param(item, id=ids(item)) for item in items]


def extra_contexts() -> dict[str, Mapping[str, Any]]:
    """The extra JSON-LD contexts the examples need, by URL (from the samples folder)."""
    folder = cborld_samples() / "digitalbazaar-cborld" / "contexts"
    return {
        EXTRA_CONTEXT_URLS[path.name]: json.loads(path.read_text("utf-8"))
        for path in folder.glob("*.jsonld")
        if path.name in EXTRA_CONTEXT_URLS
    }
