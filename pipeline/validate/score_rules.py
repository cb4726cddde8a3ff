"""Checks on the score rows of one document: deductions against max − achieved, groups against the
deductions listed under them, parts against their whole, values against their range, and one code used
for two names. Each check says nothing when an operand is missing or the list of parts may be incomplete:
a missing number is never guessed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import regex

from extractors.references import attached_letter_dates, printed_date
from extractors.vietnamese_text import fold_accents
from pipeline.validate.intervals import Interval, Reading, show, total
from pipeline.validate.number_sources import printed_number
from pipeline.validate.printed_numbers import Printed
from pipeline.validate.rule_registry import RULES_BY_ID
from pipeline.validate.self_changes import check_self_change
from schemas.document import BlockKind, Document
from schemas.extraction import ActionRow, Extraction, ScoreLevel, ScoreRow
from schemas.finding import Finding, Operand

FIELD_CODES = {str(n) for n in range(1, 10)}
ALL_FIELDS = {str(n) for n in range(1, 9)}  # the national framework's eight
LISTED_AFTER = regex.compile(r"\s*điểm\s*,?\s*(?:bao\s+)?gồm\s*:", regex.IGNORECASE)  # "1,25 điểm, gồm:"
PENALTY = regex.compile(r"\bđiểm\s+(?:trừ|phạt)\b", regex.IGNORECASE)  # "Điểm trừ: …": a row of negative points
TOTAL_LINE = regex.compile(r"\W*(?:[IVX]+|\d+)?\W*(?:tổng\s+(?:cộng|số|điểm)|cộng)\b", regex.IGNORECASE)


def check_scores(
    rows: Sequence[ScoreRow], actions: Sequence[ActionRow] = (), document: Document | None = None
) -> Iterator[Finding]:
    by_unit: dict[tuple[int | None, str | None], list[Scored]] = defaultdict(list)
    for row in rows:
        by_unit[row.year, row.unit].append(scored(row, document))
    for year_rows in by_unit.values():  # rows of one unit and year
        yield from check_deductions(year_rows)
        yield from check_children_sum_to_parent(year_rows, document)
        yield from check_fields_sum_to_whole(year_rows, document)
        yield from check_ranges(year_rows)
        if document is not None:
            yield from _self_changes(year_rows, document)
        yield from check_restated_scores(year_rows)
    yield from check_duplicate_codes([*rows, *actions])


def check_restated_scores(rows: Sequence[Scored]) -> Iterator[Finding]:
    """One unit's score stated twice with values no rounding reconciles: field 3 "đạt 11,27 điểm" in part I and
    "(năm 2023 đạt 11,72/13 điểm)" in the task table; "Sở Xây dựng (76,08 điểm)" and later "(… đạt 76,80
    điểm)". Rows of one code, year and unit stay two rows when their values differ; criteria whose names differ
    are two criteria under one code (`duplicate-code`), not one value stated twice."""
    rule = RULES_BY_ID["conflicting-values"]
    first_of: dict[str | None, Scored] = {}
    for row in rows:
        if row.code is None or row.achieved is None:
            continue
        first = first_of.setdefault(row.code, row)
        if first is row or first.achieved is None:
            continue
        if "." in row.code and first.row.name and row.row.name and first.row.name != row.row.name:
            continue
        if any(first.achieved.interval(r).meets(row.achieved.interval(r)) for r in Reading):
            continue
        yield Finding(
            rule_id=rule.rule_id,
            severity=rule.severity,
            message=f"{row.code}: {first.achieved.raw} ở một chỗ, {row.achieved.raw} ở chỗ khác / the same score is "
            f"{first.achieved.raw} in one place and {row.achieved.raw} in another",
            code=row.code,
            stated=row.achieved.raw,
            expected=first.achieved.raw,
            arithmetic=f"{first.achieved.raw} ≠ {row.achieved.raw} ✗",
            operands=(_operand(first.achieved), _operand(row.achieved)),
            span=row.achieved.span,
        )


def _self_changes(rows: Sequence[Scored], document: Document) -> Iterator[Finding]:
    """ "Hội đồng thẩm định 0,75 điểm, giảm 0,5 điểm so với điểm tự đánh giá" against the row's own scores."""
    for row in rows:
        if row.self is not None and row.achieved is not None:
            finding = check_self_change(row.self, row.achieved, (row.row.span, *row.row.sources), document)
            if finding is not None:
                yield finding


