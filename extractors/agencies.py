"""Agencies named in an action: split a "Cơ quan thực hiện: …" value into agencies and map each to its
canonical name in the gazetteer (`agency_gazetteer.json`, data), with a spaCy PhraseMatcher on lower-case
tokens. An agency the gazetteer does not know is kept as written, with `canonical` None."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import regex
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from schemas.extraction import AgencyRef

GAZETTEER = Path(__file__).with_name("agency_gazetteer.json")
# Agencies are split at ";" and at a comma before a capital ("…, Công an huyện, UBND các xã, thị trấn"): a
# comma before a small letter is inside a name ("Các cơ quan, đơn vị thuộc UBND huyện").
# "và" separates two agencies when an agency's head word follows ("… thuộc UBND huyện và UBND các xã"), but not
# inside a name ("Văn phòng HĐND và UBND huyện", "Phòng Văn hóa và Thông tin").
AGENCY_BREAK = regex.compile(
    r"\s*;\s*|\s*,\s*(?=\p{Lu}|(?:tổ|bộ\s+phận|công\s+chức|các)\b)"
    r"|(?<!\b(?:HĐND|Hội\s+đồng\s+nhân\s+dân))\s+và\s+(?=(?:UBND|Ủy\s+ban|Phòng|Văn\s+phòng|Sở|Ban|Công\s+an"
    r"|Trung\s+tâm|Bộ\s+phận|Chủ\s+tịch|Thủ\s+trưởng|(?i:các\s+(?:cơ\s+quan|đơn\s+vị|phòng))|Các)\b)"
)
# An agency's name in running text: capitalised words, each with the lower-case second syllable of its
# compound ("Công an tỉnh", "UBND cấp huyện", "Sở Nội vụ"), unit words and "và" between them.
_SECOND_SYLLABLE = r"(?!(?:và|về|với|để|trong|theo|tại|của|cho|ban|có|được|đã)\b)\p{Ll}+"
_NAME_WORD = rf"\p{{Lu}}[\p{{L}}&-]*(?:\s+{_SECOND_SYLLABLE})?"
# Names whose words run on in lower case after their capitals.
_LOWER_CASE_NAMES = r"Trung\s+tâm\s+Phục\s+vụ\s+hành\s+chính\s+công|Bộ\s+phận\s+tiếp\s+nhận\s+và\s+trả\s+kết\s+quả"
AGENCY_PHRASE = (
    rf"(?:{_LOWER_CASE_NAMES}|{_NAME_WORD})(?:(?:\s+|\s*[-–]\s*(?=\p{{Lu}}))(?:{_NAME_WORD}|tỉnh|huyện|xã|phường"
    rf"|thị\s+xã|thị\s+trấn|và(?=\s+\p{{Lu}}))|(?<=\bxã),\s+(?:thị\s+trấn|phường))*"
)  # "Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND xã", "Trung tâm Phục vụ hành chính công tỉnh", "UBND các
# xã, thị trấn"
# A group of agencies in lower case, where the task after it starts: "các sở, ban, ngành tỉnh tuyên truyền …".
_GROUP_WORD = r"(?:sở|ban|ngành|cơ\s+quan|đơn\s+vị|phòng|địa\s+phương)"
AGENCY_GROUP = regex.compile(
    rf"các\s+{_GROUP_WORD}(?:\s*,\s*{_GROUP_WORD})*(?:\s+sự\s+nghiệp(?:\s+công\s+lập)?)?"
    rf"(?:\s+(?:tỉnh|huyện|xã|thành\s+phố|chuyên\s+môn|(?:trực\s+)?thuộc\s+(?:UBND\s+|Sở\s+)?(?:tỉnh|huyện|xã)))?(?=\s|$)"
)
NAMED_AGENCY = regex.compile(AGENCY_PHRASE)


def named_agencies(value: str) -> str:
    """The agencies a list names before the task runs on: "Phòng Văn hóa - Xã hội lưu trữ đầy đủ hồ sơ …" ->
    "Phòng Văn hóa - Xã hội". A capitalised name ends where its words do; the list ends with it."""
    kept: list[str] = []
    for part in split_agencies(value):
        named = NAMED_AGENCY.match(part) if part[:1].isupper() else AGENCY_GROUP.match(part)
        if named is None or named.end() == len(part):
            kept.append(part)
            continue
        kept.append(named.group())
        break
    return "; ".join(kept)


TOKEN = regex.compile(r"[\p{L}\p{N}&]+|[^\s\p{L}\p{N}&]")
GROUP = regex.compile(r"^(?:các|UBND các|Thủ trưởng các|Chủ tịch UBND các)\b", regex.IGNORECASE)


@cache
def _nlp_and_matcher() -> tuple[Language, PhraseMatcher, dict[str, tuple[str, bool, str | None]]]:
    """Built once per process: a blank Vietnamese pipeline (whitespace tokens, no pyvi) and the phrases."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels: dict[str, tuple[str, bool, str | None]] = {}
    for index, entry in enumerate(json.loads(GAZETTEER.read_text(encoding="utf-8"))["agencies"]):
        key = f"A{index}"
        labels[key] = (entry["canonical"], bool(entry.get("group", False)), entry.get("level"))
        matcher.add(key, [nlp.make_doc(_tokens(variant)) for variant in entry["variants"]])
    return nlp, matcher, labels


def _tokens(text: str) -> str:
    """Punctuation apart from words, so that "huyện," and "Kế hoạch;" match the gazetteer's tokens."""
    return " ".join(TOKEN.findall(text))


def split_agencies(value: str) -> list[str]:
    """Agencies one per entry; a comma inside a known name ("Phòng Văn hóa, Khoa học và Thông tin") stays."""
    value = value.strip().rstrip(".;")
    kept = _names_with_commas().sub(lambda m: m.group().replace(",", KEPT_COMMA), value)
    parts = (part.strip(" .").replace(KEPT_COMMA, ",") for part in AGENCY_BREAK.split(kept))
    return [part for part in parts if part]


KEPT_COMMA = "\x00"


@cache
def _names_with_commas() -> regex.Pattern[str]:
    names = {
        variant
        for entry in json.loads(GAZETTEER.read_text(encoding="utf-8"))["agencies"]
        for variant in entry["variants"]
        if "," in variant
    }
    escaped = sorted((regex.escape(name).replace(r"\ ", r"\s+") for name in names), key=len, reverse=True)
    return regex.compile("|".join(escaped) or r"(?!)", regex.IGNORECASE)


def agency_refs(value: str) -> tuple[AgencyRef, ...]:
    return tuple(canonical_agency(part) for part in split_agencies(value))


def canonical_agency(text: str) -> AgencyRef:
    nlp, matcher, labels = _nlp_and_matcher()
    doc = nlp.make_doc(_tokens(text))
    # A name that opens the text: "Tư pháp" names Phòng Tư pháp, but not inside "Sở Tư pháp tỉnh".
    matches = sorted((m for m in matcher(doc) if m[1] == 0), key=lambda m: m[2], reverse=True)
    if matches:
        canonical, group, level = labels[nlp.vocab.strings[matches[0][0]]]
        return AgencyRef(text=text, canonical=canonical, group=group, level=level)
    return AgencyRef(text=text, canonical=None, group=bool(GROUP.match(text)))
