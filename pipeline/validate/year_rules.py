"""Years in running text that contradict the year their own sentence or heading gives (`year-mismatch`).

- Documents said to be issued in a year, listed with dates in another: "Văn bản đã ban hành … trong năm
  2024: Tổng số văn bản ban hành 07 văn bản⁴" and footnote 4 lists "Công văn số 272/UBND ngày 19/02/2023;
  …". The list is the footnote at the end of the statement, or the text after its colon; each item is
  one document, the citation it opens with (later citations in an item are its bases). When every item
  opens with a citation, their number must also equal the stated count (`part-whole-mismatch`).
- A table header that repeats a phrase of the title above it with another year: the title "…, biện pháp
  khắc phục trong năm 2025" and the header "… biện pháp khắc phục trong năm 2023".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from extractors.references import PRINTED_DATE, parse_date
from extractors.vietnamese_text import fold_accents
from pipeline.validate.rule_registry import RULES_BY_ID
from schemas.document import Block, BlockKind, Document
from schemas.extraction import Extraction, ReferenceRow
from schemas.finding import Finding, Operand
from schemas.source_span import SourceSpan

# --- documents issued in a year -------------------------------------------------------------------------

STATEMENT_BEFORE = 240  # how far before a footnote mark (or a colon) the statement may start
# "ban hành của lĩnh vực trong năm 2024", "ban hành năm 2024": the year the issuing is said to fall in. Not
# "Trong năm 2024, triển khai các văn bản do cấp trên ban hành: …" (the year of the work, not of the documents).
ISSUED_IN = regex.compile(
    r"\bban\s+hành(?:\s+[\p{L}\p{M}]+){0,5}?\s+năm\s+(?P<year>(?:19|20)\d{2})(?!\d)", regex.IGNORECASE
)
YEAR_OF_STATEMENT = regex.compile(r"\bnăm\s+(?P<year>(?:19|20)\d{2})(?!\d)", regex.IGNORECASE)
DOCUMENT_COUNT = regex.compile(r"(?<![\d.,/])(?P<count>\d{1,3})\s+văn\s+bản\W*$", regex.IGNORECASE)
STATEMENT_START = regex.compile(r"(?:[.;!?]\s|\n)")
ITEM_SEPARATOR = regex.compile(r";|\n")
ITEM_LEAD = 12  # numbering or a dash before an item's first citation: "- ", "(1) ", "a) "


def check_listed_document_years(extraction: Extraction, document: Document) -> Iterator[Finding]:
    notes = {block.marker: block for block in document.blocks if block.kind is BlockKind.FOOTNOTE and block.marker}
    references = sorted(extraction.references, key=lambda r: r.span.start)
    reported: set[tuple[str, int]] = set()  # a list is reached from each colon before it: report once
    for block in _blocks_with(document, ISSUED_IN):  # the statement lies within one block
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.FOOTNOTE) or block.cells:
            continue
        for statement_end, list_start, list_end in _listings(block, notes):
            statement_start = _statement_start(document.text, block.start, statement_end)
            statement = document.text[statement_start:statement_end]
            years = {m.group("year") for m in YEAR_OF_STATEMENT.finditer(statement)}
            year_match = ISSUED_IN.search(statement)
            if year_match is None or len(years) != 1:
                continue
            year_span = SourceSpan(
                block=block.block_id,
                page=block.page,
                start=statement_start + year_match.start("year"),
                end=statement_start + year_match.end("year"),
            )
            items = _items(document.text, list_start, list_end, references)
            year = int(year_match.group("year"))
            for reference in items:
                if reference is None or reference.date is None or reference.date.year == year:
                    continue
                if ("year", reference.span.start) not in reported:
                    reported.add(("year", reference.span.start))
                    yield _year_finding(reference, year, year_span)
            count = DOCUMENT_COUNT.search(statement)
            documents = [reference for reference in items if reference is not None]
            if count is None or not items or len(documents) < len(items) or len(items) == int(count.group("count")):
                continue
            if ("count", statement_start + count.start()) not in reported:
                reported.add(("count", statement_start + count.start()))
                yield _count_finding(block, statement_start, count, documents, list_end)


def _blocks_with(document: Document, pattern: regex.Pattern[str]) -> list[Block]:
    """The blocks holding a match of `pattern`, found with one search of the whole text."""
    starts = [block.start for block in document.blocks]
    found: dict[int, Block] = {}
    for match in pattern.finditer(document.text):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and match.end() <= document.blocks[index].end:
            found.setdefault(index, document.blocks[index])
    return list(found.values())


def _listings(block: Block, notes: dict[str, Block]) -> Iterator[tuple[int, int, int]]:
    """(end of the statement, start and end of its list) in `Document.text`: a footnote at the statement's
    end, or the rest of the block after a colon that closes it."""
    for ref in block.footnote_refs:
        note = notes.get(ref.marker)
        if note is not None:
            yield ref.offset, note.start, note.end
    colon = block.text.find(":")
    while colon >= 0:
        yield block.start + colon, block.start + colon + 1, block.end
        colon = block.text.find(":", colon + 1)


def _statement_start(text: str, floor: int, end: int) -> int:
    start = max(floor, end - STATEMENT_BEFORE)
    breaks = [m.end() for m in STATEMENT_START.finditer(text, start, end)]
    return breaks[-1] if breaks else start


def _items(text: str, start: int, end: int, references: Sequence[ReferenceRow]) -> list[ReferenceRow | None]:
    """The document each item of the list opens with (None for an item that opens with something else)."""
    items: list[ReferenceRow | None] = []
    item_start = start
    for separator in [*ITEM_SEPARATOR.finditer(text, start, end), None]:
        item_end = separator.start() if separator is not None else end
        if text[item_start:item_end].strip():
            lead = len(text[item_start:item_end]) - len(text[item_start:item_end].lstrip())
            opening = item_start + lead
            items.append(
                next(
                    (r for r in references if opening <= r.span.start <= opening + ITEM_LEAD and r.span.end <= end),
                    None,
                )
            )
        item_start = separator.end() if separator is not None else end
    return items


def _year_finding(reference: ReferenceRow, year: int, year_span: SourceSpan) -> Finding:
    rule = RULES_BY_ID["year-mismatch"]
    assert reference.date is not None
    dated = f"{reference.date:%d/%m/%Y}"
    name = reference.number or reference.text
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{name} ngày {dated} được liệt kê là ban hành trong năm {year} / listed as issued in {year}, "
        f"dated {dated}",
        stated=dated,
        expected=str(year),
        arithmetic=f"{reference.date.year} ≠ {year} ✗",
        operands=(
            Operand(role="year", raw=str(year), span=year_span),
            Operand(role="document", raw=reference.text, span=reference.span),
        ),
        span=reference.span,
    )


def _count_finding(
    block: Block, statement_start: int, count: regex.Match[str], items: Sequence[ReferenceRow], list_end: int
) -> Finding:
    rule = RULES_BY_ID["part-whole-mismatch"]
    stated = count.group("count")
    start = statement_start + count.start("count")
    span = SourceSpan(block=block.block_id, page=block.page, start=start, end=start + len(stated))
    listed = ", ".join(r.number or r.text for r in items)
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{stated} văn bản nhưng liệt kê {len(items)} văn bản / {stated} documents, but {len(items)} listed",
        stated=stated,
        expected=str(len(items)),
        arithmetic=f"{' + '.join('1' for _ in items)} = {len(items)} ({listed}), văn bản ghi {stated} ✗",
        operands=(
            Operand(role="whole", raw=stated, span=span),
            Operand(role="listed", raw=listed, span=items[0].span.model_copy(update={"end": list_end})),
        ),
        span=span,
    )


# --- a table header against its title -------------------------------------------------------------------

PHRASE_WORDS = 4  # words before "năm YYYY" that must be the same in the title and the header
YEAR = regex.compile(r"(?<![\p{L}\p{M}])năm\s+(?P<year>(?:19|20)\d{2})(?!\d)", regex.IGNORECASE)
WORD = regex.compile(r"[\p{L}\p{M}]+")
TITLE_LENGTH = 300  # a title or heading, not a paragraph of running text


@dataclass(frozen=True)
class _Dated:
    """ "khắc phục trong năm 2025": the words before a year (accent-folded), the year, where it stands."""

    phrase: str
    year: int
    start: int  # of the year, into the text it was found in
    end: int


def check_header_years(document: Document) -> Iterator[Finding]:
    rule = RULES_BY_ID["year-mismatch"]
    headers = [
        (block, cell, dated)
        for block in document.blocks
        if block.cells
        for cell in block.cells
        if cell.row == 0
        for dated in _dated(cell.text)
    ]
    if not headers:
        return
    titles: dict[str, list[tuple[Block, _Dated]]] = {}
    for block in document.blocks:
        if block.cells or block.kind in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.FOOTNOTE):
            continue
        if len(block.text) <= TITLE_LENGTH:
            for dated in _dated(block.text):
                titles.setdefault(dated.phrase, []).append((block, dated))
    for table, cell, dated in headers:
        above = [(block, said) for block, said in titles.get(dated.phrase, ()) if block.index < table.index]
        years = {said.year for _, said in above}
        if len(years) != 1 or dated.year in years:
            continue
        title, said = above[0]
        header_span = SourceSpan(
            block=table.block_id,
            page=cell.page or table.page,
            start=cell.start + dated.start,
            end=cell.start + dated.end,
        )
        title_span = SourceSpan(
            block=title.block_id, page=title.page, start=title.start + said.start, end=title.start + said.end
        )
        yield Finding(
            rule_id=rule.rule_id,
            severity=rule.severity,
            message=f"Tiêu đề cột “{cell.text}” ghi năm {dated.year}, tiêu đề phía trên ghi năm {said.year} / "
            f"a table header says {dated.year} where the title above says {said.year}",
            stated=str(dated.year),
            expected=str(said.year),
            arithmetic=f"{dated.year} ≠ {said.year} ✗",
            operands=(
                Operand(role="header", raw=cell.text, span=header_span),
                Operand(role="title", raw=title.text, span=title_span),
            ),
            span=header_span,
        )


def _dated(text: str) -> Iterator[_Dated]:
    """Each "năm YYYY" with the words right before it, when there are at least `PHRASE_WORDS` of them."""
    if "năm" not in text.lower():
        return
    for m in YEAR.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        words = before.split()[-PHRASE_WORDS:]
        if len(words) == PHRASE_WORDS and all(WORD.fullmatch(word) for word in words):
            yield _Dated(" ".join(fold_accents(word) for word in words), int(m.group("year")), *m.span("year"))


# --- the plan year in the tasks it sets -----------------------------------------------------------------

# "IV. PHƯƠNG HƯỚNG NHIỆM VỤ TRỌNG TÂM CCHC NĂM 2025": a heading that sets the tasks of a year.
TASKS_HEADING = regex.compile(
    r"^\W*(?:[IVX]+\.\s*)?(?:phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|giải\s+pháp)\b[^.:;]{0,120}?\bnăm\s+"
    r"(?P<year>(?:19|20)\d{2})\W*$",
    regex.IGNORECASE,
)
SECTION_HEADING = regex.compile(r"^\W*[IVX]+\.\s")  # the next part of the document ends the tasks
# "… chuyển đổi số giai đoạn 2021 - 2025 và năm 2024": a period and the one year of it the work is for.
PERIOD_AND_YEAR = regex.compile(
    r"\bgiai\s+đoạn\s+(?P<first>(?:19|20)\d{2})\s*-\s*(?P<last>(?:19|20)\d{2})\s+và\s+năm\s+(?P<year>(?:19|20)\d{2})\b",
    regex.IGNORECASE,
)


def check_task_years(document: Document) -> Iterator[Finding]:
    """A task set for the year its section heading names that gives another year of the period as the
    year of the work ("giai đoạn 2021 - 2025 và năm 2024" under tasks for 2025): likely last year's text."""
    rule = RULES_BY_ID["year-mismatch"]
    tasks_year: int | None = None
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.FOOTNOTE) or block.cells:
            continue
        heading = TASKS_HEADING.match(block.text)
        if heading is not None:
            tasks_year = int(heading.group("year"))
            continue
        if SECTION_HEADING.match(block.text):
            tasks_year = None
        if tasks_year is None:
            continue
        for match in PERIOD_AND_YEAR.finditer(block.text):
            year = int(match.group("year"))
            if year == tasks_year or not int(match.group("first")) <= year <= int(match.group("last")):
                continue
            start = block.start + match.start("year")
            yield Finding(
                rule_id=rule.rule_id,
                severity=rule.severity,
                message=f"nhiệm vụ năm {tasks_year} ghi “{match.group()}” / the tasks for {tasks_year} name the "
                f"year {year}",
                stated=str(year),
                expected=str(tasks_year),
                span=SourceSpan(block=block.block_id, page=block.page, start=start, end=start + 4),
            )


