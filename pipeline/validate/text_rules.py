"""Checks on statements in running text (and table cells): a ratio and the percentage it is said to equal.

"945/1083 đạt 87,26%", "73/93 thôn, TDP = 78,49%", "64,28/70 điểm, đạt tỷ lệ 91,83%": the percentage must
follow the fraction with only its unit and a linking word between ("đạt", "=", "bằng", "tương ứng",
"chiếm", "tỷ lệ", a bracket). "0/1 điểm (tỷ lệ giải ngân đạt 78,4%)" names another rate and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from itertools import pairwise

import regex

from extractors.score_patterns import CHANGE as CHANGE_BEFORE  # "tăng 4,31 …": a change itself, not a value
from extractors.vietnamese_numbers import find_quantities
from extractors.vietnamese_text import fold_accents
from pipeline.validate.document_scan import DocumentScan
from pipeline.validate.intervals import Interval, Reading, counted, decimals_of, printed, show
from pipeline.validate.rule_registry import RULES_BY_ID
from schemas.document import Block, BlockKind, Document
from schemas.finding import Finding, Operand
from schemas.quantity import Quantity, QuantityKind
from schemas.source_span import SourceSpan

LINK = regex.compile(r"(?:=|\(|\bđạt|\bbằng|\btương\s+ứng|\bchiếm|\btỷ\s+lệ)", regex.IGNORECASE)
ANOTHER_RATE = regex.compile(r"\btỷ\s+lệ\s+(?!đạt\b|là\b)\p{L}+", regex.IGNORECASE)  # "tỷ lệ giải ngân đạt"
MAX_GAP_WORDS = 7
RATIO_HINT = regex.compile(r"(?<![\d/.,])\d[\d.,]*\s*/\s*\d[\d.,]*(?!\s*/\s*\d)")  # "945/1083", not "25/7/2024"
CONTEXT_BEFORE, WINDOW_AFTER = 40, 160
GAP_BREAK = regex.compile(r"[\d;]")  # another number or clause between the ratio and the percentage


def check_percentages(document: Document, scan: DocumentScan | None = None) -> Iterator[Finding]:
    scan = scan or DocumentScan()
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER):
            continue
        pieces = [(cell.text, cell.start) for cell in block.cells] if block.cells else [(block.text, block.start)]
        for text, offset in pieces:
            if "%" not in text:
                continue
            hints = [hint.span() for hint in RATIO_HINT.finditer(text)]
            for start, end in _windows(hints, len(text)):
                # Only the numbers around ratios, with some text before each for its context ("xếp thứ 11/13").
                quantities = (
                    _cell_quantities(text, start, end) if block.cells else scan.quantities_between(block, start, end)
                )
                for ratio, percent in pairwise(quantities):
                    if (ratio.start, ratio.end) not in hints and not _covers_hint(ratio, hints):
                        continue  # the pair must start with a ratio a hint found
                    if (
                        _is_ratio(ratio)
                        and percent.kind is QuantityKind.PERCENT
                        and _linked(text[ratio.end : percent.start])
                    ):
                        finding = _check(ratio, percent, block.block_id, block.page, offset)
                        if finding is not None:
                            yield finding


def _cell_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """The quantities of a table cell's `text[start:end]`, offsets into the cell."""
    return [
        q.model_copy(update={"start": q.start + start, "end": q.end + start}) for q in find_quantities(text[start:end])
    ]