# --- numbers of a row ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    """A score row with each printed number located in the sentence that printed it."""

    row: ScoreRow
    max: Printed | None
    self: Printed | None
    achieved: Printed | None
    deducted: Printed | None

    @property
    def code(self) -> str | None:
        return self.row.code


def _full_marks(row: ScoreRow) -> bool:
    """ "đạt 1/1 điểm": points printed without decimals and equal to the maximum are the maximum itself."""
    raw = row.achieved_raw or ""
    return row.max_points is not None and row.achieved_points == row.max_points and "," not in raw


def scored(row: ScoreRow, document: Document | None) -> Scored:
    spans = (row.span, *row.sources)

    def number(value: Decimal | None, raw: str | None, role: str, exact: bool = False) -> Printed | None:
        if value is None:
            return None
        raw = raw or str(value)
        return Printed(value, raw, role, row.code, spans, document, exact=exact)

    return Scored(
        row,
        number(row.max_points, row.max_raw, "max", exact=True),
        number(row.self_points, row.self_raw, "self"),
        number(row.achieved_points, row.achieved_raw, "achieved", exact=_full_marks(row)),
        number(row.deducted_points, row.deducted_raw, "deducted"),
    )


def _inconsistent(computed: dict[Reading, Interval], stated: Printed) -> bool:
    """An error only when the stated value misses the computed interval under both readings."""
    return all(not computed[reading].meets(stated.interval(reading)) for reading in Reading)


def _operand(number: Printed) -> Operand:
    return Operand(role=number.role, raw=number.raw, code=number.code, span=number.span)


def _finding(
    rule_id: str,
    message: str,
    stated: Printed,
    computed: Interval,
    arithmetic: str,
    operands: Sequence[Printed],
    codes: Sequence[str] = (),
) -> Finding:
    rule = RULES_BY_ID[rule_id]
    decimals = max([stated.decimals, *(o.decimals for o in operands)])
    return Finding(
        rule_id=rule_id,
        severity=rule.severity,
        message=message,
        code=stated.code,
        codes=tuple(codes),
        stated=stated.raw,
        expected=_shown(computed, decimals),
        expected_low=_decimal(computed.low),
        expected_high=_decimal(computed.high),
        arithmetic=arithmetic,
        operands=tuple(_operand(o) for o in (*operands, stated)),
        span=stated.span,
    )


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0001"))


def _sum_text(parts: Sequence[Printed], signs: Sequence[int] | None = None) -> str:
    signs = signs or [1] * len(parts)
    text = parts[0].raw if signs[0] > 0 else f"− {parts[0].raw}"
    for part, sign in zip(parts[1:], signs[1:], strict=True):
        text += f" {'+' if sign > 0 else '−'} {part.raw}"
    return text


def _shown(interval: Interval, decimals: int) -> str:
    """The computed value as documents print it; an exact one (a sum of maxima) without trailing zeros."""
    if interval.low == interval.high:
        exact = Decimal(interval.low.numerator) / Decimal(interval.low.denominator)
        return show(exact, max(0, -exact.normalize().as_tuple().exponent))  # type: ignore[operator]
    return show((interval.low + interval.high) / 2, decimals)


# --- deduction-mismatch and deduction-rollup -----------------------------------------------------------


