"""Documents a text cites: "Quyết định số 536/QĐ-UBND ngày 25/7/2024 của UBND tỉnh Quảng Ngãi", "(KH số
33/KH-UBND ngày 23/02/2024)", "Nghị định số 108/2014/NĐ-CP", footnotes included (DOMAIN.md §2.2-2.3)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import regex

from extractors.anchored_patterns import AnchoredPattern
from schemas.document import BlockKind, Document
from schemas.extraction import DocType, ReferenceRow, SourceSpan

# The type word before a number, as written or abbreviated, and what it is.
TYPE_WORDS: dict[str, DocType | str] = {
    "quyết định": DocType.QUYET_DINH,
    "qđ": DocType.QUYET_DINH,
    "kế hoạch": DocType.KE_HOACH,
    "kh": DocType.KE_HOACH,
    "báo cáo": DocType.BAO_CAO,
    "bc": DocType.BAO_CAO,
    "thông báo": DocType.THONG_BAO,
    "công văn": DocType.CONG_VAN,
    "cv": DocType.CONG_VAN,
    "tờ trình": DocType.TO_TRINH,
    "nghị quyết": "NGHI_QUYET",
    "nghị định": "NGHI_DINH",
    "thông tư": "THONG_TU",
    "chỉ thị": "CHI_THI",
    "hướng dẫn": "HUONG_DAN",
    "chương trình hành động": "CHUONG_TRINH",  # numbered "…-CTr/…" like any Chương trình
    "chương trình": "CHUONG_TRINH",
    "kết luận": "KET_LUAN",
    "đề án": "DE_AN",
    "biểu": "BIEU",
}
_TYPES = "|".join(sorted((regex.escape(word).replace(r"\ ", r"\s+") for word in TYPE_WORDS), key=len, reverse=True))
# "536/QĐ-UBND", "36/2022/QĐ-UBND", "15/UBND", "1533/SNV-CCHCVTLT", "2231/SNV-CCHC&PC"; party: "04-NQ/TU".
_NUMBER = (
    r"(?:\d{1,5}(?:/\d{4})?/\p{Lu}[\p{L}&]*\d*(?:[-_][\p{Lu}\d][\p{L}\d&]*)*"  # "202/2025/QH15"
    r"|\d{1,5}-\p{Lu}\p{L}*/\p{Lu}\p{L}*)"
)
_DATE = r"(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
# Case matters for numbers and issuers (capitalised words); only the type word and linking words ignore it.
# Lower-case words that belong to a body's name ("Ủy ban nhân dân", "Ban Chấp hành Trung ương Đảng khóa XII",
# "Hội đồng thẩm định Chỉ số CCHC tỉnh").
_BODY_WORDS = (
    r"ban\s+nhân\s+dân|đồng\s+nhân\s+dân|nhân\s+dân|phủ|ủy|tướng|(?<=(?i:chấp)\s+)hành|(?<=(?i:trung)\s+)ương|khóa|tỉnh|huyện|xã"
    r"|(?<=(?i:đồng)\s+)thẩm\s+định|(?<=(?i:chỉ)\s+)số"
    r"|thị\s+xã|thị\s+trấn|thành\s+phố"
    r"|(?<=(?i:phục)\s+vụ\s+)hành\s+chính\s+công"  # "Trung tâm Phục vụ hành chính công tỉnh"
)
# Capitalised words that start the cited document's title, not the issuer's name ("… của UBND huyện Sửa đổi …").
_TITLE_START = (
    r"(?:Sửa\s+đổi|Quy\s+định|Quy\s+chế|Về|V/v|Ban\s+hành|Phê\s+duyệt|Kế\s+hoạch|Báo\s+cáo|Thực\s+hiện|Triển\s+khai"
    r"|Hướng\s+dẫn|Tổ\s+chức|Đẩy\s+mạnh|Tăng\s+cường|Nâng\s+cao|Bổ\s+sung|Bãi\s+bỏ|Giao|Thành\s+lập)\b"
)
# A capitalised word, and the lower-case second syllable of its compound ("Sở Nội vụ", "Văn phòng Chính phủ",
# "Ban Thường vụ Tỉnh ủy"), unless that syllable starts what follows ("… Quảng Ngãi ban hành", "… về việc").
_NOT_SECOND_SYLLABLE = (
    r"(?:ban\s+hành|công\s+bố|về|và|ngày|tại|theo|đã|được|có|thực|triển|hướng|quy|sửa|phê|tổ|đẩy|tăng|nâng|bổ|bãi|giao|thành|năm"
    r"|số|với|để|trong|của|do|cho|là|này|đó|trên|gửi|kèm|quyết|kế|báo|nghị|hoặc|đối|nhằm|tỉnh|huyện|xã)\b"
)
_NAME_WORD = rf"\p{{Lu}}[\p{{L}}&-]*(?:\s+(?!{_NOT_SECOND_SYLLABLE})\p{{Ll}}+\b)?"
CITATION = regex.compile(
    rf"\b(?P<type>(?i:{_TYPES}))\s*(?:(?i:số)\s*)?(?P<number>{_NUMBER})"
    rf"(?:\s*,?\s*(?:(?i:ban\s+hành)\s+)?(?i:ngày)\s+(?P<date>{_DATE}))?"
    rf"(?:\s+(?:của|do)\s+(?P<issuer>(?:Chủ\s+tịch\s+)?(?!{_TITLE_START}){_NAME_WORD}"
    rf"(?:\s+(?:(?!{_TITLE_START}){_NAME_WORD}|{_BODY_WORDS}|và(?!\s+(?i:{_TYPES})\b)))*))?",
    regex.VERSION1,
)
# CITATION tried only at the first syllables of the type words (1.7× faster: its case-insensitive type word was
# tried at every position of a text).
CITATION_AT_TYPES = AnchoredPattern(CITATION, tuple(word.split()[0] for word in TYPE_WORDS))
# Every document number has a capital right after a "/" ("15/UBND", "04-NQ/TU"), unlike a date or a ratio.
NUMBER_MARK = regex.compile(r"/\p{Lu}")
ATTACHED_TO = regex.compile(r"(?:^|\()\s*(?i:đính\s+kèm|kèm\s+theo)\s*$")
NUMERIC_DATE = regex.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
WORDED_DATE = regex.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
# "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 58/TTr-SNV …": the issuer named before the citation.
ISSUER_BEFORE = regex.compile(
    rf"\bcủa\s+(?P<issuer>(?:Chủ\s+tịch\s+|Giám\s+đốc\s+|Trưởng\s+phòng\s+)?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_BODY_WORDS}))*)"
    r"\s+tại\s*$",
    regex.VERSION1,
)
ISSUER_TAIL = regex.compile(r"\s+(?:và)$")  # a word a greedy issuer may end on


def document_to_references(document: Document, own_number: str | None = None) -> Iterator[ReferenceRow]:
    """Every cited document, once per number, in order of first citation."""
    seen: set[str] = set() if own_number is None else {own_number}
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER):
            continue
        texts = [(cell.text, cell.start) for cell in block.cells] if block.cells else [(block.text, block.start)]
        for text, offset in texts:
            if not NUMBER_MARK.search(text):
                continue  # no document number, so no citation: the costly pattern is not tried
            for match in CITATION_AT_TYPES.finditer(text):
                number = match.group("number")
                if number in seen or ATTACHED_TO.search(text, max(0, match.start() - 20), match.start()):
                    continue  # "(Đính kèm Công văn số 15/UBND …)": the letter this annex belongs to, not a citation
                seen.add(number)
                before = ISSUER_BEFORE.search(text, max(0, match.start() - 160), match.start())
                yield _reference(match, block.block_id, block.page, offset, block.kind is BlockKind.FOOTNOTE, before)


def _reference(
    match: regex.Match[str],
    block: str,
    page: int | None,
    offset: int,
    in_footnote: bool,
    before: regex.Match[str] | None = None,
) -> ReferenceRow:
    word = " ".join(match.group("type").lower().split())
    issuer = match.group("issuer") or (before.group("issuer") if before else None)
    return ReferenceRow(
        doc_type=TYPE_WORDS.get(word),
        number=match.group("number"),
        date=parse_date(match.group("date")),
        issuer=_clean_issuer(issuer) if issuer else None,
        text=" ".join(match.group().split()),
        in_footnote=in_footnote,
        span=SourceSpan(block=block, page=page, start=offset + match.start(), end=offset + match.end()),
    )


PRINTED_DATE = regex.compile(_DATE)


def printed_date(text: str, wanted: date) -> str | None:
    """The date as `text` prints it ("16/3/2026"), if it prints `wanted`."""
    return next((m.group() for m in PRINTED_DATE.finditer(text) if parse_date(m.group()) == wanted), None)


def parse_date(text: str | None) -> date | None:
    """ "25/7/2024" or "10 tháng 9 năm 2021" -> a date; None for none or an impossible date."""
    if not text:
        return None
    match = NUMERIC_DATE.fullmatch(text) or WORDED_DATE.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _clean_issuer(issuer: str) -> str:
    issuer = " ".join(issuer.split())
    while ISSUER_TAIL.search(issuer):
        issuer = ISSUER_TAIL.sub("", issuer)
    return issuer


def attached_letter_dates(document: Document) -> Iterator[tuple[date, SourceSpan]]:
    """ "(Đính kèm Công văn số 15/UBND ngày 14/01/2024 …)": the date an annex gives the letter it belongs to."""
    for block in document.blocks:
        if "kèm" not in block.text.lower():
            continue  # no "đính kèm" / "kèm theo": the citation pattern need not run
        for match in CITATION_AT_TYPES.finditer(block.text):
            if not ATTACHED_TO.search(block.text, max(0, match.start() - 20), match.start()):
                continue
            stated = parse_date(match.group("date"))
            if stated is not None:
                start, end = block.start + match.start(), block.start + match.end()
                yield stated, SourceSpan(block=block.block_id, page=block.page, start=start, end=end)