def _windows(hints: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """The text around each ratio, overlapping windows merged so each number is scanned once."""
    current: tuple[int, int] | None = None
    for hint_start, hint_end in hints:
        start, end = max(0, hint_start - CONTEXT_BEFORE), min(length, hint_end + WINDOW_AFTER)
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def _covers_hint(ratio: Quantity, hints: list[tuple[int, int]]) -> bool:
    return any(ratio.start <= start and end <= ratio.end for start, end in hints)


def _quantity_span(quantity: Quantity, block: str, page: int | None, base: int) -> SourceSpan:
    """Where a quantity found in a text that starts at `base` of `Document.text` stands."""
    return SourceSpan(block=block, page=page, start=base + quantity.start, end=base + quantity.end)


def quantity_in_block(quantity: Quantity, block: Block, offset: int = 0) -> SourceSpan:
    """Where a quantity found in `block.text[offset:]` stands in `Document.text`."""
    return _quantity_span(quantity, block.block_id, block.page, block.start + offset)


def _is_ratio(quantity: Quantity) -> bool:
    return quantity.denominator is not None and quantity.kind is not QuantityKind.RANK and quantity.denominator > 0


def _linked(gap: str) -> bool:
    return (
        not GAP_BREAK.search(gap)
        and len(gap.split()) <= MAX_GAP_WORDS
        and LINK.search(gap) is not None
        and ANOTHER_RATE.search(gap) is None
    )


def _check(ratio: Quantity, percent: Quantity, block: str, page: int | None, offset: int) -> Finding | None:
    if ratio.denominator is None or ratio.denominator_text is None:
        return None
    numerator_decimals = decimals_of(ratio.number_text)
    denominator_decimals = decimals_of(ratio.denominator_text)
    computed: dict[Reading, Interval] = {}
    for reading in Reading:
        numerator = counted(ratio.value, numerator_decimals, reading)
        denominator = counted(ratio.denominator, denominator_decimals, reading)
        quotient = numerator.divided_by(denominator)
        if quotient is None:
            return None
        computed[reading] = quotient.times(100)
    stated = {reading: printed(percent.value, percent.decimals, reading) for reading in Reading}
    if any(computed[r].meets(stated[r]) for r in Reading):
        return None
    value = (computed[Reading.ROUNDED].low + computed[Reading.ROUNDED].high) / 2
    expected = show(value, max(percent.decimals, 2))
    fraction = f"{ratio.number_text}/{ratio.denominator_text}"
    rule = RULES_BY_ID["percent-mismatch"]

    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{fraction} = {expected}%, văn bản ghi {percent.number_text}% / {fraction} is {expected}%, "
        f"the document states {percent.number_text}%",
        stated=percent.number_text,
        expected=expected,
        arithmetic=f"{fraction} × 100 = {expected}, văn bản ghi {percent.number_text}% ✗",
        operands=(
            Operand(role="ratio", raw=ratio.raw, span=_quantity_span(ratio, block, page, offset)),
            Operand(role="percent", raw=percent.raw, span=_quantity_span(percent, block, page, offset)),
        ),
        span=SourceSpan(block=block, page=page, start=offset + ratio.start, end=offset + percent.end),
    )


# --- change-mismatch ------------------------------------------------------------------------------------

# "tăng 0,65 điểm so với năm 2023 (từ 93,99 điểm năm 2023 lên 94,64 điểm)", "đạt 90,72/100 điểm, tăng 1,77
# điểm so với năm 2023 (năm 2023 đạt 88,95 điểm)": a stated change, and the earlier value in brackets after it.
CHANGE = regex.compile(
    r"\b(?P<direction>tăng|giảm|cao\s+hơn|thấp\s+hơn)\s+(?P<delta>\d[\d.,]*)\s*(?P<unit>điểm|%)"
    r"\s+so\s+với\s+năm\s+(?P<year>\d{4})\s*\((?P<inside>[^()]*)\)",
    regex.IGNORECASE,
)
# "Cả giai đoạn 2021 - 2024, Chỉ số CCHC tăng 4,28 điểm (từ 82,57 điểm lên 86,65 điểm)": the two values in brackets.
CHANGE_BETWEEN = regex.compile(
    r"\b(?P<direction>tăng|giảm)\s+(?P<delta>\d[\d.,]*)\s*(?P<unit>điểm|%)\s*"
    r"\((?P<inside>\s*từ\b[^()]*?\b(?:lên|xuống|còn)\b[^()]*)\)",
    regex.IGNORECASE,
)
FROM_TO = regex.compile(r"\btừ\b(?P<before>[^()]*?)\b(?:lên|xuống|còn)\b(?P<after>[^()]*)", regex.IGNORECASE)
# The start both patterns share: a block without it has no change to check (its sentences are not cut).
CHANGE_START = regex.compile(r"\b(?:tăng|giảm|cao\s+hơn|thấp\s+hơn)\s+\d[\d.,]*\s*(?:điểm|%)", regex.IGNORECASE)
SENTENCE = regex.compile(r"(?:[^.]|\.(?!\s|$))+(?:\.(?=\s|$)|$)")  # "…; tổng điểm tăng 2,13 …" stays one
UNIT_KIND = {"điểm": QuantityKind.POINTS, "%": QuantityKind.PERCENT}