def check_deductions(rows: Sequence[Scored]) -> Iterator[Finding]:
    for row in rows:
        maximum, achieved, deducted = row.max, row.achieved, row.deducted
        if deducted is None:
            continue
        listed = _listed_deductions(row, rows)
        if maximum is not None and achieved is not None:
            computed = {r: maximum.interval(r) - achieved.interval(r) for r in Reading}
            excluded = _not_assessed(row, rows)
            without = {r: computed[r] - Interval(excluded, excluded) for r in Reading}
            if _inconsistent(computed, deducted) and (not excluded or _inconsistent(without, deducted)):
                expected = _shown(computed[Reading.ROUNDED], max(achieved.decimals, deducted.decimals))
                arithmetic = f"{maximum.raw} − {achieved.raw} = {expected}, văn bản ghi {deducted.raw} ✗"
                if listed:
                    arithmetic += f"; các mục bên dưới / items under it: {_sum_text(listed)}"
                yield _finding(
                    "deduction-mismatch",
                    f"{row.code}: điểm bị trừ {deducted.raw} khác {maximum.raw} − {achieved.raw} = {expected} / "
                    f"stated deduction {deducted.raw} is not max − achieved = {expected}",
                    deducted,
                    computed[Reading.ROUNDED],
                    arithmetic,
                    [maximum, achieved, *listed],
                )
            if not _listed_in_full(deducted):
                continue  # max and achieved decide; a shorter list under the row is only the items it names
        if len(listed) < 2:
            continue
        computed = {r: total([p.interval(r) for p in listed]) for r in Reading}
        if _inconsistent(computed, deducted):
            expected = _shown(computed[Reading.ROUNDED], max(p.decimals for p in [*listed, deducted]))
            yield _finding(
                "deduction-rollup",
                f"{row.code}: bị trừ {deducted.raw} nhưng các mục bên dưới cộng {expected} / "
                f"the group's deduction {deducted.raw} is not the sum of the deductions under it ({expected})",
                deducted,
                computed[Reading.ROUNDED],
                f"{_sum_text(listed)} = {expected}, văn bản ghi {deducted.raw} ✗",
                listed,
            )


def _listed_in_full(deducted: Printed) -> bool:
    """ "bị trừ 1,25 điểm, gồm: tiêu chí thành phần 5.1.3 bị trừ 0,50 điểm (…); tiêu chí 5.5 bị trừ 0,50 điểm":
    the deduction says its items follow in full, so they must make it even where max − achieved agrees."""
    span, document = deducted.span, deducted.document
    if span is None or document is None:
        return False
    for stated in printed_number(deducted.raw).finditer(document.text, span.start, span.end + 40):
        if LISTED_AFTER.match(document.text, stated.end(), span.end + 40):
            return True
    return False


def _not_assessed(row: Scored, rows: Sequence[Scored]) -> Fraction:
    """The maxima of the row's children that were not assessed ("6.3 … Không áp dụng": a maximum, no score):
    a group's stated deduction may leave them out (6 − 1,5 − 4 = 0,5)."""
    code = row.code
    if code is None or code in ("total", "assessment", "survey"):
        return Fraction(0)
    depth = code.count(".") + 1
    return sum(
        (
            Fraction(child.max.value)
            for child in rows
            if child.code is not None
            and child.code.startswith(f"{code}.")
            and child.code.count(".") == depth
            and child.max is not None
            and child.achieved is None
            and child.self is None
        ),
        Fraction(0),
    )


def _listed_deductions(row: Scored, rows: Sequence[Scored]) -> list[Printed]:
    """The deductions stated under a field or criterion: its descendants' deductions, the outermost ones."""
    code = row.code
    if code is None or row.row.level not in (ScoreLevel.FIELD, ScoreLevel.CRITERION):
        return []
    under = [r for r in rows if r.code and r.code.startswith(code + ".") and r.deducted is not None]
    outermost = [r for r in under if not any(_descends(r, other) for other in under)]
    return [r.deducted for r in outermost if r.deducted is not None]


def _descends(row: Scored, other: Scored) -> bool:
    return row is not other and bool(row.code and other.code and row.code.startswith(other.code + "."))


# --- sum-mismatch ---------------------------------------------------------------------------------------


