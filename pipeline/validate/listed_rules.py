"""A count against the names listed after it: "chỉ có 02 số địa phương thực hiện: thị trấn Ba Tơ, xã Ba Vì,
Ba Trang" names three, so 02 is wrong (`part-whole-mismatch`).

Only counts of units, places or people (the words in `COUNTED`), followed within a few words by a colon and
a list of proper names: each item a capitalised name, perhaps after a title ("xã", "thị trấn", "ông", …),
items separated by commas or "và". The list ends at the first item that is not a name ("…, thực hiện tốt"),
at the words that close it ("còn lại", "…"), or at ";", "." or a bracket. A name that itself holds "và"
("Văn phòng HĐND và UBND") could be one item or two: a finding needs the count to miss both readings; a
title after "và" ("… và thị trấn Ba Tơ") always starts another item.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from pipeline.validate.rule_registry import RULES_BY_ID
from schemas.document import Block, BlockKind, Document
from schemas.finding import Finding, Operand
from schemas.source_span import SourceSpan

COUNTED = (
    r"(?:địa\s+phương|xã|thị\s+trấn|phường|đơn\s+vị|cơ\s+quan|người|trường\s+hợp|thôn|tổ\s+dân\s+phố|huyện|"
    r"trường|công\s+chức|cán\s+bộ|viên\s+chức|đồng\s+chí)"
)
COUNT_THEN_LIST = regex.compile(
    rf"(?<![\d.,/])(?P<count>\d{{1,3}})\s+(?P<what>(?:số\s+)?(?:UBND\s+)?{COUNTED}\b[^\d:;.()]{{0,40}}?):\s*"
    r"(?P<list>[^;.()]+)",
    regex.IGNORECASE,
)
TITLE = r"(?:(?i:xã|thị\s+trấn|phường|huyện|thôn|tổ\s+dân\s+phố|ông|bà|đồng\s+chí|trường)\s+)?"
ITEM = regex.compile(rf"\s*{TITLE}(?P<name>\p{{Lu}}[\p{{L}}'’]*(?:\s+\p{{Lu}}[\p{{L}}'’]*)*)(?P<tail>[^,]*)$")
LIST_END = regex.compile(r"\b(?:còn\s+lại|v\.v|vv)\b|…|\.\.\.", regex.IGNORECASE)
AND = regex.compile(r"\s+và\s+")
TITLED = regex.compile(r"\s*(?i:xã|thị\s+trấn|phường|huyện|thôn|tổ\s+dân\s+phố|ông|bà|đồng\s+chí)\s+\p{Lu}")


def check_listed_counts(document: Document) -> Iterator[Finding]:
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER) or block.cells or ":" not in block.text:
            continue
        for match in COUNT_THEN_LIST.finditer(block.text):
            readings = _item_counts(match.group("list"))
            count = int(match.group("count"))
            if readings and min(readings) >= 2 and count not in readings:
                yield _finding(block, match, count, readings)


def _item_counts(listed: str) -> set[int]:
    """How many names the list holds, under each reading of a "và" inside an item; empty if it is no list."""
    end = LIST_END.search(listed)
    pieces = listed[: end.start() if end else len(listed)].split(",")
    low = high = 0
    for piece in pieces:
        parts = [part for part in AND.split(piece) if part.strip()]
        names = [part for part in parts if ITEM.match(part)]
        if not names:
            break  # "…, thực hiện tốt": the list has ended
        titled = sum(1 for part in names[1:] if TITLED.match(part))  # "… và thị trấn Ba Tơ": surely another item
        low += 1 + titled
        high += len(names)
        last = ITEM.match(parts[-1])
        if last is None or last.group("tail").strip():
            break  # words after the name: the sentence goes on
    return {low, high} if low else set()


def _finding(block: Block, match: regex.Match[str], count: int, readings: set[int]) -> Finding:
    rule = RULES_BY_ID["part-whole-mismatch"]
    listed = min(readings, key=lambda n: abs(n - count))
    start = block.start + match.start("count")
    span = SourceSpan(block=block.block_id, page=block.page, start=start, end=start + len(match.group("count")))
    list_start = block.start + match.start("list")
    list_span = SourceSpan(block=block.block_id, page=block.page, start=list_start, end=block.start + match.end("list"))
    what = " ".join(match.group("what").split())
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{match.group('count')} {what} nhưng liệt kê {listed} tên / {match.group('count')} {what}, but "
        f"{listed} are named",
        stated=match.group("count"),
        expected=str(listed),
        arithmetic=f"{listed} tên được liệt kê, văn bản ghi {match.group('count')} ✗",
        operands=(
            Operand(role="whole", raw=match.group("count"), span=span),
            Operand(role="listed", raw=match.group("list").strip(), span=list_span),
        ),
        span=span,
    )


# --- a count of people against the people its footnote names ---------------------------------------------

SURNAMES = (
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Hà|Đinh|Trương|Lâm|Mai|Tô|Kiều|"
    "Cao|Lương|Đào|Đoàn|Trịnh|Tạ|Thái|Châu|Quách|Lưu|Từ|Triệu|Lục|Hứa|Chu|Tăng|Âu|Khúc|Nông"
)
PERSON = regex.compile(rf"(?<![\p{{L}}])(?:{SURNAMES})(?:\s+\p{{Lu}}\p{{Ll}}*){{1,3}}(?![\p{{L}}])")
PEOPLE_COUNT = regex.compile(
    r"(?<![\d.,/])(?P<count>\d{1,3})\s+(?:người|cán\s+bộ|công\s+chức|viên\s+chức|đồng\s+chí|trường\s+hợp)\b"
    r"[^\d;.]{0,120}$",
    regex.IGNORECASE,
)
PLACE_BEFORE = regex.compile(
    r"\b(?:tỉnh|huyện|quận|xã|phường|thị\s+trấn|thành\s+phố|thôn|đường|phố|trường|tổ)\s*$", regex.IGNORECASE
)
NOT_EVERYONE = regex.compile(r"\b(?:như|trong\s+đó|điển\s+hình|tiêu\s+biểu|v\.v)\b|…|\.\.\.", regex.IGNORECASE)


def check_footnoted_people(document: Document) -> Iterator[Finding]:
    """ "06 công chức, viên chức tham gia đào tạo …¹⁴" and footnote 14 names three people."""
    notes = {block.marker: block for block in document.blocks if block.kind is BlockKind.FOOTNOTE and block.marker}
    for block in document.blocks:
        if block.kind is BlockKind.FOOTNOTE:
            continue
        for ref in block.footnote_refs:
            note = notes.get(ref.marker)
            position = ref.offset - block.start
            stated = PEOPLE_COUNT.search(block.text, max(0, position - 160), position)
            if note is None or stated is None or any(c.isdigit() for c in note.text) or NOT_EVERYONE.search(note.text):
                continue
            named = _people(note.text)
            if len(named) >= 2 and len(named) != int(stated.group("count")):
                yield _footnote_finding(block, stated, note, named)


def _people(text: str) -> list[str]:
    """Full names ("Nguyễn Thị Thúy Ngân"), not places that start like one ("tỉnh Hà Tĩnh", "xã Lê Lợi")."""
    return [
        m.group() for m in PERSON.finditer(text) if not PLACE_BEFORE.search(text, max(0, m.start() - 15), m.start())
    ]


def _footnote_finding(block: Block, stated: regex.Match[str], note: Block, named: list[str]) -> Finding:
    rule = RULES_BY_ID["part-whole-mismatch"]
    count = stated.group("count")
    start = block.start + stated.start("count")
    span = SourceSpan(block=block.block_id, page=block.page, start=start, end=start + len(count))
    note_span = SourceSpan(block=note.block_id, page=note.page, start=note.start, end=note.end)
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{count} người nhưng chú thích {note.marker} nêu tên {len(named)} người / {count} people, but "
        f"footnote {note.marker} names {len(named)}",
        stated=count,
        expected=str(len(named)),
        arithmetic=f"{' + '.join('1' for _ in named)} = {len(named)} ({', '.join(named)}), văn bản ghi {count} ✗",
        operands=(
            Operand(role="whole", raw=count, span=span),
            Operand(role="listed", raw=", ".join(named), span=note_span),
        ),
        span=span,
    )
