"""Vietnamese alphabetical order for names, without ICU.

Letters rank by the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
v x y, with f j w z for foreign names); tones are a secondary key in the order of the
Vietnamese collation of CLDR: ngang < huyền < hỏi < ngã < sắc < nặng. A personal name sorts
by given name, then family name, then middle name, each compared in full.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining tone marks in collation order (no tone first).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER = len(_ALPHABET)

WordKey = tuple[tuple[int, ...], tuple[int, ...]]


@lru_cache(maxsize=1 << 16)  # names repeat a lot; the cache stays bounded
def word_key(word: str) -> WordKey:
    """(letter ranks, tones) of a word; letters compare first over the whole word."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", word.lower()):
        decomposed = unicodedata.normalize("NFD", ch)
        tone = next((_TONES[m] for m in decomposed if m in _TONES), 0)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
        rank = _RANK.get(base)
        if rank is None:  # digits, punctuation, other scripts: after the letters
            letters.append(_OTHER + ord(base[0]) if base else _OTHER)
        else:
            letters.append(rank)
        tones.append(tone)
    return tuple(letters), tuple(tones)


def name_key(full_name: str) -> tuple[WordKey, WordKey, WordKey]:
    """Sort key for "Họ Đệm Tên": given name, then family name, then middle name."""
    parts = full_name.split()
    if not parts:
        return ((), ()), ((), ()), ((), ())
    family, given = parts[0], parts[-1]
    middle = " ".join(parts[1:-1]) if len(parts) > 2 else ""
    return word_key(given), word_key(family if len(parts) > 1 else ""), word_key(middle)