def check_children_sum_to_parent(rows: Sequence[Scored], document: Document | None = None) -> Iterator[Finding]:
    """Sub-criteria to their criterion, criteria to their field, when the children's maxima make up the
    parent's maximum exactly (so none is missing). A parent stated twice, in its table's row that agrees with the
    children and again in a sentence that does not ("Lĩnh vực Cải cách tài chính công đạt 4,57/7 điểm" against
    the Cộng row's 4,75): the sentence restates the row wrongly, a `conflicting-values`, not a sum of its own."""
    tables = {b.block_id for b in document.blocks if b.kind is BlockKind.TABLE} if document is not None else set()
    checked = {id(parent): _children_sum(parent, rows) for parent in rows}
    for parent in rows:
        findings = checked[id(parent)]
        if not findings:
            continue
        agreeing_row = any(
            checked[id(twin)] == [] and twin.row.span.block in tables
            for twin in rows
            if twin is not parent and twin.code == parent.code
        )
        if agreeing_row and parent.row.span.block not in tables:
            continue
        yield from findings


def _children_sum(parent: Scored, rows: Sequence[Scored]) -> list[Finding] | None:
    """The parent's sum check: its findings, or None when its children cannot be checked against it."""
    code = parent.code
    if code is None or parent.row.level in (ScoreLevel.TOTAL, ScoreLevel.COMPONENT) or parent.max is None:
        return None
    depth = code.count(".") + 1
    children = [r for r in rows if r.code and r.code.startswith(code + ".") and r.code.count(".") == depth]
    if len(children) < 2 or len({c.code for c in children}) != len(children):
        return None
    maxima = [c.max.value for c in children if c.max is not None]
    if len(maxima) != len(children) or sum(maxima) != parent.max.value:
        return None
    return list(_sum_check(children, parent, code))


def check_fields_sum_to_whole(rows: Sequence[Scored], document: Document | None = None) -> Iterator[Finding]:
    """Fields to the self-assessment component (or to the total written right under them), and the
    component plus the survey to the total."""
    fields = [r for r in rows if r.row.level is ScoreLevel.FIELD and r.code in FIELD_CODES]
    assessment = [r for r in rows if r.code == "assessment"]
    survey = [r for r in rows if r.code == "survey"]
    totals = [r for r in rows if r.row.level is ScoreLevel.TOTAL]
    if len(fields) >= 2 and len({f.code for f in fields}) == len(fields):
        field_max = sum((f.max.value for f in fields if f.max is not None), Decimal(0))
        # a framework (maxima only, no score anywhere) that lists all eight fields: their maxima make the whole's
        framework = all(r.achieved is None and r.self is None for r in rows)
        every_field = framework and {f.code for f in fields} == ALL_FIELDS
        for whole in assessment:
            if (
                (whole.max is not None and whole.max.value == field_max)
                or every_field
                or _listed_above(fields, whole, document)
            ):
                yield from _sum_check(fields, whole, "lĩnh vực / fields", compare_max=every_field)
        if not assessment and not survey:
            for whole in totals:
                if _listed_above(fields, whole, document):  # "Tổng cộng" under the list, or a table's total
                    yield from _sum_check(fields, whole, "lĩnh vực / fields", compare_max=True)
    for whole in totals:
        for part in assessment:
            for other in survey:
                yield from _sum_check([part, other], whole, "chỉ số thành phần + điều tra / assessment + survey")


def _listed_above(parts: Sequence[Scored], whole: Scored, document: Document | None) -> bool:
    """The whole is a "Tổng cộng …" line or row, and the parts are rows of its table or the list right above
    it (consecutive blocks, the whole's block next). Without the document nothing is known of the layout."""
    if document is None:
        return False
    span = whole.row.span
    if not TOTAL_LINE.match(document.text, span.start, span.end):
        return False
    blocks = [p.row.span.block for p in parts]
    kinds = {block.block_id: block.kind for block in document.blocks}
    if all(block == span.block for block in blocks):
        return kinds.get(span.block) is BlockKind.TABLE
    indexes = sorted({_block_index(block) for block in blocks})
    consecutive = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
    return consecutive and _block_index(span.block) == indexes[-1] + 1


def _block_index(block_id: str) -> int:
    return int(block_id.lstrip("b"))


