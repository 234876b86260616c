"""detect_layout_damage: wrong keyboard layouts and Caps Lock are named, good scans are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanners.wedge import detect_layout_damage, looks_recognisable, typed_through

DEMO = Path(__file__).resolve().parents[3] / "kiosk" / "demo" / "credentials"
VALID = (DEMO / "01-valid.json").read_text("utf-8").strip()
URL = "https://wallet.example.org/credentials/9f2c?format=ob3&v=2"
JWT = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6a2V5Ono2TWsifQ.c2lnbmF0dXJl"


@pytest.mark.parametrize("payload", [VALID, URL, JWT], ids=["json", "url", "jwt"])
def test_good_scans_are_not_damage(payload: str) -> None:
    assert looks_recognisable(payload)
    assert detect_layout_damage(payload) is None


@pytest.mark.parametrize("payload", [VALID, URL, JWT], ids=["json", "url", "jwt"])
def test_caps_lock_is_recognised(payload: str) -> None:
    damage = detect_layout_damage(payload.swapcase())
    assert damage is not None
    assert damage.cause == "caps-lock"
    assert damage.explanation.startswith("The scanner keyboard layout looks wrong")
    assert "Caps Lock" in damage.explanation


@pytest.mark.parametrize("layout", ["de", "fr", "uk"])
@pytest.mark.parametrize("payload", [VALID, URL], ids=["json", "url"])
def test_a_wrong_layout_is_named(layout: str, payload: str) -> None:
    typed = typed_through(payload, layout)
    if (layout, payload) == ("uk", URL):
        assert typed == payload, "a British layout types this link unharmed"
        return
    assert typed != payload
    assert not looks_recognisable(typed)
    damage = detect_layout_damage(typed)
    assert damage is not None
    assert damage.cause == layout
    assert "keyboard layout looks wrong" in damage.explanation


def test_german_layout_damage_looks_as_expected() -> None:
    assert typed_through('{"@context":', "de") == 'ÜÄ"contextÄÖ'
    assert typed_through("https://", "de") == "httpsÖ--"


def test_caps_lock_on_a_german_layout_is_still_recognised() -> None:
    damage = detect_layout_damage(typed_through(URL, "de").swapcase())
    assert damage is not None


def test_odd_characters_alone_suggest_the_layout() -> None:
    damage = detect_layout_damage("ÜÄ§§ something that maps to nothing")
    assert damage is not None
    assert damage.cause == "unknown"


@pytest.mark.parametrize(
    "payload",
    [
        "WIFI:S:JobFair-Guest;T:WPA;P:not-a-credential;;",
        "hello world",
        "12345678",
        "",
        '{"broken json',
        "Café Zoë",  # ordinary accented text is not, by itself, damage... unless typical marks
    ],
)
def test_other_payloads_are_not_blamed_on_the_keyboard(payload: str) -> None:
    assert detect_layout_damage(payload) is None


def test_real_vpqr_text_is_recognised_and_its_caps_lock_damage_detected() -> None:
    from scanners.wedge import detect_layout_damage, looks_recognisable

    text = "VP1-B3ECQDIAMKRUGQ4DSZTGMRSWCZLFMVSWKZJQGAYDAMBQ"  # VP1-B + base32, as wallets print
    assert looks_recognisable(text)
    assert detect_layout_damage(text) is None
    damage = detect_layout_damage(text.swapcase())
    assert damage is not None and damage.cause == "caps-lock"
