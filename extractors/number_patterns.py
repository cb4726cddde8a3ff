"""Patterns, unit tables and word lists for reading Vietnamese numbers (data; the logic is in
`extractors/vietnamese_numbers.py`).

Every name is a compiled pattern, a pattern string that builds one, or a table, each with a one-line
example above it, as in spaCy's `lang/vi/` data modules. DOMAIN §3.2 (numerals, units), §3.3 (percentages,
fractions, ranks) and the skip rules for dates, document numbers and criterion codes (§1.3, §2.2, §3.4).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

import regex

from schemas.quantity import QuantityKind

K = QuantityKind

# ---------------------------------------------------------------------------------------------------------
# Bare numerals (DOMAIN §3.2 steps 1-4)
# ---------------------------------------------------------------------------------------------------------

# Spaces that may group digits: "1 157 351", "1\u00a0157\u00a0351".
GROUP_SPACE_RE: Final = regex.compile(r"[ \u00a0\u202f\u2009]")
# A numeral once grouping spaces are gone: "1.157.351", "79,87", "1,234.5", "02".
NUMERAL_SHAPE_RE: Final = regex.compile(r"[0-9]+(?:[.,][0-9]+)*")
# Space-grouped numeral, decimals optional: "1 157 351", "1 234,5".
SPACE_GROUPED_RE: Final = regex.compile(r"[1-9][0-9]{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:[.,][0-9]+)?")

# ---------------------------------------------------------------------------------------------------------
# Units after a number
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


PERCENT_SIGN_RE: Final = regex.compile(r"\s*%")


def unit_key(unit_text: str) -> str:
    """Normalised spelling of a unit as matched: "Triệu  Đồng" -> "triệu đồng", "điểm%" -> "điểm %"."""
    text = unicodedata.normalize("NFC", unit_text).lower().replace("ð", "đ")
    text = " ".join(text.split())
    spaced: str = PERCENT_SIGN_RE.sub(" %", text) if "%" in text else text
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


def _first_atom(pattern: str) -> str:
    """The pattern's first atom when it matches one fixed character ("[đð]", a letter, "%"), else ""."""
    atom = "[đð]" if pattern.startswith("[đð]") else pattern[:1]
    if not (atom == "[đð]" or atom.isalpha() or atom == "%") or pattern[len(atom) : len(atom) + 1] in (
        "+",
        "*",
        "?",
        "{",
    ):
        return ""
    return atom


def _by_first_atom(patterns: list[str]) -> str:
    """ "ab|c|ad" as "a(?:b|d)|c", recursively: the same matches, as alternatives that start with different
    fixed characters never match at the same position, and those that start alike keep their order; an
    alternative that does not start with one fixed character ("", a lookahead, spaces) keeps its place, and
    none moves past it. The engine then tries the few alternatives for the character at hand instead of every
    one (a number is followed by a unit ~100 ways)."""
    alternatives: list[str] = []
    groups: dict[str, list[str]] = {}

    def close_groups() -> None:
        for atom, rests in groups.items():
            alternatives.append(atom + (_by_first_atom(rests) if len(rests) > 1 else rests[0]))
        groups.clear()

    for pattern in patterns:
        atom = _first_atom(pattern)
        if atom:
            groups.setdefault(atom, []).append(pattern[len(atom) :])
        else:
            close_groups()
            alternatives.append(pattern)
    close_groups()
    return "(?:" + "|".join(alternatives) + ")"


# Any unit, longest spelling first so "tiêu chí thành phần" wins over "tiêu chí": "hồ sơ", "%", "tỷ đồng".
UNIT_ALTERNATIVES: Final = [_unit_pattern(u) for u in sorted(UNITS, key=lambda u: -len(u.words))]
UNIT_PATTERN: Final = _by_first_atom(UNIT_ALTERNATIVES)

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

# One scan for all of them, skip patterns first: the first alternative that matches at a position wins.
SCAN_RE: Final = regex.compile(
    "(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in SKIP_PATTERNS)
    + f"|(?P<quantity>{QUANTITY_PATTERN}))",
    regex.IGNORECASE,
)
# Every position where SCAN_RE can match (and a few more): the first digit of a run, "(", a line start, or the
# first word of a skip pattern ("năm", "ngày", "tháng", "quý", the label words). SCAN_RE is tried only here:
# the same matches as trying it everywhere, at less than half the cost (a stdlib pattern finds the positions;
# SCAN_RE then fails or matches at once). No lookbehind on the words, so the set stays a superset.
_FIRST_WORDS: Final = sorted(
    {"năm", "ngày", "tháng", "quý", *(w.split()[0] for w in LABEL_WORDS)}, key=len, reverse=True
)
SCAN_START_RE: Final = re.compile(
    r"(?<![0-9])[0-9]|\(|^|" + "|".join(re.escape(w) for w in _FIRST_WORDS), re.IGNORECASE | re.MULTILINE
)
# The same positions but line starts, found in the lower-cased text without IGNORECASE (3× faster: a
# case-insensitive alternation is tried letter by letter at every position). Equivalent wherever lower-casing
# keeps the length and the text has no CASE_TRAPS: re's IGNORECASE compares simple lower-case forms, and also
# lets "ı" (dotless i) match the "i" of "tiêu", "chỉ", "điều" (`tests/extractors` checks every character).
SCAN_START_LOWER_RE: Final = re.compile(r"(?<![0-9])[0-9]|\(|" + "|".join(re.escape(w) for w in _FIRST_WORDS))
CASE_TRAPS: Final = ("ı",)

# ---------------------------------------------------------------------------------------------------------
# Context words before a number: ranks and dates
# ---------------------------------------------------------------------------------------------------------

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
# Whole strings given to parse_number
# ---------------------------------------------------------------------------------------------------------

# A plain space between digit groups, made NBSP before matching (same length, offsets hold): "1 157 351".
PLAIN_GROUP_SPACE_RE: Final = regex.compile(r"(?<=[0-9]) (?=[0-9]{3}(?![0-9]))")
# Any digit; a refused string without one is "not a number": "không có".
DIGIT_RE: Final = regex.compile(r"[0-9]")

# Whole-string checks that explain why parse_number refused a string.
EXPLANATIONS: Final[tuple[tuple[str, str], ...]] = (
    ("numeric_date", "looks like a date, not a number"),
    ("month_year", "looks like a month/year, not a number"),
    ("formal_date", "looks like a date, not a number"),
    ("month_text", "looks like a month/year, not a number"),
    ("document_number", "looks like a document number (số/ký hiệu), not a number"),
    ("party_document_number", "looks like a Party document number, not a number"),
    ("dimension", "is a dimension (width x height), not a single quantity"),
    ("code", "looks like a criterion code, not a number"),
)
EXPLAIN_RES: Final = tuple(
    (regex.compile(dict(SKIP_PATTERNS)[name], regex.IGNORECASE), reason) for name, reason in EXPLANATIONS
)