def check_changes(document: Document) -> Iterator[Finding]:
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER) or block.cells or "(" not in block.text:
            continue  # both patterns need the values in brackets: no sentence of the block can match
        if not CHANGE_START.search(block.text):
            continue
        patterns = [CHANGE_BETWEEN] if "so với" not in block.text else [CHANGE, CHANGE_BETWEEN]
        for sentence in SENTENCE.finditer(block.text):
            for change in (c for pattern in patterns for c in pattern.finditer(sentence.group())):
                finding = _check_change(
                    sentence.group(), change, block.block_id, block.page, block.start + sentence.start()
                )
                if finding is not None:
                    yield finding


def _check_change(sentence: str, change: regex.Match[str], block: str, page: int | None, offset: int) -> Finding | None:
    kind = UNIT_KIND[change.group("unit").lower()]
    inside_start = change.start("inside")
    values = [q for q in find_quantities(change.group("inside")) if q.kind is kind]
    from_to = FROM_TO.search(change.group("inside"))
    if from_to is not None:
        before = [q for q in values if from_to.start("before") <= q.start < from_to.end("before")]
        after = [q for q in values if q.start >= from_to.start("after")]
        if not before or not after:
            return None
        earlier, later, later_offset = before[0], after[0], offset + inside_start
    else:
        if change.group("year") not in change.group("inside") or not values:
            return None
        current = [
            q
            for q in find_quantities(sentence[: change.start()])
            if q.kind is kind and not CHANGE_BEFORE.search(sentence, 0, q.start)
        ]  # not another change: "thấp hơn 4,31 điểm so với điểm tự đánh giá, tăng 2,18 điểm so với năm 2024 (…)"
        if not current:
            return None
        earlier, later, later_offset = values[0], current[-1], offset
    deltas = [q for q in find_quantities(change.group()) if q.start < change.end("delta") - change.start()]
    if not deltas:
        return None
    delta = deltas[0]
    sign = 1 if change.group("direction").lower().startswith(("tăng", "cao")) else -1
    computed = {r: _value(later, r) - _value(earlier, r) for r in Reading}
    stated = {r: printed(delta.value, delta.decimals, r).times(sign) for r in Reading}
    if any(computed[r].meets(_ordered(stated[r])) for r in Reading):
        return None
    decimals = max(delta.decimals, later.decimals, earlier.decimals)
    difference = show((computed[Reading.ROUNDED].low + computed[Reading.ROUNDED].high) / 2, decimals)
    rule = RULES_BY_ID["change-mismatch"]
    word = change.group("direction")

    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{word} {delta.number_text} nhưng {later.number_text} − {earlier.number_text} = {difference} / "
        f"the stated change {delta.number_text} is not the difference {difference}",
        stated=delta.number_text,
        expected=difference,
        arithmetic=f"{later.number_text} − {earlier.number_text} = {difference}, văn bản ghi {word} "
        f"{delta.number_text} ✗",
        operands=(
            Operand(role="later", raw=later.raw, span=_quantity_span(later, block, page, later_offset)),
            Operand(role="earlier", raw=earlier.raw, span=_quantity_span(earlier, block, page, offset + inside_start)),
            Operand(role="change", raw=delta.raw, span=_quantity_span(delta, block, page, offset + change.start())),
        ),
        span=SourceSpan(block=block, page=page, start=offset + change.start(), end=offset + change.end()),
    )


