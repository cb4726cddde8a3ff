"""Checks that need more than one statement: a count split into "done" and "not done", and a rate that a
later section restates with another value.

- "phát hiện 47 vấn đề, chỉ đạo khắc phục hoàn thành 43 vấn đề, khắc phục nhưng chưa hoàn thành 02 vấn
  đề": the two outcomes are a predicate and its negation ("hoàn thành" / "chưa hoàn thành"), so together
  they are all of the whole before them: 43 + 02 ≠ 47 is a `part-whole-mismatch`. Only when the clause
  has exactly that pair after the whole (a third count of the same unit may be a third outcome).
- "Tại Bộ phận Một cửa của huyện: … trước hạn là 1.318 hồ sơ đạt tỷ lệ 98,5%" and later "Cấp huyện
  trước hạn đạt 98,06%": the same rate (same administrative level, same status, same period) stated in
  two blocks with values whose printed intervals do not meet under either reading: `conflicting-values`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

import regex

from pipeline.validate.document_scan import DocumentScan
from pipeline.validate.intervals import Reading, printed
from pipeline.validate.rule_registry import RULES_BY_ID
from pipeline.validate.text_rules import quantity_in_block
from schemas.document import Block, BlockKind, Document
from schemas.finding import Finding, Operand
from schemas.quantity import Quantity, QuantityKind

SKIPPED_KINDS = (BlockKind.HEADER, BlockKind.FOOTER)

# --- part-whole-mismatch: a whole split into an outcome and its negation ------------------------------

NEGATION = regex.compile(r"\b(?:chưa|không)\s+", regex.IGNORECASE)
CLAUSE = regex.compile(r"[^;.]+(?:\.(?=\d)[^;.]*)*")  # "1.353" does not end a clause
NUMBER = regex.compile(r"\d+")
PHRASE_START = regex.compile(r"[,:(]\s*|\b(?:và|nhưng|còn)\s+", regex.IGNORECASE)


def check_outcome_splits(document: Document, scan: DocumentScan | None = None) -> Iterator[Finding]:
    scan = scan or DocumentScan()
    for block in document.blocks:
        if block.kind in SKIPPED_KINDS or block.cells or not _may_negate(scan.lowered(block)):
            continue
        if not NEGATION.search(block.text):
            continue
        for clause in CLAUSE.finditer(block.text):
            text = clause.group()
            if NEGATION.search(text) and len(NUMBER.findall(text)) >= 3:  # a whole and two parts at least
                quantities = scan.quantities_between(block, clause.start(), clause.end())
                yield from _outcome_split(block, clause.start(), quantities)


def _may_negate(lowered: str) -> bool:
    """Whether NEGATION can match the text: its words' letters match, ignoring case, only characters that
    lower-case to them."""
    return "chưa" in lowered or "không" in lowered


def _outcome_split(block: Block, clause_start: int, quantities: list[Quantity]) -> Iterator[Finding]:
    """The outcome pair of the clause at `clause_start` of the block; quantities' offsets are the block's."""
    counts = [q for q in quantities if q.kind is QuantityKind.COUNT and q.denominator is None]
    by_unit: dict[str, list[Quantity]] = {}
    for quantity in counts:
        by_unit.setdefault(quantity.unit or "", []).append(quantity)
    for unit, same in by_unit.items():
        if not unit or len(same) != 3:
            continue  # the whole and exactly one outcome pair
        whole, first, second = same
        if not _complementary(
            _phrase(block.text[clause_start : first.start]), _phrase(block.text[clause_start : second.start])
        ):
            continue
        if (
            NEGATION.search(_phrase(block.text[clause_start : whole.start]))
            or first.value + second.value == whole.value
        ):
            continue
        yield _split_finding(block, whole, (first, second))


def _phrase(before: str) -> str:
    """The words that say what a count is: from the last comma, colon or conjunction in the clause before it."""
    starts = [match.end() for match in PHRASE_START.finditer(before)]
    return before[starts[-1] if starts else 0 :].strip().lower()


def _complementary(first: str, second: str) -> bool:
    """ "chỉ đạo khắc phục hoàn thành" and "khắc phục nhưng chưa hoàn thành": one says P, the other not P."""
    for positive, negative in ((first, second), (second, first)):
        negated = list(NEGATION.finditer(negative))
        if len(negated) != 1 or NEGATION.search(positive):
            continue
        predicate = negative[negated[0].end() :].strip()
        if (
            predicate
            and positive.endswith(predicate)
            and (positive == predicate or positive[-len(predicate) - 1] == " ")
        ):
            return True
    return False


SPLITS = {"outcome": ("đã và chưa", "the done and not-done parts"), "class": ("các loại", "its classes")}


def _split_finding(block: Block, whole: Quantity, parts: Sequence[Quantity], split: str = "outcome") -> Finding:
    rule = RULES_BY_ID["part-whole-mismatch"]
    total = sum(part.value for part in parts)
    listed = " + ".join(part.number_text for part in parts)
    vietnamese, english = SPLITS[split]
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{whole.raw} nhưng {listed} = {total} ({vietnamese}) / {whole.raw}, but {english} add up to {total}",
        stated=whole.number_text,
        expected=str(total),
        arithmetic=f"{listed} = {total}, văn bản ghi {whole.number_text} ✗",
        operands=(
            *(Operand(role="part", raw=part.raw, span=quantity_in_block(part, block)) for part in parts),
            Operand(role="whole", raw=whole.raw, span=quantity_in_block(whole, block)),
        ),
        span=quantity_in_block(whole, block),
    )


# --- part-whole-mismatch: a whole split into classes ---------------------------------------------------------

# "… của 17 cơ quan …, trong đó: xếp loại Tốt 05 cơ quan, xếp loại Khá 09 cơ quan, xếp loại Trung bình 02 cơ
# quan": every unit is in one class, so the classes make the whole.
CLASS = regex.compile(
    r"\bxếp\s+loại\s+(?-i:\p{Lu})\p{L}*(?:\s+(?-i:\p{Ll})\p{L}*)?\s+(?=\d)", regex.IGNORECASE | regex.VERSION1
)
SPLIT_INTO = regex.compile(r"\b(?:trong\s+đó|gồm|bao\s+gồm)\s*:?\s*$", regex.IGNORECASE)


def check_class_splits(document: Document, scan: DocumentScan | None = None) -> Iterator[Finding]:
    scan = scan or DocumentScan()
    for block in document.blocks:
        if block.kind in SKIPPED_KINDS or block.cells or "xếp loại" not in scan.lowered(block):
            continue
        classes = list(CLASS.finditer(block.text))
        if len(classes) < MIN_CLASSES:
            continue
        quantities = scan.quantities(block)
        parts = [next((q for q in quantities if q.start == c.end()), None) for c in classes]
        if any(p is None or p.kind is not QuantityKind.COUNT for p in parts):
            continue
        counted = [p for p in parts if p is not None]
        whole = next(
            (q for q in reversed(quantities) if q.end <= classes[0].start() and q.kind is QuantityKind.COUNT), None
        )
        if whole is None or whole.unit != counted[0].unit or any(p.unit != whole.unit for p in counted):
            continue
        between = block.text[whole.end : classes[0].start()]
        if not SPLIT_INTO.search(between) or SENTENCE_START.search(between) or ";" in between:
            continue
        if sum(p.value for p in counted) != whole.value:
            yield _split_finding(block, whole, counted, split="class")
    yield from _counts_before_classes(document, scan)


MIN_CLASSES = 2
# "Trong 09 đơn vị, có 03 đơn vị xếp loại Tốt …; 04 đơn vị xếp loại Khá; 01 đơn vị xếp loại Trung bình …; không
# có đơn vị xếp loại Yếu": the count before each class. The classes make the whole when the sentence also says
# which class is empty (then it names them all), or when they add up to more than the whole.
COUNT_THEN_CLASS = regex.compile(r"\s+xếp\s+loại\s+(?-i:\p{Lu})", regex.IGNORECASE | regex.VERSION1)
WHOLE_OF_CLASSES = regex.compile(r"\b(?:trong|trong\s+tổng\s+số)\s+$", regex.IGNORECASE)
WHOLE_THEN_PARTS = regex.compile(r"\s*,?\s*(?:có|gồm)\s*:?\s*$", regex.IGNORECASE)
EMPTY_CLASS = regex.compile(
    r"\bkhông\s+có\s+(?:\p{L}+\s+){0,2}xếp\s+loại\s+(?-i:\p{Lu})", regex.IGNORECASE | regex.VERSION1
)


def _counts_before_classes(document: Document, scan: DocumentScan) -> Iterator[Finding]:
    for block in document.blocks:
        if block.kind in SKIPPED_KINDS or block.cells or "xếp loại" not in scan.lowered(block):
            continue
        text = block.text
        quantities = [q for q in scan.quantities(block) if q.kind is QuantityKind.COUNT]
        for index, whole in enumerate(quantities):
            if not WHOLE_OF_CLASSES.search(text, 0, whole.start):
                continue
            parts: list[Quantity] = []
            for part in quantities[index + 1 :]:
                if part.unit != whole.unit or not COUNT_THEN_CLASS.match(text, part.end):
                    break
                if SENTENCE_START.search(text, whole.end, part.start):
                    break
                parts.append(part)
            if len(parts) < MIN_CLASSES or not WHOLE_THEN_PARTS.fullmatch(text, whole.end, parts[0].start):
                continue
            sentence_end = SENTENCE_START.search(text, parts[-1].end)
            named_all = EMPTY_CLASS.search(text, parts[-1].end, sentence_end.start() if sentence_end else len(text))
            total = sum(part.value for part in parts)
            if total != whole.value and (named_all or total > whole.value):
                yield _split_finding(block, whole, parts, split="class")


# --- conflicting-values: one rate, two values -------------------------------------------------------------

LEVEL = regex.compile(r"\b(?:cấp|của|toàn)\s+(?P<level>tỉnh|huyện|xã)\b", regex.IGNORECASE)
ANY_LEVEL = regex.compile(r"\b(?:tỉnh|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)\b", regex.IGNORECASE)
# Longest first: "trước và đúng hạn" is not "đúng hạn".
STATUS = regex.compile(
    r"\b(?P<status>trước\s+và\s+đúng\s+hạn|đúng\s+và\s+trước\s+hạn|trước\s+hạn,\s+đúng\s+hạn|trước\s+hạn|đúng\s+hạn|"
    r"quá\s+hạn|trễ\s+hạn|"
    r"chậm\s+hạn)\b",
    regex.IGNORECASE,
)
SAME_STATUS = {"đúng và trước hạn": "trước và đúng hạn", "trước hạn, đúng hạn": "trước và đúng hạn"}
SAME_STATUS |= {"trễ hạn": "quá hạn", "chậm hạn": "quá hạn"}
PERIOD = regex.compile(r"\b(?:\d+\s+tháng|quý\s+[IV\d]+|năm\s+(?P<year>(?:19|20)\d\d))\b", regex.IGNORECASE)
STATUS_REACH = 60  # characters from the status words to the percentage
WINDOW_TAIL = 12  # room for the percentage itself
THRESHOLD = regex.compile(
    r"(?:\b(?:trên|dưới|quá|vượt|tối\s+thiểu|tối\s+đa|ít\s+nhất|từ|đến)|[<>≤≥])\s*$", regex.IGNORECASE
)
SENTENCE_START = regex.compile(r"(?:\.\s|\n)")


@dataclass(frozen=True)
class _Rate:
    key: tuple[str, str, str]  # level, status, period
    quantity: Quantity
    block: Block


def check_restated_rates(
    document: Document, report_year: int | None = None, scan: DocumentScan | None = None
) -> Iterator[Finding]:
    """One rate (of a level, status and period) stated in two blocks with values no rounding reconciles. A
    rate that names no level is the document's own unit's; "năm <report year>" is the report's period."""
    scan = scan or DocumentScan()
    rates: dict[tuple[str, str, str], list[_Rate]] = {}
    for block in document.blocks:
        if block.kind in SKIPPED_KINDS or block.cells or "%" not in block.text or not STATUS.search(block.text):
            continue
        for rate in _rates(block, report_year, scan):
            rates.setdefault(rate.key, []).append(rate)
    for same in rates.values():
        for first, later in combinations(same, 2):
            if first.block.block_id != later.block.block_id and _disjoint(first.quantity, later.quantity):
                yield _restated_finding(first, later)
                break