def _sum_check(parts: Sequence[Scored], whole: Scored, what: str, compare_max: bool = False) -> Iterator[Finding]:
    quantities: list[tuple[str, Callable[[Scored], Printed | None]]] = [("achieved", lambda r: r.achieved)]
    if compare_max:
        quantities.append(("max", lambda r: r.max))
    for name, get in quantities:
        stated = get(whole)
        numbers = [get(p) for p in parts]
        values = [n for n in numbers if n is not None]
        if stated is None or len(values) != len(numbers):
            continue
        computed = {r: total([n.interval(r) for n in values]) for r in Reading}
        if not _inconsistent(computed, stated):
            continue
        expected = _shown(computed[Reading.ROUNDED], max(n.decimals for n in [*values, stated]))
        label = "điểm tối đa / maxima" if name == "max" else "điểm đạt / points"
        yield _finding(
            "sum-mismatch",
            f"{what} cộng {expected} nhưng văn bản ghi {stated.raw} ({label}) / "
            f"the parts add up to {expected}, the document states {stated.raw}",
            stated,
            computed[Reading.ROUNDED],
            f"{_sum_text(values)} = {expected}, văn bản ghi {stated.raw} ✗",
            values,
            codes=[p.code for p in parts if p.code],
        )


# --- out-of-range ---------------------------------------------------------------------------------------


def check_ranges(rows: Sequence[Scored]) -> Iterator[Finding]:
    rule = RULES_BY_ID["out-of-range"]
    for row in rows:
        maximum = row.max
        for number in (row.achieved, row.self):
            if number is None:
                continue
            above = maximum is not None and number.interval(Reading.ROUNDED).low > maximum.value
            if (number.value < 0 and not PENALTY.search(row.row.name or "")) or above:
                limit = maximum.raw if maximum is not None else "?"
                yield Finding(
                    rule_id=rule.rule_id,
                    severity=rule.severity,
                    message=f"{row.code}: {number.raw} điểm ngoài phạm vi 0..{limit} / points outside 0..max",
                    code=row.code,
                    stated=number.raw,
                    arithmetic=f"{number.raw} > {limit} ✗" if above else f"{number.raw} < 0 ✗",
                    operands=tuple(_operand(n) for n in (number, maximum) if n is not None),
                    span=number.span,
                )
        rank, rank_total = row.row.rank, row.row.rank_total
        if rank is not None and (rank < 1 or (rank_total is not None and rank > rank_total)):
            yield Finding(
                rule_id=rule.rule_id,
                severity=rule.severity,
                message=f"{row.code}: xếp hạng {rank}/{rank_total} ngoài phạm vi / rank outside 1..total",
                code=row.code,
                stated=str(rank),
                expected=f"1–{rank_total}" if rank_total is not None else "≥ 1",
                span=row.row.span,
            )


# --- duplicate-code -------------------------------------------------------------------------------------


def check_duplicate_codes(rows: Sequence[ScoreRow | ActionRow]) -> Iterator[Finding]:
    """Criteria and sub-criteria named by score rows and remediation headings: one code, two names."""
    rule = RULES_BY_ID["duplicate-code"]
    named: dict[str, list[ScoreRow | ActionRow]] = defaultdict(list)
    for row in rows:
        if row.code and row.name and row.level in (ScoreLevel.CRITERION, ScoreLevel.SUBCRITERION):
            named[row.code].append(row)
    for code, same in named.items():
        distinct: list[ScoreRow | ActionRow] = []
        for row in same:
            if all(_different_names(row.name or "", other.name or "") for other in distinct):
                distinct.append(row)
        if len(distinct) > 1:
            names = " | ".join(f"“{r.name}”" for r in distinct)
            yield Finding(
                rule_id=rule.rule_id,
                severity=rule.severity,
                message=f"Mã {code} dùng cho {len(distinct)} tên khác nhau: {names} / code {code} names "
                f"{len(distinct)} different criteria",
                code=code,
                span=distinct[1].span,
                operands=tuple(Operand(role="name", raw=r.name or "", code=code, span=r.span) for r in distinct),
            )


def _different_names(first: str, second: str) -> bool:
    """Two names of one criterion share most words; different criteria share few ("Tỷ lệ …" aside)."""
    a, b = (set(fold_accents(name.lower()).split()) for name in (first, second))
    if a <= b or b <= a:
        return False
    return len(a & b) / len(a | b) < 0.6


# --- year-mismatch --------------------------------------------------------------------------------------

