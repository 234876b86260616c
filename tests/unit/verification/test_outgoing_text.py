"""Issue 12 finding 6: one text policy for everything that leaves the kiosk.

Reasons and details built from credential text (an undefined term's name, an unknown context URL,
a cryptosuite name, a key id, a status entry, a challenge) were printed raw: escape sequences
could clear the screen and draw a fake "✔ VERIFIED". Here hostile strings go into each of those
places and every output is read back: the report's JSON form, the CLI's text lines and JSON, and
what the history stores. None may carry a forbidden code point, as this test defines them itself
(from the Unicode categories and the list of invisible fillers, not from the kiosk's code), nor a
flood of combining marks, nor an endless line.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import dump_json, main
from kiosk.history import HistoryLog
from kiosk.report_text import report_lines
from kiosk.verification import VerificationReport, verify_payload
from kiosk.verification.model import CheckId, CheckResult
from kiosk.verification.suites.signing import sign_eddsa_rdfc_2022
from tests.helpers import context, deep_copy, make_key, ob3_unsigned, signed_ob3

KEY = make_key()
VALID = signed_ob3()
CONTEXT = context()

INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u3164\ufe00\ufe0f\ufeff\uffa0\U000e0041\U000e0100"
)
"""Zero-width and invisible code points that are letters or marks by category (fillers), plus
the zero-width format characters: they render as nothing."""
DANGEROUS = (
    "\x1b\x9b\x07\x08\r\n\t\x00\x7f\x85\u2028\u2029"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" + INVISIBLE
)
MARKS = "\u0301\u0336\u0489\u20dd"
MAX_MARKS = 3
MAX_LINE = 600


def forbidden(char: str) -> bool:
    """The test's own definition of what must never leave the kiosk."""
    if char in INVISIBLE:
        return True
    return unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


def assert_clean(text: str, where: str) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in text if forbidden(c)})
    assert not bad, f"{where}: {bad} in {text!r}"
    run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char) in {"Mn", "Me"} else 0
        assert run <= MAX_MARKS, f"{where}: a flood of combining marks in {text!r}"
    assert len(text) <= MAX_LINE, f"{where}: a line of {len(text)} characters"


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def assert_every_output_clean(report: VerificationReport) -> None:
    for text in strings(report.as_dict()):
        assert_clean(text, "as_dict")
    for line in report_lines(report):
        assert_clean(line, "CLI text")
    for text in strings(json.loads(dump_json(report.as_dict()))):
        assert_clean(text, "CLI --json")
    for text in strings(dataclasses.astuple(HistoryLog().entry_for(report, "camera"))):
        assert_clean(text, "history")


HOSTILE = st.one_of(
    st.text(st.sampled_from(DANGEROUS + "ab ✔VERIFIED[2J;"), min_size=1, max_size=40),
    st.builds(lambda base, n: base + MARKS[0] * n, st.sampled_from("aZ"), st.integers(4, 400)),
    st.builds(lambda n: "\x1b[2J\x1b[H✔ VERIFIED " + "x" * n, st.integers(0, 3000)),
)


def _unsigned_change(change: Callable[[dict[str, Any], str], None]) -> Callable[[str], bytes]:
    def build(hostile: str) -> bytes:
        document = deep_copy(VALID)
        change(document, hostile)
        return json.dumps(document).encode()

    return build


def _signed_change(change: Callable[[dict[str, Any], str], None]) -> Callable[[str], bytes]:
    """Changed before signing: the checks past the proof run and read the hostile text."""

    def build(hostile: str) -> bytes:
        document = ob3_unsigned(KEY)
        change(document, hostile)
        return json.dumps(sign_eddsa_rdfc_2022(document, KEY, "2026-01-15T09:00:00Z")).encode()

    return build


