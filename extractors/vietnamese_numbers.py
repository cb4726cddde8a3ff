"""Vietnamese numbers: parse one printed quantity, or find every quantity in running text.

Implements DOMAIN §3.2 (number parser), §3.3 (percentages, fractions, ranks) and the skip rules for
dates, document numbers and criterion codes (§1.3, §2.2, §3.4). Values are exact `Decimal`s.

- `read_numeral("1.353")` -> every reading of a bare numeral, preferred first (two readings = ambiguous).
- `parse_number("1.157.351 triệu đồng")` -> one `Quantity`; raises `ValueError` on anything else.
- `find_quantities(text)` -> every `Quantity` in `text`, with offsets, kind chosen from context words.

`find_quantities` matches on the NFC form of the text (DOMAIN §2.8); offsets are into the text as given.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

import regex

from schemas.quantity import Quantity, QuantityKind

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


# Spaces that may group digits: "1 157 351", "1\u00a0157\u00a0351".
GROUP_SPACE_RE: Final = regex.compile(r"[ \u00a0\u202f\u2009]")
# A numeral once grouping spaces are gone: "1.157.351", "79,87", "1,234.5", "02".
NUMERAL_SHAPE_RE: Final = regex.compile(r"[0-9]+(?:[.,][0-9]+)*")
# Space-grouped numeral, decimals optional: "1 157 351", "1 234,5".
SPACE_GROUPED_RE: Final = regex.compile(r"[1-9][0-9]{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:[.,][0-9]+)?")


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
# Units (data)
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    """A unit word after a number: its spelling (lower case), the kind it gives, its scale to the base unit,
    and an optional regex lookahead the following text must satisfy."""

    words: str
    kind: QuantityKind
    scale: Decimal = Decimal(1)
    guard: str = ""


# Horizontal space allowed between a number and its unit: "23,43 %", "1.353 hồ sơ".
SP: Final = r"[ \t\u00a0\u202f]"
# Time words are a unit only when no number follows: "8 giờ", "03 năm liền" but not "đối tượng 4 năm 2024".
_NOT_BEFORE_NUMBER: Final = rf"(?!{SP}*[0-9])"
# "đồng" is money unless it starts another word: "2,34 triệu đồng" but not "05 đồng chí", "đồng bào".
_NOT_A_DONG_COMPOUND: Final = (
    rf"(?!{SP}+(?:bào|bộ|thời|chí|ý|lòng|sức|thuận|hành|nghiệp|đều|cấp|minh|hương)(?![\p{{L}}\p{{M}}]))"
)

# Points: "79,87 điểm", "19/21 điểm", "65,37 điểm/ 74 điểm".
POINT_UNITS: Final = (UnitSpec("điểm", K.POINTS),)
# Percent: "98,5%", "23,43 %", "tăng 1,2 điểm %" (percentage points).
PERCENT_UNITS: Final = (
    UnitSpec("%", K.PERCENT),
    UnitSpec("điểm %", K.PERCENT),
    UnitSpec("phần trăm", K.PERCENT),
)
# Money: "1.157.351 triệu đồng", "2,34 triệu đồng", "46.957/70.150 triệu đồng".
MONEY_UNITS: Final = (
    UnitSpec("đồng", K.MONEY, Decimal(1), _NOT_A_DONG_COMPOUND),
    UnitSpec("vnđ", K.MONEY),
    UnitSpec("vnd", K.MONEY),
    UnitSpec("nghìn đồng", K.MONEY, Decimal(10**3)),
    UnitSpec("ngàn đồng", K.MONEY, Decimal(10**3)),
    UnitSpec("triệu đồng", K.MONEY, Decimal(10**6)),
    UnitSpec("tỷ đồng", K.MONEY, Decimal(10**9)),
    UnitSpec("tỉ đồng", K.MONEY, Decimal(10**9)),
)
# Count nouns: "1.353 hồ sơ", "26/26 nhiệm vụ", "6652 người", "7/8 TTHC", "02 thứ tiếng".
COUNT_NOUNS: Final[tuple[str, ...]] = (
    "hồ sơ", "thủ tục", "tthc", "dvctt", "dvc", "bcci", "vbqppl", "văn bản", "quyết định", "nghị quyết",
    "kế hoạch", "báo cáo", "công văn", "người", "học viên", "cán bộ", "công chức", "viên chức", "cbcc",
    "cbccvc", "đồng chí", "đoàn viên", "hội viên", "nhiệm vụ", "chỉ tiêu", "tiêu chí", "tiêu chí thành phần",
    "lĩnh vực", "nội dung", "đơn vị", "cơ quan", "phòng", "trường", "xã", "phường", "thị trấn", "thôn",
    "huyện", "tỉnh", "địa phương", "doanh nghiệp", "hộ", "vấn đề", "sáng kiến", "mô hình", "giải pháp",
    "phản ánh", "kiến nghị", "lượt", "trường hợp", "hội nghị", "cuộc", "buổi", "đợt", "lớp", "khóa",
    "bộ phận", "bộ", "tin", "bài", "bài viết", "clip", "hình ảnh", "file", "pa nô", "băng rôn", "phướn",
    "chuyên mục", "trang", "tài khoản", "hộp", "mặt", "đêm", "vùng lõm", "khu dân cư", "dự án", "trạm",
    "thứ tiếng",
)  # fmt: skip
# Plain measures kept as NUMBER: "8 giờ", "60 phút/buổi", "02 tháng/lần", "03 năm liền", "tăng 2 bậc".
MEASURE_UNITS: Final = (
    UnitSpec("giờ", K.NUMBER, Decimal(1), _NOT_BEFORE_NUMBER),
    UnitSpec("phút", K.NUMBER, Decimal(1), _NOT_BEFORE_NUMBER),
    UnitSpec("ngày", K.NUMBER, Decimal(1), _NOT_BEFORE_NUMBER),
    UnitSpec("tuần", K.NUMBER, Decimal(1), _NOT_BEFORE_NUMBER),
    UnitSpec("tháng", K.NUMBER, Decimal(1), _NOT_BEFORE_NUMBER),
    UnitSpec("quý", K.NUMBER, Decimal(1), _NOT_BEFORE_NUMBER),
    UnitSpec("năm", K.NUMBER, Decimal(1), _NOT_BEFORE_NUMBER),
    UnitSpec("lần", K.NUMBER),
    UnitSpec("bậc", K.NUMBER),
)
UNITS: Final[tuple[UnitSpec, ...]] = (
    *POINT_UNITS,
    *PERCENT_UNITS,
    *MONEY_UNITS,
    *(UnitSpec(noun, K.COUNT) for noun in COUNT_NOUNS),
    *MEASURE_UNITS,
)

# Kinds whose values are whole numbers (DOMAIN §3.2 step 5: counts are integers).
INTEGER_KINDS: Final = frozenset({K.COUNT, K.RANK})
# Largest score on the PAR scale: a "điểm" value above its max (else 100) is misread (§3.2 step 5).
POINTS_SCALE_MAX: Final = Decimal(100)
# Largest ordinary percentage; only growth rates go above ("tăng 120%").
PERCENT_MAX: Final = Decimal(100)


def unit_key(unit_text: str) -> str:
    """Normalised spelling of a unit as matched: "Triệu  Đồng" -> "triệu đồng", "điểm%" -> "điểm %"."""
    text = unicodedata.normalize("NFC", unit_text).lower().replace("ð", "đ")
    text = " ".join(text.split())
    spaced: str = regex.sub(r"\s*%", " %", text)
    return spaced.strip()


UNIT_BY_KEY: Final[dict[str, UnitSpec]] = {unit_key(u.words): u for u in UNITS}


def _unit_pattern(unit: UnitSpec) -> str:
    """Regex for one unit: words joined by spaces, "đ" also matching the look-alike "ð", a word boundary."""
    words = unit.words.split()
    parts: list[str] = [regex.escape(w).replace("đ", "[đð]") for w in words]
    pattern = parts[0]
    for word, part in zip(words[1:], parts[1:], strict=True):
        pattern += (rf"{SP}*" if word == "%" else rf"{SP}+") + part
    if unit.words[-1].isalpha():
        pattern += r"(?![\p{L}\p{M}\p{Nd}])"
    return pattern + unit.guard


# Any unit, longest spelling first so "tiêu chí thành phần" wins over "tiêu chí": "hồ sơ", "%", "tỷ đồng".
UNIT_PATTERN: Final = "(?:" + "|".join(_unit_pattern(u) for u in sorted(UNITS, key=lambda u: -len(u.words))) + ")"

# ---------------------------------------------------------------------------------------------------------
# The quantity pattern
# ---------------------------------------------------------------------------------------------------------

# A number may not start inside a word or after a digit and a separator: not "tuc02", not "3.2" of "1.3.2".
NUM_START: Final = r"(?<![\p{L}\p{M}\p{Nd}_]|[0-9][.,/])"
# A number ends at no letter, digit, or separator-then-digit: not "06a", not "25/7" of "25/7/2024".
NUM_END: Final = r"(?![\p{L}\p{M}\p{Nd}_]|[.,/][0-9])"
# A numeral, possessive so "1.3.2" is never cut to "1.3": "1.157.351", "79,87", "1\u00a0157\u00a0351".
NUMERAL: Final = r"[0-9]++(?:(?:[.,]|[\u00a0\u202f\u2009](?=[0-9]{3}(?![0-9])))[0-9]++)*+"
# Markdown bold between a number and its unit: "**26/26** nhiệm vụ".
GAP: Final = rf"{SP}*(?:\*{{1,3}}{SP}*)?"
# One quantity: "79,87 điểm/100 điểm" (same unit twice), "19/21 điểm", "26/26", "1.353 hồ sơ", "98,5%", "02".
QUANTITY_PATTERN: Final = (
    NUM_START
    + rf"(?P<num>{NUMERAL})"
    + "(?:"
    + rf"{SP}*(?P<unit_a>{UNIT_PATTERN}){SP}*/{SP}*(?P<den_a>{NUMERAL}){SP}*(?P=unit_a)"
    + rf"|{SP}*/{SP}*(?P<den_b>{NUMERAL}){NUM_END}(?:{GAP}(?P<unit_b>{UNIT_PATTERN}))?"
    + rf"|{NUM_END}(?:{GAP}(?P<unit_c>{UNIT_PATTERN}))?"
    + ")"
)
QUANTITY_RE: Final = regex.compile(QUANTITY_PATTERN, regex.IGNORECASE)

# ---------------------------------------------------------------------------------------------------------
# Things that look like numbers but are not quantities (skipped by find_quantities)
# ---------------------------------------------------------------------------------------------------------

_WORD_START: Final = r"(?<![\p{L}\p{M}])"
_UPPER: Final = r"(?-i:\p{Lu})"

# Roman or Arabic quarter with its year: "quý II/2024", "Quý I năm 2025", "Quý I, II/2025".
_QUARTER_NUMBER: Final = r"(?:[1-4]|(?-i:IV|I{1,3}))(?![\p{L}\p{Nd}])"
# A label word and the code or number it names (an ordinal, not a quantity): "Chỉ tiêu 1.", "Tiêu chí thứ 2",
# "tiêu chí thành phần 1.3.2.", "Tiêu chí thành phần: “1.5.", "đối tượng 4", "ngày thứ 2", "Đề án 06".
LABEL_WORDS: Final[tuple[str, ...]] = (
    "tiêu chí thành phần", "tiêu chí", "chỉ tiêu", "tctp", "tc", "lĩnh vực", "mục", "tiểu mục", "phụ lục",
    "phục lục", "điều", "khoản", "chương", "phần", "nội dung", "dự án", "đề án", "đối tượng", "ngày", "tuần",
    "tháng", "lần", "đợt", "kỳ", "khóa", "khoá", "lớp",
)  # fmt: skip
_LABEL_WORDS_PATTERN: Final = "(?:" + "|".join(rf"{SP}+".join(w.split()) for w in LABEL_WORDS) + ")"
_LABEL_CODE: Final = r"[0-9]{1,2}+(?:\.[0-9]{1,2}+){0,3}+\.?+"

SKIP_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    # A year after "năm", whatever follows: "năm 2024 điểm chuẩn tối đa" is not 2024 points.
    ("year", rf"{_WORD_START}năm{SP}+(?:19|20)[0-9]{{2}}(?![0-9])"),
    # Formal date: "ngày 12 tháng 02 năm 2025".
    (
        "formal_date",
        rf"{_WORD_START}ngày{SP}+[0-9]{{1,2}}{SP}+tháng{SP}+[0-9]{{1,2}}(?:{SP}+năm{SP}+[0-9]{{4}})?",
    ),
    # Month with year: "tháng 9/2024", "tháng 2 năm 2025", "tháng 02/2025".
    (
        "month_text",
        rf"{_WORD_START}tháng{SP}+[0-9]{{1,2}}(?:{SP}*/{SP}*[0-9]{{2,4}}|{SP}+năm{SP}+[0-9]{{4}})",
    ),
    # Quarter: "quý II/2024", "Quý I năm 2025", "quý 2 năm 2024".
    (
        "quarter",
        rf"{_WORD_START}quý{SP}+{_QUARTER_NUMBER}(?:{SP}*[,-]{SP}*{_QUARTER_NUMBER})*"
        rf"(?:{SP}*/{SP}*[0-9]{{4}}|{SP}+năm{SP}+[0-9]{{4}})?",
    ),
    # Label + ordinal/code, unless a unit follows: "Chỉ tiêu 1.", "tiêu chí 5.4.", "đối tượng 4 năm 2024".
    (
        "label",
        rf"{_WORD_START}{_LABEL_WORDS_PATTERN}(?:{SP}*:{SP}*(?=[“\"]))?{SP}*(?:thứ{SP}+)?[“\"'*]*{SP}*"
        rf"{_LABEL_CODE}(?![\p{{L}}\p{{M}}\p{{Nd}}%]|[.,/][0-9])(?!{GAP}{UNIT_PATTERN})",
    ),
    # Day and month in words: "đường 30 tháng 10", "04 tháng 10 năm 2021".
    (
        "day_month_text",
        rf"{NUM_START}[0-9]{{1,2}}{SP}+tháng{SP}+[0-9]{{1,2}}(?![0-9])(?:{SP}+năm{SP}+[0-9]{{4}})?",
    ),
    # Numeric date: "25/7/2024", "02/8/2024", "20.08.2014", "12-02-2025".
    (
        "numeric_date",
        rf"{NUM_START}[0-9]{{1,2}}(?P<date_sep>[/.-])[0-9]{{1,2}}(?P=date_sep)[0-9]{{2,4}}{NUM_END}",
    ),
    # Month/year: "02/2025", "9/2024".
    ("month_year", rf"{NUM_START}(?:0?[1-9]|1[0-2])/(?:19|20)[0-9]{{2}}{NUM_END}"),
    # State document number: "536/QĐ-UBND", "36/2022/QĐ-UBND", "15/UBND", "1533/SNV-CCHCVTLT".
    (
        "document_number",
        rf"{NUM_START}[0-9]{{1,5}}(?:/[0-9]{{4}})?/{_UPPER}[\p{{L}}\p{{M}}\p{{Nd}}&]*(?:[-_][\p{{L}}\p{{M}}\p{{Nd}}&]+)*",
    ),
    # Party document number: "04-NQ/TU", "23-CTr/HU", "221-KL/TW".
    ("party_document_number", rf"{NUM_START}[0-9]{{1,5}}-{_UPPER}\p{{L}}*/{_UPPER}\p{{L}}*"),
    # Dimensions: "8mx4m", "1,8mx 1,2m", "2m x0,8m".
    ("dimension", rf"{NUM_START}{NUMERAL}{SP}*m{SP}*[x×]{SP}*{NUMERAL}{SP}*m(?![\p{{L}}\p{{M}}])"),
    # Section numbering at a line start: "2.1. Công tác", "1. Tổng điểm", "6.Cải cách", "- 3) ...".
    ("section", r"(?m:^)[ \t]*(?:[-+*•][ \t]*)?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)](?=[ \t]|\p{L}|$)"),
    # Enumerator in parentheses: "(4) Trên trang", "((1) Tác động".
    ("enumerator", r"\([0-9]{1,2}\)"),
    # Code or heading number closed by "." or ":" before a capital or quote: "“8.1. Mức độ", "5.4: Chấp".
    ("code", rf"{NUM_START}[0-9]{{1,2}}(?:\.[0-9]{{1,2}})+[.:](?=[ \t]*(?:{_UPPER}|[“\"*]))"),
    # Fixed names with a digit: "Bộ phận 1 cửa" (one-stop shop).
    ("idiom", rf"{NUM_START}1{SP}+cửa(?![\p{{L}}\p{{M}}])"),
)

SCAN_RE: Final = regex.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in SKIP_PATTERNS) + f"|(?P<quantity>{QUANTITY_PATTERN})",
    regex.IGNORECASE,
)

# Words right before a rank, longest first: "xếp thứ 11/13", "xếp vị thứ", "vị trí thứ 05/13",
# "đứng thứ 1/18", "đúng thứ 12/13" (typo in a seed), "xếp hạng 39/160", "lên thứ 01".
RANK_WORDS: Final[tuple[str, ...]] = (
    "xếp vị trí thứ", "xếp vị thứ", "xếp thứ", "xếp hạng", "vị trí thứ", "đứng thứ", "đúng thứ", "thứ hạng",
    "hạng", "thứ",
)  # fmt: skip
_RANK_WORDS_PATTERN: Final = "(?:" + "|".join(rf"{SP}+".join(w.split()) for w in RANK_WORDS) + ")"
# A rank trigger ending right before the number: "... xếp vị thứ **".
RANK_CONTEXT_RE: Final = regex.compile(rf"{_WORD_START}{_RANK_WORDS_PATTERN}[\s*“\"]*$", regex.IGNORECASE)
# "xếp" alone makes a rank of a fraction: "xếp 12/13 huyện".
RANK_FRACTION_CONTEXT_RE: Final = regex.compile(rf"{_WORD_START}xếp[\s*“\"]*$", regex.IGNORECASE)
# A rank trigger at the start of a string given to parse_number: "xếp vị thứ 11/13".
RANK_PREFIX_RE: Final = regex.compile(rf"(?:{_RANK_WORDS_PATTERN}|xếp){SP}*", regex.IGNORECASE)
# Words that make a bare "d/m" a date: "ngày 31/01", "trước 30/10", "từ 14/3".
DATE_CONTEXT_RE: Final = regex.compile(
    rf"{_WORD_START}(?:ngày|trước|sau|đến|từ|hạn|hết|vào|nghỉ)[\s*]*$", regex.IGNORECASE
)
# A year on its own is not a quantity: "năm 2024", "(2023, 2024)", "2021 - 2025".
YEAR_RE: Final = regex.compile(r"(?:19|20)[0-9]{2}")
# How far back to look for a context word.
CONTEXT_WINDOW: Final = 40

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


def _span(m: regex.Match[str], *groups: str) -> tuple[int, int] | None:
    """Span of the first of `groups` that took part in the match."""
    for group in groups:
        start: int = m.start(group)
        if start >= 0:
            end: int = m.end(group)
            return start, end
    return None


def _quantity_from_match(text: str, m: regex.Match[str], *, rank: bool) -> Quantity:
    """Build the Quantity for a QUANTITY_PATTERN match; raises ValueError when the numeral is not a number."""
    num_start, num_end = m.span("num")
    den_span = _span(m, "den_a", "den_b")
    unit_span = None if rank else _span(m, "unit_a", "unit_b", "unit_c")
    unit_text = text[unit_span[0] : unit_span[1]] if unit_span else None
    unit = UNIT_BY_KEY[unit_key(unit_text)] if unit_text else None
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
        unit=unit_key(unit_text) if unit_text else None,
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
    den_span = _span(m, "den_a", "den_b")
    has_unit = _span(m, "unit_a", "unit_b", "unit_c") is not None
    rank = _is_rank_context(text, start, den_span is not None)
    if not rank and not has_unit:
        num_text: str = m.group("num")
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
    for m in SCAN_RE.finditer(text):
        if m.start("quantity") < 0:
            continue
        quantity = _quantity_in_context(text, m)
        if quantity is not None:
            found.append(quantity)
    return found


def parse_number(text: str) -> Quantity:
    """Parse one printed quantity: a numeral with an optional unit, "%", or "/denominator".

    "79,87" -> 79.87; "1.353 hồ sơ" -> COUNT 1353 (ambiguous); "1.157.351 triệu đồng" -> MONEY, scale 10^6;
    "98,5%" -> PERCENT; "26/26" -> FRACTION; "65,37 điểm/ 74 điểm" -> POINTS over 74. A leading rank
    phrase makes a RANK: "xếp vị thứ 11/13" -> RANK 11 of 13, `raw` "11/13". Offsets are into `text`.
    Raises ValueError for anything else (dates, document numbers, codes, dimensions, unknown units).
    """
    # Plain spaces between digit groups become NBSP (same length, so offsets hold): "1 157 351".
    body = regex.sub(r"(?<=[0-9]) (?=[0-9]{3}(?![0-9]))", "\u00a0", text)
    start = len(body) - len(body.lstrip())
    end = len(body.rstrip())
    if start >= end:
        raise ValueError("empty string: not a number")
    rank_prefix = RANK_PREFIX_RE.match(body, start, end)
    pos: int = rank_prefix.end() if rank_prefix else start
    m = QUANTITY_RE.fullmatch(body, pos, end)
    if m is None:
        raise ValueError(_why_not_a_quantity(text.strip()))
    den_span = _span(m, "den_a", "den_b")
    has_unit = _span(m, "unit_a", "unit_b", "unit_c") is not None
    if den_span is not None and rank_prefix is None and not has_unit:
        num_text, den_text = text[slice(*m.span("num"))], text[den_span[0] : den_span[1]]
        if _looks_like_month_year(num_text, den_text) or _looks_like_day_month(num_text, den_text, False):
            raise ValueError(f"{text.strip()!r} looks like a date (day/month or month/year), not a ratio")
    return _quantity_from_match(text, m, rank=rank_prefix is not None)


# Whole-string checks that explain why parse_number refused a string.
_EXPLANATIONS: Final[tuple[tuple[str, str], ...]] = (
    ("numeric_date", "looks like a date, not a number"),
    ("month_year", "looks like a month/year, not a number"),
    ("formal_date", "looks like a date, not a number"),
    ("month_text", "looks like a month/year, not a number"),
    ("document_number", "looks like a document number (số/ký hiệu), not a number"),
    ("party_document_number", "looks like a Party document number, not a number"),
    ("dimension", "is a dimension (width x height), not a single quantity"),
    ("code", "looks like a criterion code, not a number"),
)
_EXPLAIN_RES: Final = tuple(
    (regex.compile(dict(SKIP_PATTERNS)[name], regex.IGNORECASE), reason) for name, reason in _EXPLANATIONS
)


def _why_not_a_quantity(text: str) -> str:
    for pattern, reason in _EXPLAIN_RES:
        if pattern.fullmatch(text):
            return f"{text!r} {reason}"
    if not regex.search(r"[0-9]", text):
        return f"{text!r} has no digits: not a number"
    return f"{text!r} is not a number with an optional known unit, '%' or '/denominator'"