YEAR_PEERS = 3  # criteria of the report year around it before a different year stands out


def check_years(rows: Sequence[ScoreRow], report_year: int | None) -> Iterator[Finding]:
    """A criterion scored for another year among criteria scored for the report year, with no score of its
    own for the report year ("Kết quả trong năm 2023 …" inside a report on 2024): likely a slip."""
    rule = RULES_BY_ID["year-mismatch"]
    criteria = [r for r in rows if r.level in (ScoreLevel.CRITERION, ScoreLevel.SUBCRITERION) and r.code]
    this_year = {r.code for r in criteria if r.year == report_year}
    if report_year is None or len(this_year) < YEAR_PEERS:
        return
    for row in criteria:
        if row.year is not None and row.year != report_year and row.code not in this_year:
            yield Finding(
                rule_id=rule.rule_id,
                severity=rule.severity,
                message=f"{row.code}: kết quả ghi năm {row.year} trong báo cáo năm {report_year} / scored for "
                f"{row.year} among criteria scored for {report_year}",
                code=row.code,
                stated=str(row.year),
                expected=str(report_year),
                span=row.span,
            )


def check_deadline_years(extraction: Extraction) -> Iterator[Finding]:
    """A plan's deadline in an earlier year than the plan's, already past when the plan was issued ("Quý
    III/2025" in a plan for 2026 dated 12/3/2026): likely a slip for the plan year."""
    rule = RULES_BY_ID["year-mismatch"]
    info = extraction.document
    plan_year = info.plan_year
    if plan_year is None:
        return
    for action in extraction.actions:
        end = action.deadline_end
        if end is None or end.year >= plan_year or (info.issue_date is not None and end >= info.issue_date):
            continue
        written = action.deadline_text or f"{end:%d/%m/%Y}"
        yield Finding(
            rule_id=rule.rule_id,
            severity=rule.severity,
            message=f"{action.code or ''}: thời hạn “{written}” ({end.year}) trong kế hoạch năm {plan_year}, đã qua "
            f"khi ban hành / the deadline “{written}” ({end.year}) in a plan for {plan_year} had passed when issued",
            code=action.code,
            stated=written,
            expected=str(plan_year),
            span=action.span,
        )


# --- date-mismatch --------------------------------------------------------------------------------------


def check_dates(extraction: Extraction, document: Document | None) -> Iterator[Finding]:
    """A cited document dated after the citing one (or, for an undated plan, after its first deadline), and
    an annex that names its letter with another date than the letter's own."""
    rule = RULES_BY_ID["date-mismatch"]
    info = extraction.document
    deadlines = [a.deadline_end for a in extraction.actions if a.deadline_end is not None]  # due dates
    limit, limit_text = (info.issue_date, "ngày ban hành / issue date") if info.issue_date else (None, "")
    if limit is None and deadlines:
        limit, limit_text = min(deadlines), "thời hạn sớm nhất của kế hoạch / the plan's first deadline"
    if limit is not None:
        for reference in extraction.references:
            if reference.date is not None and reference.date > limit:
                yield Finding(
                    rule_id=rule.rule_id,
                    severity=rule.severity,
                    message=f"{reference.number} ngày {reference.date:%d/%m/%Y} sau {limit_text} {limit:%d/%m/%Y} / "
                    "a cited document dated after the citing one",
                    stated=printed_date(reference.text, reference.date) or f"{reference.date:%d/%m/%Y}",
                    expected=f"≤ {limit:%d/%m/%Y}",
                    span=reference.span,
                )
    if document is not None and info.issue_date is not None:
        for letter_date, span in attached_letter_dates(document):
            if letter_date != info.issue_date:
                yield Finding(
                    rule_id=rule.rule_id,
                    severity=rule.severity,
                    message=f"phụ lục ghi kèm văn bản ngày {letter_date:%d/%m/%Y}, văn bản đề ngày "
                    f"{info.issue_date:%d/%m/%Y} / the annex names its letter with another date",
                    stated=f"{letter_date:%d/%m/%Y}",
                    expected=f"{info.issue_date:%d/%m/%Y}",
                    span=span,
                )