def _status_entry(document: dict[str, Any], hostile: str) -> None:
    document["credentialStatus"] = {
        "id": "https://status.example/list#1",
        "type": "BitstringStatusListEntry",
        "statusPurpose": hostile,
        "statusListIndex": "1",
        "statusListCredential": "https://status.example/" + hostile.encode("utf-8").hex(),
        "statusMessage": [{"status": "0x1", "message": hostile}],
        "statusSize": 2,
    }


def _presentation(hostile: str) -> bytes:
    return json.dumps(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": "did:example:" + hostile,
            "verifiableCredential": [deep_copy(VALID)],
            "proof": {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-rdfc-2022",
                "verificationMethod": VALID["proof"]["verificationMethod"],
                "proofPurpose": "authentication",
                "challenge": hostile,
                "proofValue": "z1111",
            },
        }
    ).encode()


def _token(hostile: str) -> bytes:
    parts = ({"alg": hostile, "kid": hostile, "typ": "vc+jwt"}, {"@context": hostile})
    encoded = (base64.urlsafe_b64encode(json.dumps(p).encode()).rstrip(b"=") for p in parts)
    return b".".join((*encoded, b"AAAA"))


PLACES: dict[str, Callable[[str], bytes]] = {
    "undefined term": _unsigned_change(lambda d, h: d["credentialSubject"].update({h: "x"})),
    "context url": _unsigned_change(lambda d, h: d["@context"].append("https://evil.example/" + h)),
    "cryptosuite": _unsigned_change(lambda d, h: d["proof"].update({"cryptosuite": h})),
    "proof type": _unsigned_change(lambda d, h: d["proof"].update({"type": h})),
    "key id": _unsigned_change(lambda d, h: d["proof"].update({"verificationMethod": h})),
    "did key id": _unsigned_change(
        lambda d, h: d["proof"].update({"verificationMethod": "did:example:" + h})
    ),
    "proof value": _unsigned_change(lambda d, h: d["proof"].update({"proofValue": h})),
    "issuer id": _unsigned_change(lambda d, h: d["issuer"].update({"id": "did:key:" + h})),
    "signed names": _signed_change(
        lambda d, h: (
            d["issuer"].update({"name": h}),
            d["credentialSubject"].update({"name": h}),
            d["credentialSubject"]["achievement"].update({"name": h}),
        )
    ),
    "signed status entry": _signed_change(_status_entry),
    "signed dates": _signed_change(lambda d, h: d.update({"validUntil": h})),
    "presentation challenge and holder": _presentation,
    "jwt header": _token,
}


@pytest.mark.parametrize("place", sorted(PLACES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile=HOSTILE)
def test_hostile_text_in_any_place_never_leaves_the_kiosk(place: str, hostile: str) -> None:
    report = verify_payload(PLACES[place](hostile), CONTEXT)
    assert_every_output_clean(report)


def test_a_fake_verified_drawn_with_escape_codes_does_not_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's example: an undefined term named with an escape sequence that clears the
    screen and draws "✔ VERIFIED / Every check passed." over a NOT VERIFIED credential."""
    document = deep_copy(VALID)
    document["credentialSubject"]["\x1b[2J\x1b[H✔ VERIFIED\n  Every check passed.\x1b[8m"] = "x"
    path = tmp_path / "fake.json"
    path.write_text(json.dumps(document))
    assert main(["verify", str(path), "--offline"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and out.startswith("✘ NOT VERIFIED")
    assert out.count("\n  Every check passed.") == 0
    assert main(["verify", str(path), "--offline", "--json"]) == 1
    assert "\x1b" not in capsys.readouterr().out  # not even escaped as \u001b


def test_no_report_can_be_built_with_hostile_text() -> None:
    """The policy is applied where report objects are built: no path can forget it."""
    check = CheckResult.failed(CheckId.FORMAT, "bad \x1b[2J\u202eterm\u3164", "key: \u200bx\x9b")
    assert check.reason == "bad [2Jterm" and check.details == ("key: x",)
