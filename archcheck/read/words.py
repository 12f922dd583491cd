"""Vietnamese names and phrases in the form they are compared in: diacritics folded, stop words out.

Used wherever free text a user wrote is matched against a list (a Mẫu 03 value, a data group of a
national database, the name of a component): "Hệ thống thông tin Một cửa điện tử" and "mot cua dien
tu" are the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, no diacritics (đ as d), every run of other characters one space.

    >>> fold("Hệ thống số/HTTT")
    'he thong so httt'
    >>> fold("  Nâng cấp/mở rộng ")
    'nang cap mo rong'
    """
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").casefold().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text).strip()


STOP_PHRASES: tuple[str, ...] = (
    "hệ thống thông tin", "cơ sở dữ liệu", "hệ thống", "phần mềm", "nền tảng", "xây dựng", "nâng cấp",
    "mở rộng", "triển khai", "địa bàn", "thành phố", "quốc gia", "trung ương",
)
"""Words that name what kind of thing a name is, or how it is built, not what it does (the issue's
"hệ thống", "phần mềm", "nền tảng", and their like), or its level (a scope, compared apart)."""

STOP_WORDS: frozenset[str] = frozenset({
    "của", "và", "cho", "tại", "các", "trên", "với", "về", "cấp", "tỉnh", "xã", "phường", "số", "sở", "mới",
    "dùng", "chung", "những", "công", "tác", "thuộc",
})
"""Single words too common in system names to say anything. Compared with their diacritics: "của" is
a stop word, "cửa" (of "một cửa") is not. A word written without any diacritics is compared folded,
except where folding makes two words one ("cua": "của" or "cửa"; "so": "số" or "Sở")."""

_AMBIGUOUS = frozenset({"cua", "so", "xa", "cong"})


def _folded(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


_ASCII_STOPS = frozenset(_folded(w).replace("đ", "d") for w in STOP_WORDS) - _AMBIGUOUS


def content_words(text: str) -> frozenset[str]:
    """The words of a name that say what it is for, folded, in any order.

    >>> sorted(content_words("Phần mềm một cửa điện tử của Sở Xây dựng"))
    ['cua', 'dien', 'mot', 'tu']
    >>> content_words("Hệ thống thông tin báo cáo") == content_words("báo cáo, hệ thống thông tin")
    True
    >>> sorted(content_words("He thong mot cua dien tu cap tinh"))
    ['cua', 'dien', 'mot', 'tu']
    """
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").casefold()
    words = re.sub(r"[^\w]+", " ", text).split()
    joined = f" {' '.join(words)} "
    for phrase in (*STOP_PHRASES, *(_folded(p).replace("đ", "d") for p in STOP_PHRASES)):
        joined = joined.replace(f" {phrase} ", " ")
    out = set()
    for w in joined.split():
        plain = _folded(w).replace("đ", "d")
        if w in STOP_WORDS or (plain == w and plain in _ASCII_STOPS):
            continue
        out.add(plain)
    return frozenset(out)


def contains_phrase(text: str, phrase: str) -> bool:
    """True if the folded ``phrase`` occurs in the folded ``text`` as whole words.

    >>> contains_phrase("Lưu thông tin cơ bản của công dân", "thông tin cơ bản của công dân")
    True
    >>> contains_phrase("Danh bạ công dân", "công dân Việt Nam")
    False
    """
    p = fold(phrase)
    return bool(p) and f" {p} " in f" {fold(text)} "


def similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard similarity of two word sets (0 when both are empty).

    >>> similarity({"bao", "cao"}, {"bao", "cao", "thong", "ke"})
    0.5
    """
    sa, sb = set(a), set(b)
    union = sa | sb
    return len(sa & sb) / len(union) if union else 0.0