# --- the date of the meeting a notice concludes -------------------------------------------------------------

_DATE = rf"(?P<date>{PRINTED_DATE.pattern})"  # "14/5/2026", "14 tháng 5 năm 2026", as citations date
# "Ngày 14/5/2026, tại Phòng họp số 2, … chủ trì cuộc họp …": the meeting, as the notice opens on it
MEETING_OPENS = regex.compile(
    rf"^\W*(?:vào\s+)?ngày\s+{_DATE}\s*,[^.]*?\b(?:cuộc\s+họp|hội\s+nghị)\b", regex.IGNORECASE
)
# "… thông báo kết luận của … tại cuộc họp ngày 15/5/2026": the same meeting, as the notice closes on it
MEETING_CONCLUDED = regex.compile(
    rf"\b(?:kết\s+luận|ý\s+kiến\s+chỉ\s+đạo)\b[^.]{{0,160}}?\btại\s+(?:cuộc\s+họp|hội\s+nghị)\s+(?:vào\s+)?ngày\s+{_DATE}",
    regex.IGNORECASE,
)


def check_meeting_dates(document: Document) -> Iterator[Finding]:
    """A notice of a meeting's conclusions that dates the meeting one day where it opens and another where it
    concludes ("Ngày 14/5/2026, … chủ trì cuộc họp" and "kết luận … tại cuộc họp ngày 15/5/2026")."""
    opened: tuple[regex.Match[str], Block] | None = None
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.FOOTNOTE) or block.cells:
            continue
        if opened is None and (match := MEETING_OPENS.match(block.text)) is not None:
            opened = (match, block)
            continue
        if opened is None:
            continue
        for concluded in MEETING_CONCLUDED.finditer(block.text):
            first, later = parse_date(opened[0].group("date")), parse_date(concluded.group("date"))
            if first is None or later is None or first == later:
                continue
            rule = RULES_BY_ID["date-mismatch"]
            start = block.start + concluded.start("date")
            yield Finding(
                rule_id=rule.rule_id,
                severity=rule.severity,
                message=f"cuộc họp ngày {opened[0].group('date')} ở đầu, ngày {concluded.group('date')} ở cuối / the "
                f"meeting is dated {opened[0].group('date')} where the notice opens, {concluded.group('date')} where "
                "it concludes",
                stated=concluded.group("date"),
                expected=opened[0].group("date"),
                operands=(
                    Operand(role="opens", raw=opened[0].group("date"), span=_date_span(*opened)),
                    Operand(role="concludes", raw=concluded.group("date"), span=_date_span(concluded, block)),
                ),
                span=SourceSpan(
                    block=block.block_id, page=block.page, start=start, end=start + len(concluded.group("date"))
                ),
            )