def _value(quantity: Quantity, reading: Reading) -> Interval:
    return printed(quantity.value, quantity.decimals, reading)


def _ordered(interval: Interval) -> Interval:
    return Interval(min(interval.low, interval.high), max(interval.low, interval.high))


# --- name-variant ---------------------------------------------------------------------------------------

UNIT_LEVEL = {"tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district"}
UNIT_LEVEL |= {"thành phố": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune"}


@cache
def _unit_mention(level: str) -> regex.Pattern[str]:
    """ "huyện Ba Tơ", "thị xã Ba Đồn": a level word of `level` and the capitalised name after it."""
    words = "|".join(r"\s+".join(word.split()) for word, of in UNIT_LEVEL.items() if of == level)
    return regex.compile(rf"\b(?P<word>(?i:{words}))\s+(?P<name>\p{{Lu}}\p{{L}}*(?:\s+\p{{Lu}}\p{{L}}*)*)")


def check_unit_name(
    document: Document, locality: str | None, level: str | None, place: str | None
) -> Iterator[Finding]:
    """The document's own unit spelt another way ("huyện Ba Tư" in a report of huyện Ba Tơ; "Triệu Trách, ngày
    …" from xã Triệu Trạch): one warning per spelling, with every place it occurs. Other units of the same
    name at another level ("xã Ba Tô") are not the unit."""
    if locality is None or level is None:
        return
    words = len(locality.split())
    variants: dict[str, list[SourceSpan]] = {}
    mentions = _unit_mention(level)
    for block in document.blocks:
        for mention in mentions.finditer(block.text):
            name = " ".join(mention.group("name").split()[:words])
            if UNIT_LEVEL.get(" ".join(mention.group("word").lower().split())) != level:
                continue
            if _near(name, locality):
                start = block.start + mention.start("name")
                variants.setdefault(name, []).append(
                    SourceSpan(block=block.block_id, page=block.page, start=start, end=start + len(name))
                )
    if place and _near(place, locality):
        found = regex.search(rf"{regex.escape(place)},\s*ngày", document.text)
        line = next((b for b in document.blocks if found and b.start <= found.start() < b.end), None)
        if found is not None and line is not None:
            span = SourceSpan(block=line.block_id, page=line.page, start=found.start(), end=found.start() + len(place))
            variants.setdefault(place, []).insert(0, span)
    rule = RULES_BY_ID["name-variant"]
    for name, spans in variants.items():
        yield Finding(
            rule_id=rule.rule_id,
            severity=rule.severity,
            message=f"“{name}” ({len(spans)} lần) khác tên đơn vị “{locality}” / the unit's name spelt “{name}” "
            f"({len(spans)}×), elsewhere “{locality}”",
            stated=name,
            expected=locality,
            operands=tuple(Operand(role="name", raw=name, span=span) for span in spans),
            span=spans[0],
        )


def _near(name: str, locality: str) -> bool:
    """The same name but for one letter or its marks: "Ba Tư"/"Ba Tơ", "Triệu Trách"/"Triệu Trạch"."""
    if name.lower() == locality.lower():
        return False  # "HUYỆN BA TƠ" in a header is the same spelling
    a, b = fold_accents(name), fold_accents(locality)
    if len(a.split()) != len(b.split()):
        return False
    if a == b:
        return True
    if len(a) != len(b):
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


# --- part-whole-mismatch --------------------------------------------------------------------------------

# "tổng cộng 12 trường hợp (gồm: Khối hành chính: 02 người, khối sự nghiệp: 01 người, khối trường học 09)",
# "Tổng cộng 13 trường hợp …, gồm: - Khối Hành chính: 02 người (…). - Sự nghiệp khác: 01 người (…) …": "gồm"
# lists every part, so the parts must make the whole. ("trong đó" may name only some, and is left alone.)
TOTAL_WORD = regex.compile(r"\b(?:tổng\s+cộng|tổng\s+số|tổng)\s*:?\s*$", regex.IGNORECASE)
CONSISTS_OF = regex.compile(r"(?P<open>\(\s*)?\b(?:bao\s+)?gồm(?:\s+có)?\s*:?", regex.IGNORECASE)
REGION_END = regex.compile(r"\.\s+(?=\p{Lu})|;\s+(?=\p{Lu}\p{L}*\s+\p{L}+\s*:?\s*\d)")
PART_KINDS = (QuantityKind.COUNT, QuantityKind.NUMBER, QuantityKind.MONEY)
WHOLE_KINDS = (QuantityKind.COUNT, QuantityKind.MONEY)  # "1.250 triệu đồng, gồm: … 800 triệu đồng, …"
UNIT_THEN_CONSISTS = regex.compile(r"\s*,?\s*")  # nothing but a comma between "238 TTHC" and "gồm"
CLAUSE_BREAK = regex.compile(r";|\.\s")


def check_parts(document: Document, scan: DocumentScan | None = None) -> Iterator[Finding]:
    scan = scan or DocumentScan()
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER) or block.cells or "gồm" not in scan.lowered(block):
            continue
        quantities = scan.quantities(block)
        for marker in CONSISTS_OF.finditer(block.text):
            whole, named_total = _whole_before(block.text, quantities, marker.start())
            if whole is None:
                continue
            if block.text[marker.end() :].strip():
                region_end = _region_end(block.text, marker)
                parts = [
                    (q, block)
                    for q in quantities
                    if marker.end() <= q.start < region_end
                    and _is_part(q)
                    and _depth(block.text, marker.end(), q.start) == 0
                ]
            else:  # "…, gồm:" and the parts as the list items that follow
                parts = list(_listed_parts(blocks[index + 1 :], scan))
            if len(parts) < 2 or sum(q.value for q, _ in parts) == whole.value:
                continue
            if not named_total and any((q.unit, q.scale) != (whole.unit, whole.scale) for q, _ in parts):
                continue  # "238 TTHC, gồm: 141 TTHC …, 89 TTHC … và 12 TTHC …": a breakdown only in the whole's unit
            yield _part_whole_finding(whole, block, parts)


