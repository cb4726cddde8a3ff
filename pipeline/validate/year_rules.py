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

from collections.abc import Iterator, Sequence

import regex

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
    for block in document.blocks:
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
                if reference is not None and reference.date is not None and reference.date.year != year:
                    yield _year_finding(reference, year, year_span)
            count = DOCUMENT_COUNT.search(statement)
            if count is not None and items and None not in items and len(items) != int(count.group("count")):
                yield _count_finding(block, statement_start, count, items, list_start, list_end)


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
    block: Block,
    statement_start: int,
    count: regex.Match[str],
    items: Sequence[ReferenceRow | None],
    list_start: int,
    list_end: int,
) -> Finding:
    rule = RULES_BY_ID["part-whole-mismatch"]
    stated = count.group("count")
    start = statement_start + count.start("count")
    span = SourceSpan(block=block.block_id, page=block.page, start=start, end=start + len(stated))
    listed = [r.number or r.text for r in items if r is not None]
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{stated} văn bản nhưng liệt kê {len(items)} văn bản / {stated} documents, but {len(items)} listed",
        stated=stated,
        expected=str(len(items)),
        arithmetic=f"{' + '.join('1' for _ in items)} = {len(items)} ({', '.join(listed)}), văn bản ghi {stated} ✗",
        operands=(
            Operand(role="whole", raw=stated, span=span),
            Operand(role="listed", raw=", ".join(listed), span=items[0].span.model_copy(update={"end": list_end}))
            if items[0] is not None and items[0].span.start >= list_start
            else Operand(role="listed", raw=", ".join(listed)),
        ),
        span=span,
    )


# --- a table header against its title -------------------------------------------------------------------

PHRASE_WORDS = 4  # words before "năm YYYY" that must be the same in the title and the header
PHRASE_YEAR = regex.compile(
    r"(?<![\p{L}\p{M}])(?P<phrase>(?:[\p{L}\p{M}]+\s+){4})năm\s+(?P<year>(?:19|20)\d{2})(?!\d)", regex.IGNORECASE
)
TITLE_LENGTH = 300  # a title or heading, not a paragraph of running text


def check_header_years(document: Document) -> Iterator[Finding]:
    rule = RULES_BY_ID["year-mismatch"]
    titles: dict[str, list[tuple[int, Block, regex.Match[str]]]] = {}
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.FOOTNOTE):
            continue
        if not block.cells:
            if len(block.text) <= TITLE_LENGTH:
                for m in PHRASE_YEAR.finditer(block.text):
                    titles.setdefault(_phrase(m), []).append((int(m.group("year")), block, m))
            continue
        for cell in block.cells:
            if cell.row != 0:
                continue
            for m in PHRASE_YEAR.finditer(cell.text):
                said = {year for year, _, _ in titles.get(_phrase(m), ())}
                year = int(m.group("year"))
                if len(said) != 1 or year in said:
                    continue
                (title_year, title, title_match), *_ = titles[_phrase(m)]
                header_span = SourceSpan(
                    block=block.block_id,
                    page=cell.page or block.page,
                    start=cell.start + m.start("year"),
                    end=cell.start + m.end("year"),
                )
                title_span = SourceSpan(
                    block=title.block_id,
                    page=title.page,
                    start=title.start + title_match.start("year"),
                    end=title.start + title_match.end("year"),
                )
                yield Finding(
                    rule_id=rule.rule_id,
                    severity=rule.severity,
                    message=f"Tiêu đề cột “{cell.text}” ghi năm {year}, tiêu đề phía trên ghi năm {title_year} / "
                    f"a table header says {year} where the title above says {title_year}",
                    stated=str(year),
                    expected=str(title_year),
                    arithmetic=f"{year} ≠ {title_year} ✗",
                    operands=(
                        Operand(role="header", raw=cell.text, span=header_span),
                        Operand(role="title", raw=title.text, span=title_span),
                    ),
                    span=header_span,
                )


def _phrase(m: regex.Match[str]) -> str:
    return " ".join(fold_accents(m.group("phrase")).split()[-PHRASE_WORDS:])
