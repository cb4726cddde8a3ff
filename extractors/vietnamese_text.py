"""Comparing Vietnamese phrases loosely: accents folded, abbreviations expanded, syllables as a set."""

from __future__ import annotations

import unicodedata

import regex

SYLLABLE = regex.compile(r"[\p{L}\p{N}]+")
TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)?")

# DOMAIN.md §4.1: abbreviations that stand for words of field and criterion names.
ABBREVIATIONS: dict[str, str] = {
    "cchc": "cải cách hành chính",
    "tthc": "thủ tục hành chính",
    "vbqppl": "văn bản quy phạm pháp luật",
    "qppl": "quy phạm pháp luật",
    "cbcc": "cán bộ công chức",
    "cbccvc": "cán bộ công chức viên chức",
    "ccvc": "công chức viên chức",
    "tcbm": "tổ chức bộ máy",
    "kt-xh": "kinh tế xã hội",
    "ktxh": "kinh tế xã hội",
    "ubnd": "ủy ban nhân dân",
    "cqđt": "chính quyền điện tử",
    "cpđt": "chính phủ điện tử",
    "xhh": "xã hội học",
    "đtxhh": "điều tra xã hội học",
}


def fold_accents(text: str) -> str:
    """Lower case without tone or vowel marks: "Thẩm định" -> "tham dinh"; tolerant of typos and OCR."""
    lowered = text.lower().replace("đ", "d")
    if lowered.isascii():
        return lowered  # no marks to take off: "10,51", "stt"
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join([ch for ch in decomposed if not unicodedata.combining(ch)])


def syllables(text: str) -> list[str]:
    """Lower-case syllables with abbreviations expanded: "Cải cách TTHC" -> [cải, cách, thủ, tục, hành, chính]."""
    out: list[str] = []
    for token in TOKEN.findall(text.lower()):
        expanded = ABBREVIATIONS.get(token)
        if expanded is None and "-" not in token:
            out.append(token)
        else:
            out.extend(SYLLABLE.findall(expanded or token))
    return out


def containment(phrase: str, text: str) -> float:
    """Share of the phrase's syllables (as a set) that occur in the text."""
    wanted = set(syllables(phrase))
    return len(wanted & set(syllables(text))) / len(wanted) if wanted else 0.0
