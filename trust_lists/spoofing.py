# ruff: noqa: RUF001, RUF002 - look-alike letters on purpose
"""Folding issuer names so that look-alike spellings compare equal (name-spoofing detection).

    fold_name("Ｅxample  Univеrsity!") == fold_name("example university")
    # (a fullwidth Ｅ and a Cyrillic е)

A credential may claim any issuer name. The kiosk never trusts a name, but a claimed name that
*looks like* a trusted issuer's name under another id is an impersonation attempt, and the trust
check fails naming the issuer imitated (docs/trust-lists.md, "Name spoofing").

Folding, in order:
1. NFKC (fullwidth and compatibility forms, ligatures: "ﬁ" → "fi", "Ｅ" → "E");
2. the confusables table below (Cyrillic and Greek letters that look like Latin ones, and a few
   symbols), a small hand-kept subset of Unicode's confusables.txt (UTS #39) covering the letters
   used in Latin-script names;
3. NFKD with combining marks dropped ("é" → "e": accents are easy to miss on a small screen);
4. case folded; then "rn" → "m", "vv" → "w", and i / 1 / | → l, 0 → o (look-alikes in many
   fonts);
5. everything but letters and digits removed (spaces, punctuation, symbols, invisible format
   characters).

A wider fold only widens what is flagged; it never makes the kiosk trust anything.
"""

from __future__ import annotations

import unicodedata

CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "с": "c",
    "ԁ": "d",
    "е": "e",
    "ё": "e",
    "һ": "h",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "к": "k",
    "ӏ": "l",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "ԛ": "q",
    "г": "r",
    "ѕ": "s",
    "т": "t",
    "у": "y",
    "ѵ": "v",
    "ԝ": "w",
    "х": "x",
    "ү": "y",
    "з": "3",
    "ь": "b",
    "А": "A",
    "В": "B",
    "С": "C",
    "Е": "E",
    "Н": "H",
    "І": "I",
    "Ј": "J",
    "К": "K",
    "М": "M",
    "О": "O",
    "Р": "P",
    "Ѕ": "S",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "Ү": "Y",
    "Ԁ": "D",
    "Ԛ": "Q",
    "Ԝ": "W",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "γ": "y",
    "ω": "w",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    # Latin look-alikes and symbols
    "ı": "i",
    "ȷ": "j",
    "ɑ": "a",
    "ɡ": "g",
    "ɩ": "l",
    "ʟ": "l",
    "ſ": "s",
    "ƅ": "b",
    "ꞵ": "b",
    "&": "and",
    "＆": "and",
    "ℓ": "l",
    "∣": "l",
}
_DIGRAPHS = (("rn", "m"), ("vv", "w"))
_LOOKALIKE_LETTERS = str.maketrans({"i": "l", "1": "l", "|": "l", "0": "o"})


def fold_name(name: str) -> str:
    """`name` folded for look-alike comparison (see the module docstring); '' when nothing is
    left (a name of only punctuation never matches anything)."""
    text = unicodedata.normalize("NFKC", name[:400])
    text = "".join(CONFUSABLES.get(ch, ch) for ch in text)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = text.casefold()
    for pair, single in _DIGRAPHS:
        text = text.replace(pair, single)
    text = text.translate(_LOOKALIKE_LETTERS)
    return "".join(ch for ch in text if ch.isalnum())
