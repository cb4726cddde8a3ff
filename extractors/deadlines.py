"""Deadline phrases ("Thời gian thực hiện: Trong Quý I năm 2025") into dates: DOMAIN.md §3.5.

`normalise_deadline(text, context_year)` cleans the text (Unicode, markup, a leading "Thời gian thực hiện:"
label, trailing punctuation), then tries an ordered list of rules. Each rule is data: a name, a pattern
compiled twice (as written, and accent-folded for OCR'd text) and a small builder. For each rule in order
the accented pattern is tried on the cleaned text, then the folded pattern on the folded text, so rule order
(most specific first) decides even for half-accented OCR output. The first match wins; nothing matching
gives kind UNKNOWN.

A year that is not written comes from `context_year` (the plan's year, else the document's) and sets
`year_from_context`; with no context year the kind is kept and the dates stay None. Invalid dates (31/02,
"tháng 13") give UNKNOWN with a note, never an exception. Decisions where §3.5 leaves room:

- "Trước Quý II năm 2024", "trước tháng 6": a DEADLINE the day before the period starts, `ambiguous`.
  "trước (ngày) 30/10" is the day itself (by 30/10), not ambiguous.
- "Hoàn thành trong / Đến hết / Chậm nhất" + a month, quarter or year: a DEADLINE at the period's end.
- "Từ tháng 2 năm 2025", "Trong năm 2025 và những năm tiếp theo": OPEN, `end=None`, `assumed_end` the end
  of the context year (or of the start year when that is later).
- "Theo Kế hoạch CCHC năm 2024": EVENT with `assumed_end` 2024-12-31 and the plan named in `note`.
- Vague spans ("Tuần đầu tháng 1", "Đầu năm", "Cuối tháng 3") are RANGEs with precision "approximate":
  week 1 = days 1-7, last week = last 7 days; đầu/giữa/cuối tháng = days 1-10 / 11-20 / 21-end;
  đầu/giữa/cuối năm = Q1 / June-July / Q4.
- RECURRING: annual covers the context year; quarterly, half-yearly, monthly and weekly carry no dates.
- "Từ tháng 10 đến tháng 2/2026" with no start year: the start is in the year before the end's (flagged
  `ambiguous`); the same for day ranges.
- "Quý I, III/2025" (a list with a gap) spans the first start to the last end, with a note.
- "Đã hoàn thành", "Hoàn thành", "-", empty: UNKNOWN with a note (a status, not a deadline).
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypedDict, Unpack

import regex

from extractors import deadline_patterns as P
from extractors.vietnamese_text import fold_accents
from schemas.deadline import Deadline, DeadlineKind, DeadlinePrecision

K = DeadlineKind
Builder = Callable[[regex.Match[str], "_Ctx"], Deadline]


class _InvalidDate(ValueError):
    """A written date that does not exist (31/02, tháng 13, quý III - I)."""


class _MissingYear(LookupError):
    """No year written and no context year."""


class _Extra(TypedDict, total=False):
    assumed_end: date | None
    period: str | None
    ambiguous: bool
    note: str | None


@dataclass(frozen=True)
class _Ctx:
    raw: str
    year: int | None

    def year_of(self, written: str | None) -> tuple[int, bool]:
        """(year, came_from_context) for a year group that may be empty."""
        if written:
            return _parse_year(written), False
        if self.year is None:
            raise _MissingYear
        return self.year, True

    def make(
        self,
        kind: K,
        precision: DeadlinePrecision,
        start: date | None = None,
        end: date | None = None,
        from_ctx: bool = False,
        **extra: Unpack[_Extra],
    ) -> Deadline:
        return Deadline(
            raw=self.raw, kind=kind, precision=precision, start=start, end=end, year_from_context=from_ctx, **extra
        )


# --- dates ----------------------------------------------------------------------------------------------------


def _parse_year(text: str) -> int:
    year = int(text)
    year = 2000 + year if len(text) == 2 else year
    if not 1900 <= year <= 2100:
        raise _InvalidDate(f"implausible year {text}")
    return year


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _InvalidDate(f"invalid date {day:02d}/{month:02d}/{year}") from None


def _month(year: int, month: int) -> tuple[date, date]:
    if not 1 <= month <= 12:
        raise _InvalidDate(f"invalid month {month}")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _quarter(year: int, quarter: int) -> tuple[date, date]:
    return _month(year, 3 * quarter - 2)[0], _month(year, 3 * quarter)[1]


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    return _month(year, first)[0], _month(year, last)[1]


def _key(text: str) -> str:
    """A keyword group folded to plain lower case with single spaces ("Sáu  tháng" -> "sau thang")."""
    return " ".join(fold_accents(text).split())


def _period(m: regex.Match[str], ctx: _Ctx) -> tuple[date, date, DeadlinePrecision, bool]:
    """Bounds of a PERIOD fragment (one quarter, month or written year)."""
    year, from_ctx = ctx.year_of(m.group("y"))
    if m.group("q"):
        return *_quarter(year, P.ROMAN[m.group("q").lower()]), "quarter", from_ctx
    if m.group("m"):
        return *_month(year, int(m.group("m"))), "month", from_ctx
    return date(year, 1, 1), date(year, 12, 31), "year", from_ctx


def _assumed_end(start: date, ctx: _Ctx) -> date:
    return date(max(start.year, ctx.year or start.year), 12, 31)


def _written_year(text: str) -> str | None:
    found = YEAR_WORD[0].search(text) or YEAR_WORD[1].search(text)
    return found.group("y") if found else None


YEAR_WORD = P.compile_pair(P.YEAR_WORD)
QUARTER_ITEM = P.compile_pair(P.QUARTER_ITEM)
"""Items of a quarter list; the folded twin is used, on the folded list text."""


CROSSED = "start year not written: read as the year before the end's, across the new year"

# --- builders ---------------------------------------------------------------------------------------------------


def _status(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    return ctx.make(K.UNKNOWN, "none", note=f"a status, not a deadline: {m.group(0)!r}")


def _recurring_dated(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(m.group("y"))
    due = _date(year, int(m.group("m")), int(m.group("d")))
    note = f"due {due:%d/%m} every year"
    return ctx.make(K.RECURRING, "day", None, due, from_ctx=from_ctx, period="annual", note=note)


def _day_range(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year2, from_ctx = ctx.year_of(m.group("y2"))
    year1 = _parse_year(m.group("y1")) if m.group("y1") else year2
    end = _date(year2, int(m.group("m2")), int(m.group("d2")))
    start = _date(year1, int(m.group("m1")), int(m.group("d1")))
    crossed = start > end and not m.group("y1")
    if crossed:
        start = _date(year2 - 1, start.month, start.day)
    if start > end:
        raise _InvalidDate(f"range ends before it starts: {m.group(0)}")
    return ctx.make(K.RANGE, "day", start, end, from_ctx=from_ctx, ambiguous=crossed, note=CROSSED if crossed else None)


def _month_range(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year2, from_ctx = ctx.year_of(m.group("y2"))
    year1 = _parse_year(m.group("y1")) if m.group("y1") else year2
    month1, month2 = int(m.group("m1")), int(m.group("m2"))
    crossed = not m.group("y1") and month1 > month2
    start, end = _month(year1 - 1 if crossed else year1, month1)[0], _month(year2, month2)[1]
    if start > end:
        raise _InvalidDate(f"range ends before it starts: {m.group(0)}")
    note = CROSSED if crossed else None
    return ctx.make(K.RANGE, "month", start, end, from_ctx=from_ctx, ambiguous=crossed, note=note)


def _deadline_day(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(m.group("y"))
    return ctx.make(K.DEADLINE, "day", None, _date(year, int(m.group("m")), int(m.group("d"))), from_ctx=from_ctx)


def _before_period(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    start, end, precision, from_ctx = _period(m, ctx)
    due = start - timedelta(days=1)
    note = f"read as before the period starts ({due}); some authors mean by its end ({end})"
    return ctx.make(K.DEADLINE, precision, None, due, from_ctx=from_ctx, ambiguous=True, note=note)


def _by_end_of_period(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    _start, end, precision, from_ctx = _period(m, ctx)
    return ctx.make(K.DEADLINE, precision, None, end, from_ctx=from_ctx)


def _open_later_years(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    start = date(_parse_year(m.group("y")), 1, 1)
    note = "continues in later years; assumed_end is the end of the context year"
    return ctx.make(K.OPEN, "year", start, None, assumed_end=_assumed_end(start, ctx), note=note)


def _open_from(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    precision: DeadlinePrecision = "day"
    if m.group("d"):
        year, from_ctx = ctx.year_of(m.group("y"))
        start = _date(year, int(m.group("m")), int(m.group("d")))
    else:
        start, _end, precision, from_ctx = _period(m, ctx)
    note = "no end written; assumed_end is the end of the context year"
    return ctx.make(K.OPEN, precision, start, None, from_ctx=from_ctx, assumed_end=_assumed_end(start, ctx), note=note)


def _multi_year(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    first, last = _parse_year(m.group("y1")), _parse_year(m.group("y2"))
    if first > last:
        raise _InvalidDate(f"range ends before it starts: {m.group(0)}")
    return ctx.make(K.RANGE, "multi_year", date(first, 1, 1), date(last, 12, 31))


def _continuous(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(_written_year(m.string))
    note = "ongoing; no single deadline, not to be scored as overdue"
    return ctx.make(K.CONTINUOUS, "year", date(year, 1, 1), date(year, 12, 31), from_ctx=from_ctx, note=note)


def _recurring(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    period = P.PERIODS[_key(m.group("p"))] if m.group("p") else None
    if period != "annual":
        note = None if period else "recurring, period not written"
        return ctx.make(K.RECURRING, "none", period=period, note=note)
    year, from_ctx = ctx.year_of(_written_year(m.string))
    return ctx.make(K.RECURRING, "year", date(year, 1, 1), date(year, 12, 31), from_ctx=from_ctx, period=period)


def _part_of_year_months(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(m.group("y"))
    count = P.NUMBER_WORDS[_key(m.group("n"))] if m.group("n") else 6
    last_part = m.group("part") is not None and _key(m.group("part")) == "cuoi"
    start, end = _months(year, 13 - count, 12) if last_part else _months(year, 1, count)
    return ctx.make(K.RANGE, "half" if count == 6 else "quarter", start, end, from_ctx=from_ctx)


def _week_of_month(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(m.group("y"))
    first, last = _month(year, int(m.group("m")))
    week = P.WEEKS[_key(m.group("w"))]
    start = last - timedelta(days=6) if week == 5 else first + timedelta(days=7 * (week - 1))
    note = "vague: a week read as 7 days"
    return ctx.make(K.RANGE, "approximate", start, start + timedelta(days=6), from_ctx=from_ctx, note=note)


def _part_of_month(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(m.group("y"))
    first, last = _month(year, int(m.group("m")))
    day1, day2 = P.PART_OF_MONTH_DAYS[_key(m.group("part"))]
    start, end = first.replace(day=day1), last.replace(day=min(day2, last.day))
    note = "vague: đầu/giữa/cuối tháng read as days 1-10 / 11-20 / 21-end"
    return ctx.make(K.RANGE, "approximate", start, end, from_ctx=from_ctx, note=note)


def _quarters(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    items = list(QUARTER_ITEM[1].finditer(fold_accents(m.group("qs"))))
    quarters = [P.ROMAN[item.group("q").lower()] for item in items]
    written: list[str | None] = [item.group("y") for item in items]
    years: list[tuple[int, bool]] = []
    for index in range(len(items)):
        later = next((y for y in written[index:] if y), None)
        years.append(ctx.year_of(later))
    spans = [_quarter(year, q) for (year, _), q in zip(years, quarters, strict=True)]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    if spans[0][0] > spans[-1][1]:
        raise _InvalidDate(f"quarters out of order: {m.group(0)}")
    from_ctx = any(flag for _, flag in years)
    keys = sorted(year * 4 + q for (year, _), q in zip(years, quarters, strict=True))
    ranged = any(_key(item.group("sep") or "") in {"-", "den", "toi"} for item in items)
    gap = not ranged and any(b - a > 1 for a, b in itertools.pairwise(keys))
    note = f"quarters {', '.join(i.group('q').upper() for i in items)} are not contiguous; span given" if gap else None
    return ctx.make(K.RANGE, "quarter", start, end, from_ctx=from_ctx, note=note)


def _month_only(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(m.group("y"))
    return ctx.make(K.RANGE, "month", *_month(year, int(m.group("m"))), from_ctx=from_ctx)


def _part_of_year(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(m.group("y"))
    first, last = P.PART_OF_YEAR_MONTHS_BY_PART[_key(m.group("part"))]
    note = "vague: đầu/giữa/cuối năm read as Q1 / June-July / Q4"
    return ctx.make(K.RANGE, "approximate", *_months(year, first, last), from_ctx=from_ctx, note=note)


def _event_plan(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    written = _written_year(m.group("rest"))
    if written is None:
        return ctx.make(K.EVENT, "none", note="follows a plan's own schedule; no date written")
    year = _parse_year(written)
    note = f"follows the plan of {year}; assumed_end is that year's end"
    return ctx.make(K.EVENT, "none", assumed_end=date(year, 12, 31), note=note)


def _event(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    return ctx.make(K.EVENT, "none", note=f"triggered by an event ({m.group(0)!r}), no date")


def _year(m: regex.Match[str], ctx: _Ctx) -> Deadline:
    year, from_ctx = ctx.year_of(m.group("y"))
    return ctx.make(K.RANGE, "year", date(year, 1, 1), date(year, 12, 31), from_ctx=from_ctx)


# --- rules ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One deadline form: tried in RULES order; `kind`/`precision`/`period` are used when the year is missing."""

    name: str
    pattern: regex.Pattern[str]
    folded: regex.Pattern[str]
    build: Builder
    kind: DeadlineKind
    precision: DeadlinePrecision
    period: str | None = None


