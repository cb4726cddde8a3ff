"""What a document is: its type from the title word (or the "V/v" line of a letter), its title, and the
year it reports on. (Issue #4 fills number, issuer, dates, signer.)"""

from __future__ import annotations

import regex

from schemas.document import Document
from schemas.extraction import DocType, DocumentInfo

TITLE_WORDS: dict[str, DocType] = {
    "BÁO CÁO": DocType.BAO_CAO,
    "KẾ HOẠCH": DocType.KE_HOACH,
    "THÔNG BÁO": DocType.THONG_BAO,
    "QUYẾT ĐỊNH": DocType.QUYET_DINH,
    "TỜ TRÌNH": DocType.TO_TRINH,
    "CÔNG VĂN": DocType.CONG_VAN,
}
SUBJECT_LINE = regex.compile(
    r"\bV/v\s+(?P<title>.+)", regex.DOTALL
)  # "V/v khắc phục Chỉ số cải cách hành chính năm 2024"
YEAR = regex.compile(r"\bnăm\s+(?P<year>(?:19|20)\d{2})\b", regex.IGNORECASE)
AIMED = regex.compile(r"\b(?:nâng\s+cao|phấn\s+đấu|cải\s+thiện)\b", regex.IGNORECASE)
RESULTS = regex.compile(r"\b(?:kết\s+quả|tồn\s+tại|hạn\s+chế|khắc\s+phục\s+chỉ\s+số)\b", regex.IGNORECASE)
HEAD_BLOCKS = 12  # the title stands among the first blocks


def document_info(document: Document) -> DocumentInfo:
    doc_type, title = _type_and_title(document)
    report_year, plan_year = _years(title or "")
    return DocumentInfo(
        doc_id=document.doc_id,
        source=document.source.path,
        format=document.source.format.value,
        doc_type=doc_type,
        title=title,
        report_year=report_year,
        plan_year=plan_year,
    )


def _years(title: str) -> tuple[int | None, int | None]:
    """The year reported on and the year planned for. A year the title aims at ("nâng cao Chỉ số CCHC năm
    2025", "phấn đấu … năm 2025") is a plan year: the results behind it are the year before."""
    first = YEAR.search(title)
    if first is None:
        return None, None
    year = int(first.group("year"))
    before = title[: first.start()]
    aimed = [m.end() for m in AIMED.finditer(before)]
    results = [m.end() for m in RESULTS.finditer(before)]
    if aimed and (not results or aimed[-1] > results[-1]):  # the nearer word governs the year
        return year - 1, year
    later = [int(m.group("year")) for m in YEAR.finditer(title, first.end()) if int(m.group("year")) > year]
    return year, (later[0] if later else None)


def _type_and_title(document: Document) -> tuple[DocType | None, str | None]:
    head = document.body_blocks()[:HEAD_BLOCKS]
    for index, block in enumerate(head):
        word = " ".join(block.text.split()).upper()
        if word in TITLE_WORDS:
            following = head[index + 1].text if index + 1 < len(head) else None
            return TITLE_WORDS[word], " ".join(following.split()) if following else None
    for block in head:
        match = SUBJECT_LINE.search(block.text)
        if match is not None:
            return DocType.CONG_VAN, " ".join(match.group("title").split())
    return None, None