def _is_part(quantity: Quantity) -> bool:
    return quantity.kind in PART_KINDS and quantity.denominator is None


def _listed_parts(following: Sequence[Block], scan: DocumentScan) -> Iterator[tuple[Quantity, Block]]:
    """The first count of each list item right after the block ("- Khối Hành chính: 02 người (…)")."""
    for item in following:
        if item.kind is not BlockKind.LIST_ITEM:
            return
        first = next((q for q in scan.quantities(item) if _is_part(q) and _depth(item.text, 0, q.start) == 0), None)
        if first is None:
            return
        yield first, item


def _whole_before(text: str, quantities: list[Quantity], marker: int) -> tuple[Quantity | None, bool]:
    """The count the parts make, and whether a word names it the total: "tổng cộng 12 trường hợp" before
    "gồm", in the same clause; or a count and its unit right before ", gồm" ("238 TTHC, gồm:")."""
    before = [q for q in quantities if q.end <= marker and q.kind in WHOLE_KINDS]
    if not before:
        return None, False
    whole = before[-1]
    clause = text[whole.end : marker]
    if CLAUSE_BREAK.search(clause) or len(clause) > 200:
        return None, False
    if TOTAL_WORD.search(text, max(0, whole.start - 20), whole.start) and whole.kind is QuantityKind.COUNT:
        return whole, True
    return (whole, False) if whole.unit and UNIT_THEN_CONSISTS.fullmatch(clause) else (None, False)


def _region_end(text: str, marker: regex.Match[str]) -> int:
    if marker.group("open"):
        depth = 1
        for index in range(marker.end(), len(text)):
            depth += {"(": 1, ")": -1}.get(text[index], 0)
            if depth == 0:
                return index
        return len(text)
    end = REGION_END.search(text, marker.end())
    return end.start() if end else len(text)