def _rule(
    name: str, source: str, build: Builder, kind: K, precision: DeadlinePrecision, period: str | None = None
) -> Rule:
    pattern, folded = P.compile_pair(source)
    return Rule(name, pattern, folded, build, kind, precision, period)


RULES: tuple[Rule, ...] = (
    _rule("status_done", P.STATUS_DONE, _status, K.UNKNOWN, "none"),
    _rule("recurring_dated", P.RECURRING_DATED, _recurring_dated, K.RECURRING, "day", "annual"),
    _rule("day_range", P.DAY_RANGE, _day_range, K.RANGE, "day"),
    _rule("month_range", P.MONTH_RANGE, _month_range, K.RANGE, "month"),
    _rule("deadline_day", P.DEADLINE_DAY, _deadline_day, K.DEADLINE, "day"),
    _rule("before_period", P.BEFORE_PERIOD, _before_period, K.DEADLINE, "none"),
    _rule("by_end_of_period", P.BY_END_OF_PERIOD, _by_end_of_period, K.DEADLINE, "none"),
    _rule("open_later_years", P.OPEN_LATER_YEARS, _open_later_years, K.OPEN, "year"),
    _rule("open_from", P.OPEN_FROM, _open_from, K.OPEN, "none"),
    _rule("multi_year", P.MULTI_YEAR, _multi_year, K.RANGE, "multi_year"),
    _rule("continuous", P.CONTINUOUS, _continuous, K.CONTINUOUS, "year"),
    _rule("recurring", P.RECURRING, _recurring, K.RECURRING, "year", "annual"),
    _rule("part_of_year_months", P.PART_OF_YEAR_MONTHS, _part_of_year_months, K.RANGE, "half"),
    _rule("week_of_month", P.WEEK_OF_MONTH, _week_of_month, K.RANGE, "approximate"),
    _rule("part_of_month", P.PART_OF_MONTH, _part_of_month, K.RANGE, "approximate"),
    _rule("quarters", P.QUARTERS, _quarters, K.RANGE, "quarter"),
    _rule("month", P.MONTH, _month_only, K.RANGE, "month"),
    _rule("part_of_year", P.PART_OF_YEAR, _part_of_year, K.RANGE, "approximate"),
    _rule("event_plan", P.EVENT_PLAN, _event_plan, K.EVENT, "none"),
    _rule("event", P.EVENT, _event, K.EVENT, "none"),
    _rule("year", P.YEAR, _year, K.RANGE, "year"),
    _rule("bare_day", P.BARE_DAY, _deadline_day, K.DEADLINE, "day"),
    _rule("bare_month", P.BARE_MONTH, _month_only, K.RANGE, "month"),
)


