"""Vietnamese numbers: parse one printed quantity, or find every quantity in running text.

Implements DOMAIN §3.2 (number parser), §3.3 (percentages, fractions, ranks) and the skip rules for
dates, document numbers and criterion codes (§1.3, §2.2, §3.4). Values are exact `Decimal`s.

- `read_numeral("1.353")` -> every reading of a bare numeral, preferred first (two readings = ambiguous).
- `parse_number("1.157.351 triệu đồng")` -> one `Quantity`; raises `ValueError` on anything else.
- `find_quantities(text)` -> every `Quantity` in `text`, with offsets, kind chosen from context words.

`find_quantities` matches on the NFC form of the text (DOMAIN §2.8); offsets are into the text as given.
The patterns, unit tables and word lists are data, in `extractors/number_patterns.py`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import regex

from extractors.number_patterns import CASE_TRAPS, DIGIT_RE, EXPLAIN_RES, PLAIN_GROUP_SPACE_RE, SCAN_START_LOWER_RE
from schemas.quantity import Quantity, QuantityKind

# The data moved to extractors/number_patterns.py; every name stays importable from here, as before.
# isort: off
from extractors.number_patterns import (
    CONTEXT_WINDOW as CONTEXT_WINDOW,
    COUNT_NOUNS as COUNT_NOUNS,
    DATE_CONTEXT_RE as DATE_CONTEXT_RE,
    GAP as GAP,
    GROUP_SPACE_RE as GROUP_SPACE_RE,
    INTEGER_KINDS as INTEGER_KINDS,
    LABEL_WORDS as LABEL_WORDS,
    MEASURE_UNITS as MEASURE_UNITS,
    MONEY_UNITS as MONEY_UNITS,
    NUMERAL as NUMERAL,
    NUMERAL_SHAPE_RE as NUMERAL_SHAPE_RE,
    NUM_END as NUM_END,
    NUM_START as NUM_START,
    PERCENT_MAX as PERCENT_MAX,
    PERCENT_UNITS as PERCENT_UNITS,
    POINTS_SCALE_MAX as POINTS_SCALE_MAX,
    POINT_UNITS as POINT_UNITS,
    QUANTITY_PATTERN as QUANTITY_PATTERN,
    QUANTITY_RE as QUANTITY_RE,
    RANK_CONTEXT_RE as RANK_CONTEXT_RE,
    RANK_FRACTION_CONTEXT_RE as RANK_FRACTION_CONTEXT_RE,
    RANK_PREFIX_RE as RANK_PREFIX_RE,
    RANK_WORDS as RANK_WORDS,
    SCAN_RE as SCAN_RE,
    SCAN_START_RE as SCAN_START_RE,
    SKIP_PATTERNS as SKIP_PATTERNS,
    SP as SP,
    SPACE_GROUPED_RE as SPACE_GROUPED_RE,
    UNITS as UNITS,
    UNIT_BY_KEY as UNIT_BY_KEY,
    UNIT_PATTERN as UNIT_PATTERN,
    UnitSpec as UnitSpec,
    YEAR_RE as YEAR_RE,
    unit_key as unit_key,
)
# isort: on

__all__ = [
    "COUNT_NOUNS",
    "UNITS",
    "NumeralReading",
    "UnitSpec",
    "find_quantities",
    "parse_number",
    "read_numeral",
]

K = QuantityKind

# ---------------------------------------------------------------------------------------------------------
# Reading a bare numeral (DOMAIN §3.2 steps 1-4)
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumeralReading:
    """One way to read a numeral: its exact value and the decimals it shows."""

    value: Decimal
    decimals: int


def read_numeral(numeral: str) -> tuple[NumeralReading, ...]:
    """All readings of a numeral, preferred first; two readings mean the choice is ambiguous.

    "79,87" -> (79.87,); "1.157.351" -> (1157351,); "1.353" -> (1353, 1.353); "12,345" -> (12.345, 12345);
    "1,234.5" -> (1234.5,). Raises ValueError for codes and dates ("1.3.2", "20.08.2014") and non-numerals.
    """
    if GROUP_SPACE_RE.search(numeral):
        return (_read_space_grouped(numeral),)
    if not NUMERAL_SHAPE_RE.fullmatch(numeral):
        raise ValueError(f"{numeral!r} is not a numeral")
    has_dot, has_comma = "." in numeral, "," in numeral
    if has_dot and has_comma:
        return (_read_mixed_separators(numeral),)
    if has_dot:
        return _read_single_separator(numeral, ".")
    if has_comma:
        return _read_single_separator(numeral, ",")
    return (NumeralReading(Decimal(numeral), 0),)


def _is_thousands_grouping(groups: list[str]) -> bool:
    """ "1", "157", "351" -> True: a lead group of 1-3 digits (no leading zero), then groups of exactly 3."""
    lead = groups[0]
    return 1 <= len(lead) <= 3 and not lead.startswith("0") and all(len(g) == 3 for g in groups[1:])


def _read_space_grouped(numeral: str) -> NumeralReading:
    """ "1 157 351" -> 1157351; "1 234,5" -> 1234.5 (the space groups, so "." or "," is the decimal mark)."""
    if not SPACE_GROUPED_RE.fullmatch(numeral):
        raise ValueError(f"{numeral!r}: spaces inside a number must separate groups of three digits")
    compact = GROUP_SPACE_RE.sub("", numeral)
    _, mark, fraction = compact.replace(",", ".").partition(".")
    return NumeralReading(Decimal(compact.replace(",", ".")), len(fraction) if mark else 0)


def _read_mixed_separators(numeral: str) -> NumeralReading:
    """Both "." and ",": the right-most one is the decimal mark ("1.234,5", "1,234.5")."""
    mark_at = max(numeral.rfind("."), numeral.rfind(","))
    mark = numeral[mark_at]
    grouping = "," if mark == "." else "."
    whole, fraction = numeral[:mark_at], numeral[mark_at + 1 :]
    groups = whole.split(grouping)
    if mark in whole or not _is_thousands_grouping(groups):
        raise ValueError(f"{numeral!r}: '{grouping}' must group the integer part in threes before the '{mark}'")
    return NumeralReading(Decimal("".join(groups) + "." + fraction), len(fraction))


def _read_single_separator(numeral: str, sep: str) -> tuple[NumeralReading, ...]:
    """Only "." or only ",": several -> grouping; one + 3 digits + non-zero integer part -> ambiguous."""
    groups = numeral.split(sep)
    if len(groups) > 2:
        if _is_thousands_grouping(groups):
            return (NumeralReading(Decimal("".join(groups)), 0),)
        raise ValueError(
            f"{numeral!r}: several '{sep}' not in groups of three digits: a criterion code or a date, not a number"
        )
    whole, fraction = groups
    as_decimal = NumeralReading(Decimal(f"{whole}.{fraction}"), len(fraction))
    if len(fraction) == 3 and _is_thousands_grouping(groups):
        as_grouping = NumeralReading(Decimal(whole + fraction), 0)
        # DOMAIN §3.2: "1.353" is grouping (rule 4), "12,345" is decimal (rule 3); both stay possible.
        return (as_grouping, as_decimal) if sep == "." else (as_decimal, as_grouping)
    return (as_decimal,)


# ---------------------------------------------------------------------------------------------------------
# Building a Quantity
# ---------------------------------------------------------------------------------------------------------


def _fits_domain(reading: NumeralReading, kind: QuantityKind, limit: Decimal | None) -> bool:
    """DOMAIN §3.2 step 5: points within their max (else 100), percents within 100, counts whole."""
    if kind is K.POINTS:
        return reading.value <= (limit if limit is not None else POINTS_SCALE_MAX)
    if kind is K.PERCENT:
        return reading.value <= PERCENT_MAX
    if kind in INTEGER_KINDS:
        return reading.value == reading.value.to_integral_value()
    return True


def choose_reading(
    readings: tuple[NumeralReading, ...], kind: QuantityKind, limit: Decimal | None = None
) -> tuple[NumeralReading, bool]:
    """The reading to keep and whether it is doubtful: the first that passes the domain check when there
    are two; a count that is not a whole number is doubtful too. `limit` is the max for points."""
    fitting = [r for r in readings if _fits_domain(r, kind, limit)]
    chosen = fitting[0] if fitting else readings[0]
    doubtful = len(readings) > 1 or (kind in INTEGER_KINDS and not _fits_domain(chosen, kind, limit))
    return chosen, doubtful


def _kind_for(rank: bool, unit: UnitSpec | None, has_denominator: bool) -> QuantityKind:
    if rank:
        return K.RANK
    if unit is not None:
        return unit.kind
    return K.FRACTION if has_denominator else K.NUMBER


Span = tuple[int, int]
QUANTITY_GROUPS = ("num", "den_a", "den_b", "unit_a", "unit_b", "unit_c")
# The numbers of those groups in the patterns whose matches become quantities: a match's spans are then read
# from `Match.regs` (by name, `Match.span` costs ~0.2 µs a group, and a quantity looked at up to nine).
GROUP_NUMBERS: dict[regex.Pattern[str], tuple[int, ...]] = {
    pattern: tuple(pattern.groupindex[name] for name in QUANTITY_GROUPS) for pattern in (SCAN_RE, QUANTITY_RE)
}


def _quantity_spans(m: regex.Match[str]) -> tuple[Span, Span | None, Span | None]:
    """The numeral's span, the denominator's and the unit's (each None when absent) in a quantity match."""
    numbers = GROUP_NUMBERS.get(m.re) or tuple(m.re.groupindex[name] for name in QUANTITY_GROUPS)
    regs = m.regs
    num, den_a, den_b, unit_a, unit_b, unit_c = (regs[number] for number in numbers)
    den = den_a if den_a[0] >= 0 else den_b if den_b[0] >= 0 else None
    unit = unit_a if unit_a[0] >= 0 else unit_b if unit_b[0] >= 0 else unit_c if unit_c[0] >= 0 else None
    return num, den, unit