def _rates(block: Block, report_year: int | None, scan: DocumentScan) -> Iterator[_Rate]:
    """Each percentage that follows a status ("trước hạn … đạt 98,5%") within reach, in the same clause."""
    text = block.text
    for status in STATUS.finditer(text):
        window_end = min(len(text), status.start() + STATUS_REACH + WINDOW_TAIL)
        percent = next(
            (q for q in scan.quantities_between(block, status.end(), window_end) if q.kind is QuantityKind.PERCENT),
            None,
        )
        if percent is None or percent.start - status.start() > STATUS_REACH:
            continue
        between = text[status.end() : percent.start]
        if "%" in between or ";" in between or SENTENCE_START.search(between) or STATUS.search(between):
            continue  # another rate, clause or status comes first
        if THRESHOLD.search(text, max(0, percent.start - 15), percent.start):
            continue  # "quá hạn trên 3%": a threshold, not a result
        sentence = max((m.end() for m in SENTENCE_START.finditer(text, 0, status.start())), default=0)
        levels = list(LEVEL.finditer(text, sentence, percent.start))
        if not levels and ANY_LEVEL.search(text, sentence, percent.start):
            continue  # "Tại Bộ phận Một cửa huyện …", "UBND các xã …": a level, but not named as "cấp/của/toàn"
        level = levels[-1].group("level").lower() if levels else ""
        name = " ".join(status.group("status").lower().split())
        periods = list(PERIOD.finditer(text, sentence, percent.start))
        period = " ".join(periods[-1].group().lower().split()) if periods else ""
        if period == f"năm {report_year}":
            period = ""
        yield _Rate((level, SAME_STATUS.get(name, name), period), percent, block)


def _disjoint(first: Quantity, second: Quantity) -> bool:
    return not any(
        printed(first.value, first.decimals, reading).meets(printed(second.value, second.decimals, reading))
        for reading in Reading
    )


def _restated_finding(first: _Rate, later: _Rate) -> Finding:
    rule = RULES_BY_ID["conflicting-values"]
    level, status, _ = first.key
    stated, expected = later.quantity, first.quantity
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"tỷ lệ {status} cấp {level}: {expected.raw} ở một phần, {stated.raw} ở phần khác / the {level} "
        f"'{status}' rate is {expected.raw} in one section and {stated.raw} in another",
        stated=stated.number_text,
        expected=expected.number_text,
        arithmetic=f"{expected.number_text} ≠ {stated.number_text} (làm tròn hay cắt bớt đều không khớp) ✗",
        operands=(
            Operand(role="stated", raw=expected.raw, span=quantity_in_block(expected, first.block)),
            Operand(role="restated", raw=stated.raw, span=quantity_in_block(stated, later.block)),
        ),
        span=quantity_in_block(stated, later.block),
    )