# --- entry point ------------------------------------------------------------------------------------------------


def match_rule(text: str) -> tuple[Rule, regex.Match[str], bool] | None:
    """The first rule matching cleaned `text`: (rule, match, matched_on_folded_text)."""
    folded = fold_accents(text)
    for rule in RULES:
        found = rule.pattern.search(text)
        if found is not None:
            return rule, found, False
        found = rule.folded.search(folded)
        if found is not None:
            return rule, found, True
    return None


def normalise_deadline(text: str, context_year: int | None) -> Deadline:
    """Read a deadline phrase into a `Deadline` (DOMAIN §3.5); never raises on odd text.

    `context_year` is the plan's year, else the document's; a ValueError if outside 1900-2100 (a caller bug).
    """
    if context_year is not None and not 1900 <= context_year <= 2100:
        raise ValueError(f"implausible context year {context_year}")
    ctx = _Ctx(raw=text, year=context_year)
    cleaned = P.clean_deadline_text(text)
    if not P.HAS_CONTENT.search(cleaned):
        return ctx.make(K.UNKNOWN, "none", note="empty")
    hit = match_rule(cleaned)
    if hit is None:
        return ctx.make(K.UNKNOWN, "none", note="no deadline rule matched")
    rule, found, on_folded = hit
    try:
        result = rule.build(found, ctx)
    except _InvalidDate as error:
        return ctx.make(K.UNKNOWN, "none", note=f"{error} ({rule.name})")
    except _MissingYear:
        note = "year not written and no context year"
        return ctx.make(rule.kind, rule.precision, period=rule.period, note=note)
    if on_folded:
        extra = "matched on accent-stripped text"
        result = result.model_copy(update={"note": f"{result.note}; {extra}" if result.note else extra})
    return result