def _quantity_from_match(text: str, m: regex.Match[str], *, rank: bool) -> Quantity:
    """Build the Quantity for a QUANTITY_PATTERN match; raises ValueError when the numeral is not a number."""
    (num_start, num_end), den_span, unit_span = _quantity_spans(m)
    if rank:
        unit_span = None
    unit_text = text[unit_span[0] : unit_span[1]] if unit_span else None
    unit_name = unit_key(unit_text) if unit_text else None
    unit = UNIT_BY_KEY[unit_name] if unit_name is not None else None
    kind = _kind_for(rank, unit, den_span is not None)

    den_text = text[den_span[0] : den_span[1]] if den_span else None
    den, den_doubtful = choose_reading(read_numeral(den_text), kind) if den_text else (None, False)
    number_text = text[num_start:num_end]
    num, num_doubtful = choose_reading(read_numeral(number_text), kind, den.value if den else None)

    start: int = m.start()
    end: int = (den_span or (num_start, num_end))[1] if rank else m.end()
    return Quantity(
        raw=text[start:end],
        number_text=number_text,
        value=num.value,
        decimals=num.decimals,
        kind=kind,
        unit=unit_name,
        scale=unit.scale if unit else Decimal(1),
        denominator=den.value if den else None,
        denominator_text=den_text,
        denominator_decimals=den.decimals if den else None,
        ambiguous=num_doubtful or den_doubtful,
        start=start,
        end=end,
    )