def _date_span(match: regex.Match[str], block: Block) -> SourceSpan:
    start = block.start + match.start("date")
    return SourceSpan(block=block.block_id, page=block.page, start=start, end=start + len(match.group("date")))


# --- a year compared with itself --------------------------------------------------------------------------

# "Năm 2024, Chỉ số đạt 86,39 điểm, tăng 0,95 điểm so với năm 2024": the year the sentence opens on, compared
# with itself (last year's figure is meant).
SAME_YEAR = regex.compile(
    r"(?:^|[.;]\s+)(?:trong\s+)?năm\s+(?P<year>(?:19|20)\d{2})\s*,[^.;]*?\b(?:tăng|giảm|cao\s+hơn|thấp\s+hơn)\b[^.;]*?"
    r"(?P<compared>so\s+với\s+năm\s+(?P=year))\b",
    regex.IGNORECASE,
)


def check_same_year_comparisons(document: Document) -> Iterator[Finding]:
    rule = RULES_BY_ID["year-mismatch"]
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER) or block.cells or "so với năm" not in block.text:
            continue
        for match in SAME_YEAR.finditer(block.text):
            start = block.start + match.start("compared")
            yield Finding(
                rule_id=rule.rule_id,
                severity=rule.severity,
                message=f"năm {match.group('year')} so với chính năm {match.group('year')} / the year "
                f"{match.group('year')} compared with itself",
                stated=match.group("compared"),
                expected=f"so với năm {int(match.group('year')) - 1}",
                span=SourceSpan(block=block.block_id, page=block.page, start=start, end=block.start + match.end()),
            )
