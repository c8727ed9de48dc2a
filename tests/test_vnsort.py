"""Vietnamese name order on tricky names (the probes ICU's Vietnamese collation gets right)."""

from __future__ import annotations

import random
import unicodedata

from thidua.vnsort import name_key, word_key


def _sorted(words: list[str]) -> list[str]:
    return sorted(words, key=word_key)


def test_d_before_dd() -> None:
    assert _sorted(["Đào", "Dũng", "Dương", "Đặng"]) == ["Dũng", "Dương", "Đào", "Đặng"]


def test_vowel_letters_are_letters() -> None:
    assert _sorted(["Ân", "Ăn", "An", "Bình"]) == ["An", "Ăn", "Ân", "Bình"]
    assert _sorted(["Ơn", "Ôn", "On"]) == ["On", "Ôn", "Ơn"]
    assert _sorted(["Ưng", "Ung", "Vy"]) == ["Ung", "Ưng", "Vy"]
    assert _sorted(["Êm", "Em"]) == ["Em", "Êm"]


def test_tones_in_collation_order_and_secondary() -> None:
    assert _sorted(["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]) == ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]
    # Letters decide before tones: "Hà" < "Hai" although à > a.
    assert _sorted(["Hai", "Hà"]) == ["Hà", "Hai"]


def test_names_sort_by_given_then_family_then_middle() -> None:
    names = ["Trần Văn Ha", "Nguyễn Thị Hà", "Lê Minh Anh", "Nguyễn Văn An", "Nguyễn Thị An"]
    assert sorted(names, key=name_key) == [
        "Nguyễn Thị An", "Nguyễn Văn An", "Lê Minh Anh", "Trần Văn Ha", "Nguyễn Thị Hà"]


def test_nfd_input_sorts_like_nfc() -> None:
    names = ["Đỗ Thị Ánh", "Phạm Văn Đức", "Hồ Quốc Dũng", "Nguyễn Thị Ánh"]
    nfd = [unicodedata.normalize("NFD", n) for n in names]
    assert [unicodedata.normalize("NFC", n) for n in sorted(nfd, key=name_key)] == sorted(
        names, key=name_key)


def test_order_is_total_and_stable() -> None:
    rng = random.Random(4)
    words = ["An", "Ăn", "Ân", "Ánh", "Ảnh", "Bình", "Dũng", "Đào", "Hà", "Hạ", "Ý", "Yến"]
    shuffled = words[:]
    rng.shuffle(shuffled)
    assert _sorted(shuffled) == _sorted(words)