def _looks_like_day_month(num_text: str, den_text: str, after_date_word: bool) -> bool:
    """ "11/3" (Quảng trường 11/3), "trước 30/10", "ngày 31/01": a day and a month, not a ratio."""
    if not (num_text.isdigit() and den_text.isdigit() and len(num_text) <= 2 and len(den_text) <= 2):
        return False
    day, month = int(num_text), int(den_text)
    return 1 <= day <= 31 and 1 <= month <= 12 and (day > month or after_date_word)


def _looks_like_month_year(num_text: str, den_text: str) -> bool:
    """ "02/2025": a month and a year, not a ratio."""
    return num_text.isdigit() and 1 <= int(num_text) <= 12 and YEAR_RE.fullmatch(den_text) is not None


def _is_rank_context(text: str, start: int, has_denominator: bool) -> bool:
    window = max(0, start - CONTEXT_WINDOW)
    if RANK_CONTEXT_RE.search(text, window, start):
        return True
    return has_denominator and RANK_FRACTION_CONTEXT_RE.search(text, window, start) is not None


def _is_date_context(text: str, start: int) -> bool:
    return DATE_CONTEXT_RE.search(text, max(0, start - CONTEXT_WINDOW), start) is not None


def _quantity_in_context(text: str, m: regex.Match[str]) -> Quantity | None:
    """The Quantity for a match in running text, or None for a year, a date or a code."""
    start: int = m.start()
    num_span, den_span, unit_span = _quantity_spans(m)
    rank = _is_rank_context(text, start, den_span is not None)
    if not rank and unit_span is None:
        num_text = text[num_span[0] : num_span[1]]
        if den_span is None and YEAR_RE.fullmatch(num_text):
            return None
        if den_span is not None:
            den_text = text[den_span[0] : den_span[1]]
            if _looks_like_month_year(num_text, den_text) or _looks_like_day_month(
                num_text, den_text, _is_date_context(text, start)
            ):
                return None
    try:
        return _quantity_from_match(text, m, rank=rank)
    except ValueError:
        return None  # a criterion code such as "1.3.2", not a number