def _depth(text: str, start: int, end: int) -> int:
    depth = 0
    for char in text[start:end]:
        depth += {"(": 1, ")": -1}.get(char, 0)
    return max(depth, 0)


def _part_whole_finding(whole: Quantity, block: Block, parts: list[tuple[Quantity, Block]]) -> Finding:
    rule = RULES_BY_ID["part-whole-mismatch"]
    total_parts = sum(q.value for q, _ in parts)
    listed = " + ".join(q.number_text for q, _ in parts)

    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"tổng {whole.raw} nhưng các phần cộng {total_parts} / the whole is {whole.raw}, its parts add "
        f"up to {total_parts}",
        stated=whole.number_text,
        expected=str(total_parts),
        arithmetic=f"{listed} = {total_parts}, văn bản ghi {whole.number_text} ✗",
        operands=(
            *(Operand(role="part", raw=q.raw, span=quantity_in_block(q, where)) for q, where in parts),
            Operand(role="whole", raw=whole.raw, span=quantity_in_block(whole, block)),
        ),
        span=quantity_in_block(whole, block),
    )


# --- conflicting-values: a total repeated in its footnote -----------------------------------------------

PEOPLE = {"người", "trường hợp", "cán bộ", "công chức", "viên chức", "lượt người"}
TOTAL_COUNT = regex.compile(r"\b(?:tổng\s+cộng|tổng\s+số)\s*:?\s*(?=\d)", regex.IGNORECASE)


def check_footnote_totals(document: Document) -> Iterator[Finding]:
    """ "… với tổng cộng 12 trường hợp (…)¹⁰" and footnote 10 "Tổng cộng 13 trường hợp …": one total, two values."""
    notes = {block.marker: block for block in document.blocks if block.kind is BlockKind.FOOTNOTE and block.marker}
    for block in document.blocks:
        for ref in block.footnote_refs:
            note = notes.get(ref.marker)
            if note is None or block.kind is BlockKind.FOOTNOTE:
                continue
            restated = _total_in(note.text, 0, min(len(note.text), 120))
            position = ref.offset - block.start
            sentence_start = max(block.text.rfind(". ", 0, position), block.text.rfind(";", 0, position), -1) + 1
            stated = _total_in(block.text, sentence_start, position)
            if stated is None or restated is None or not _same_unit(stated, restated) or stated.value == restated.value:
                continue
            yield _conflict(stated, block, restated, note)


def _total_in(text: str, start: int, end: int) -> Quantity | None:
    """The count right after the last "tổng cộng"/"tổng số" in text[start:end]."""
    totals = list(TOTAL_COUNT.finditer(text, start, end))
    if not totals:
        return None
    following = find_quantities(text[totals[-1].end() : end])
    first = following[0] if following else None
    if first is None or first.start != 0 or first.kind is not QuantityKind.COUNT:
        return None
    shift = totals[-1].end()
    return first.model_copy(update={"start": first.start + shift, "end": first.end + shift})


def _same_unit(first: Quantity, second: Quantity) -> bool:
    return first.unit == second.unit or (first.unit in PEOPLE and second.unit in PEOPLE)


def _conflict(stated: Quantity, block: Block, restated: Quantity, note: Block) -> Finding:
    rule = RULES_BY_ID["conflicting-values"]

    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"tổng cộng {stated.raw} trong câu, {restated.raw} ở chú thích {note.marker} / the total is "
        f"{stated.raw} in the sentence and {restated.raw} in its footnote",
        stated=restated.number_text,
        expected=stated.number_text,
        arithmetic=f"{stated.number_text} ≠ {restated.number_text} ✗",
        operands=(
            Operand(role="stated", raw=stated.raw, span=quantity_in_block(stated, block)),
            Operand(role="restated", raw=restated.raw, span=quantity_in_block(restated, note)),
        ),
        span=quantity_in_block(restated, note),
    )
