"""Text as search compares it: one folding for the search index, the name matching of `check` and `dossier suggest`.

Compatibility forms decomposed (Arabic presentation forms), marks dropped (diacritics, the hamza over or under
alef, Latin accents), tatweel and invisible format characters removed, alef wasla to alef, taa marbuta to haa,
alef maqsura and Persian yeh to yaa, Persian kaf to kaf, Arabic-Indic digits to ASCII, lower case. The browser
folds queries the same way (`docs/javascripts/search/normalise.js`, kept in step by `tests/cases/search/normalise.yaml`).
"""

from __future__ import annotations

import unicodedata

_FOLD = str.maketrans(
    {
        "\u0640": "",  # tatweel
        "\u0671": "\u0627",  # alef wasla → alef
        "\u0629": "\u0647",  # taa marbuta → haa
        "\u0649": "\u064a",  # alef maqsura → yaa
        "\u06cc": "\u064a",  # Persian yeh → yaa
        "\u06a9": "\u0643",  # Persian kaf → kaf
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
    }
)


def fold_for_search(text: str) -> str:
    """Text as search compares it: decomposed, marks and invisible characters dropped, Arabic letters folded, lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c)[0] != "M" and unicodedata.category(c) != "Cf")
    return kept.translate(_FOLD).lower()