# ---------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------


def _nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """`text` in NFC, and for every offset into it (plus the end) the offset into `text`.

    Composition only joins a starter with the combining marks after it, so each such run is normalised
    on its own: "i" + U+0323 (combining dot below) becomes one "ị" whose offset maps back to the "i".
    """
    pieces: list[str] = []
    origin: list[int] = []
    run_start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        piece = unicodedata.normalize("NFC", text[run_start:i])
        pieces.append(piece)
        origin.extend(run_start + min(k, i - run_start - 1) for k in range(len(piece)))
        run_start = i
    origin.append(len(text))
    return "".join(pieces), origin


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text` (`text[q.start:q.end] == q.raw`).

    Kind from context: RANK after "xếp thứ", "xếp vị thứ", "vị trí thứ", "đứng thứ", "xếp hạng", "thứ"
    (and "xếp" before a fraction); otherwise from the unit (POINTS, PERCENT, COUNT, MONEY, NUMBER for
    measures); FRACTION for a bare "a/b"; NUMBER for a bare number. Not returned: years, dates
    ("25/7/2024", "ngày 31/01", "Quảng trường 11/3"), month/year ("tháng 9/2024", "quý II/2024", "02/2025"),
    document numbers ("536/QĐ-UBND", "04-NQ/TU"), criterion codes ("1.3.2", "tiêu chí 5.4."), labels
    ("Chỉ tiêu 1", "Tiêu chí thứ 2"), section numbers at a line start ("2.1."), dimensions ("8mx4m").
    """
    if unicodedata.is_normalized("NFC", text):
        return _find_in_nfc(text)
    nfc, origin = _nfc_with_offsets(text)
    return [
        q.model_copy(
            update={
                "raw": text[origin[q.start] : origin[q.end]],
                "start": origin[q.start],
                "end": origin[q.end],
            }
        )
        for q in _find_in_nfc(nfc)
    ]


def _find_in_nfc(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    lowered = text.lower()
    fast = len(lowered) == len(text) and not any(trap in text for trap in CASE_TRAPS)
    for window_start, window_end in _digit_windows(text):
        scanned_to = window_start
        starts = (
            _scan_starts(text, lowered, window_start, window_end)
            if fast
            else [m.start() for m in SCAN_START_RE.finditer(text, window_start, window_end)]
        )
        for start in starts:
            if start < scanned_to:
                continue
            m = SCAN_RE.match(text, start, window_end)
            if m is None:
                continue
            scanned_to = m.end()
            if m.start("quantity") >= 0 and (quantity := _quantity_in_context(text, m)) is not None:
                found.append(quantity)
    return found


def _scan_starts(text: str, lowered: str, window_start: int, window_end: int) -> list[int]:
    """The positions `SCAN_START_RE` finds in text[window_start:window_end], from `lowered` (`text.lower()`,
    same length, no `CASE_TRAPS`): its matches there, and the line starts its "^" would add."""
    starts = [m.start() for m in SCAN_START_LOWER_RE.finditer(lowered, window_start, window_end)]
    lines = [0] if window_start == 0 < window_end else []
    if "\n" in text:
        newline = text.find("\n", max(0, window_start - 1), window_end)
        while newline >= 0 and newline + 1 < window_end:
            lines.append(newline + 1)
            newline = text.find("\n", newline + 1, window_end)
    return sorted({*starts, *lines}) if lines else starts


DIGIT_RUN = regex.compile(r"[0-9]+")
WINDOW_BEFORE, WINDOW_AFTER = 60, 60  # every skip pattern and quantity lies within this of its digits


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around digits, cut at spaces. Every match holds a digit, and the scan over the
    whole alternation costs ~1 µs a character, so text far from any digit is not scanned at all."""
    windows: list[tuple[int, int]] = []
    for run in DIGIT_RUN.finditer(text):
        start = max(0, run.start() - WINDOW_BEFORE)
        if start > 0:
            start = text.rfind(" ", 0, start) + 1
        end = text.find(" ", min(len(text), run.end() + WINDOW_AFTER))
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def parse_number(text: str) -> Quantity:
    """Parse one printed quantity: a numeral with an optional unit, "%", or "/denominator".

    "79,87" -> 79.87; "1.353 hồ sơ" -> COUNT 1353 (ambiguous); "1.157.351 triệu đồng" -> MONEY, scale 10^6;
    "98,5%" -> PERCENT; "26/26" -> FRACTION; "65,37 điểm/ 74 điểm" -> POINTS over 74. A leading rank
    phrase makes a RANK: "xếp vị thứ 11/13" -> RANK 11 of 13, `raw` "11/13". Offsets are into `text`.
    Raises ValueError for anything else (dates, document numbers, codes, dimensions, unknown units).
    """
    # Plain spaces between digit groups become NBSP (same length, so offsets hold): "1 157 351".
    body = PLAIN_GROUP_SPACE_RE.sub("\u00a0", text)
    start = len(body) - len(body.lstrip())
    end = len(body.rstrip())
    if start >= end:
        raise ValueError("empty string: not a number")
    rank_prefix = RANK_PREFIX_RE.match(body, start, end)
    pos: int = rank_prefix.end() if rank_prefix else start
    m = QUANTITY_RE.fullmatch(body, pos, end)
    if m is None:
        raise ValueError(_why_not_a_quantity(text.strip()))
    num_span, den_span, unit_span = _quantity_spans(m)
    if den_span is not None and rank_prefix is None and unit_span is None:
        num_text, den_text = text[num_span[0] : num_span[1]], text[den_span[0] : den_span[1]]
        if _looks_like_month_year(num_text, den_text) or _looks_like_day_month(num_text, den_text, False):
            raise ValueError(f"{text.strip()!r} looks like a date (day/month or month/year), not a ratio")
    return _quantity_from_match(text, m, rank=rank_prefix is not None)


def _why_not_a_quantity(text: str) -> str:
    for pattern, reason in EXPLAIN_RES:
        if pattern.fullmatch(text):
            return f"{text!r} {reason}"
    if not DIGIT_RE.search(text):
        return f"{text!r} has no digits: not a number"
    return f"{text!r} is not a number with an optional known unit, '%' or '/denominator'"
