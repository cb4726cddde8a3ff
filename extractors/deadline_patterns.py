"""Regular-expression sources for deadline phrases (DOMAIN.md §3.4-3.5), used by `extractors.deadlines`.

Sources are written with Vietnamese diacritics and compiled twice: as written, and folded (diacritics
stripped, "đ" -> "d") to match accent-stripped lower-case text from OCR. They are compiled case-insensitive
and rely on the `regex` module (duplicate group names across alternatives, atomic groups).
"""

from __future__ import annotations

import unicodedata

import regex

from extractors.vietnamese_text import fold_accents

FLAGS = regex.IGNORECASE | regex.VERSION0

# --- fragments ----------------------------------------------------------------------------------------------

QUARTER = r"(?<![\p{L}\d])(?:IV|III|II|I|[1-4])(?![\p{L}\d])"
"""A quarter numeral, Roman or Arabic."""

NUM2 = r"\d{1,2}(?!\d)"
"""A day or month number (validated later, so that "31/02" and "tháng 13" give a note instead of no match)."""


def year_tail(name: str) -> str:
    """A year after a month or quarter: "/2025", "/25", " năm 2025", " 2025", "-2025"."""
    return (
        rf"(?:\s*/\s*(?P<{name}>\d{{4}}|\d{{2}})"
        rf"|\s*-\s*(?P<{name}>\d{{4}})"
        rf"|\s+(?:năm\s+)?(?P<{name}>\d{{4}}))(?!\d)"
    )


YEAR_TAIL_BARE = year_tail("_unused").replace("?P<_unused>", "?:")


def day(sfx: str = "") -> str:
    """A calendar date: "30/10", "30/10/2025", "20.08.2014", "12-02-2025", "30 tháng 10 năm 2025"."""
    d, m, y = f"d{sfx}", f"m{sfx}", f"y{sfx}"
    return (
        rf"(?<!\d)(?P<{d}>\d{{1,2}})"
        rf"(?:[/.-](?P<{m}>\d{{1,2}})(?:[/.-](?P<{y}>\d{{4}}|\d{{2}}))?"
        rf"|\s+tháng\s+(?P<{m}>\d{{1,2}})(?:\s*(?:năm|/)\s*(?P<{y}>\d{{4}}))?)(?![\d/])"
    )


PERIOD = rf"(?>(?:quý\s+(?P<q>{QUARTER})|tháng\s+(?P<m>{NUM2}))(?:{year_tail('y')})?|năm\s+(?P<y>\d{{4}})(?!\d))"
"""One quarter, month or (written) year; groups q / m / y."""

LIST_SEP = r"\s*(?:,|-|và|đến|tới|&)\s*"

# --- rule sources, in the order they are tried --------------------------------------------------------------

STATUS_DONE = r"^(?:đã\s+)?(?:hoàn\s+thành|thực\s+hiện\s+xong|xong)$"

RECURRING_DATED = (
    rf"(?:chậm\s+nhất(?:\s+là)?|trước|hạn(?:\s+chót)?|đến)\s+(?:ngày\s+)?{day()}"
    r"\s*,?\s*(?:của\s+)?(?:hằng|hàng|mỗi)\s+năm"
)

DAY_RANGE = rf"(?:từ\s+)?(?:ngày\s+)?{day('1')}\s*(?:-|đến|tới)\s*(?:hết\s+)?(?:ngày\s+)?{day('2')}"

MONTH_RANGE = (
    rf"(?:từ\s+)?tháng\s+(?P<m1>{NUM2})(?:{year_tail('y1')})?"
    rf"\s*(?:-|đến|tới)\s*(?:hết\s+)?(?:tháng\s+)?(?P<m2>{NUM2})(?:{year_tail('y2')})?"
)

DEADLINE_DAY = (
    r"(?:trước|chậm\s+nhất(?:\s+là)?|đến\s+hết|đến|hạn(?:\s+chót)?|không\s+quá|xong\s+trước"
    r"|hoàn\s+thành(?:\s+xong)?(?:\s+(?:trước|trong|vào|chậm\s+nhất))?)"
    rf"\s+(?:ngày\s+)?{day()}"
)

BEFORE_PERIOD = rf"trước\s+{PERIOD}"

BY_END_OF_PERIOD = (
    r"(?:hoàn\s+thành(?:\s+xong)?|xong|đến\s+hết|chậm\s+nhất(?:\s+là)?|kết\s+thúc)"
    rf"\s+(?:(?:trong|vào|hết|cuối)\s+)?{PERIOD}"
)

OPEN_LATER_YEARS = (
    r"năm\s+(?P<y>\d{4})\s*,?\s*(?:và|,)\s*(?:những|các)\s+năm\s+(?:tiếp\s+theo|tiếp|sau)"
    r"|từ\s+năm\s+(?P<y>\d{4})\s+trở\s+(?:đi|về\s+sau)"
)

OPEN_FROM = rf"từ\s+(?>ngày\s+{day()}|{PERIOD})(?!\s*(?:-|đến|tới|\d))"

MULTI_YEAR = (
    r"(?:giai\s+đoạn\s+|từ\s+năm\s+|năm\s+)?(?<![\d/.-])(?P<y1>\d{4})\s*(?:-|đến|tới)\s*(?:năm\s+)?"
    r"(?P<y2>\d{4})(?![\d/])"
)

CONTINUOUS = r"thường\s+xuyên|liên\s+tục"

_PERIOD_WORD = r"(?P<p>năm|quý|tháng|tuần|6\s+tháng|sáu\s+tháng|nửa\s+năm)"
RECURRING = (
    rf"(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+{_PERIOD_WORD}"
    rf"|định\s+kỳ(?:\s+(?:theo|vào|mỗi))?(?:\s+{_PERIOD_WORD})?"
)

PART_OF_YEAR_MONTHS = (
    r"(?<![\d,.])(?:(?P<n>6|9|sáu|chín)\s+tháng(?:\s+(?P<part>đầu|cuối))?|(?P<n>3|ba)\s+tháng\s+(?P<part>đầu|cuối))"
    r"(?:\s+năm)?(?:\s+(?P<y>\d{4}))?(?!\s*(?:kể\s+từ|sau|\d))"
    r"|nửa\s+(?P<part>đầu|cuối)\s+năm(?:\s+(?P<y>\d{4}))?"
)

WEEK_OF_MONTH = (
    r"tuần\s+(?P<w>đầu(?:\s+tiên)?|cuối|thứ\s+(?:nhất|hai|ba|tư|1|2|3|4))\s+(?:của\s+)?"
    rf"tháng\s+(?P<m>{NUM2})(?:{year_tail('y')})?"
)

PART_OF_MONTH = rf"(?P<part>đầu|giữa|cuối)\s+tháng\s+(?P<m>{NUM2})(?:{year_tail('y')})?"

QUARTERS = rf"quý\s+(?P<qs>{QUARTER}(?:{YEAR_TAIL_BARE})?(?:{LIST_SEP}(?:quý\s+)?{QUARTER}(?:{YEAR_TAIL_BARE})?)*)"

QUARTER_ITEM = rf"(?P<q>{QUARTER})(?:{year_tail('y')})?(?P<sep>{LIST_SEP})?"
"""One item of a quarter list, for `finditer` over the `qs` group of QUARTERS."""

MONTH = rf"(?:(?<!\p{{L}})tháng|(?<![\p{{L}}\d])T(?=\d))\s*(?P<m>{NUM2})(?:{year_tail('y')})?"

PART_OF_YEAR = r"(?P<part>đầu|giữa|cuối)\s+năm(?:\s+(?P<y>\d{4})(?!\d))?"

EVENT_PLAN = r"theo\s+(?:các\s+)?(?:kế\s+hoạch|chương\s+trình)(?P<rest>.*)"

EVENT = (
    r"theo\s+(?:yêu\s+cầu|chỉ\s+đạo|đề\s+nghị|quy\s+định|hướng\s+dẫn|lộ\s+trình|tiến\s+độ|thông\s+báo"
    r"|văn\s+bản|phân\s+công)"
    r"|khi\s+(?:có\s+)?(?:yêu\s+cầu|chỉ\s+đạo|phát\s+sinh|văn\s+bản|hướng\s+dẫn|được\s+giao)"
    r"|ngay\s+khi|đột\s+xuất"
)

YEAR = (
    r"(?:(?:trong|cả|suốt)\s+)?năm\s+(?P<y>\d{4})(?!\d)"
    r"|(?:cả|trong|suốt)\s+năm(?!\s*\d)(?!\s+\p{L})"
    r"|^(?:cả\s+)?năm$|^(?P<y>\d{4})$"
)

BARE_DAY = rf"^(?:ngày\s+)?{day()}$"

BARE_MONTH = r"^(?:tháng\s+)?(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})$"

YEAR_WORD = r"năm\s+(?P<y>\d{4})(?!\d)"
"""A written year anywhere in the text (for "Thường xuyên trong năm 2024", "Theo Kế hoạch ... năm 2024")."""

# --- keyword tables (keys are accent-folded, single-spaced) --------------------------------------------------

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
NUMBER_WORDS = {"ba": 3, "sau": 6, "chin": 9, "3": 3, "6": 6, "9": 9}
WEEKS = {"dau": 1, "dau tien": 1, "thu nhat": 1, "thu 1": 1, "thu hai": 2, "thu 2": 2, "thu ba": 3, "thu 3": 3}
WEEKS |= {"thu tu": 4, "thu 4": 4, "cuoi": 5}  # 5 = the last 7 days of the month
PERIODS = {"nam": "annual", "quy": "quarterly", "thang": "monthly", "tuan": "weekly"}
PERIODS |= {"6 thang": "half_yearly", "sau thang": "half_yearly", "nua nam": "half_yearly"}
PART_OF_MONTH_DAYS = {"dau": (1, 10), "giua": (11, 20), "cuoi": (21, 31)}
PART_OF_YEAR_MONTHS_BY_PART = {"dau": (1, 3), "giua": (6, 7), "cuoi": (10, 12)}

# --- text clean-up ------------------------------------------------------------------------------------------

CHAR_MAP = str.maketrans(
    {
        "\u00d0": "\u0110",
        "\u00f0": "\u0111",
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u00ad": "",
        "\u200b": "",
        "\ufeff": "",
    }
)

MARKUP = regex.compile(r"<[^>]*>|\*+|_{2,}")
SPACES = regex.compile(r"\s+")
LABEL = regex.compile(
    r"^[\s\-+•*]*(?:thời\s+(?:gian\s+)?(?:thực\s+hiện|hoàn\s+thành)|thời\s+hạn(?:\s+hoàn\s+thành)?"
    r"|tiến\s+độ(?:\s+thực\s+hiện)?)\s*:\s*",
    FLAGS,
)
EDGE_PUNCT = regex.compile(r"^[\s\-+•.;:,]+(?=\S)|[\s.;:,]+$")
HAS_CONTENT = regex.compile(r"[\p{L}\p{N}]")


def fold_pattern(source: str) -> str:
    """The pattern for accent-stripped text: non-ASCII letters folded, ASCII (regex syntax) kept as is."""
    return "".join(ch if ord(ch) < 128 else fold_accents(ch) for ch in source)


def compile_pair(source: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """The pattern as written and its accent-folded twin."""
    return regex.compile(source, FLAGS), regex.compile(fold_pattern(source), FLAGS)


def clean_deadline_text(text: str) -> str:
    """NFC, Đ look-alikes, dashes and spaces (DOMAIN §2.8); markup, a leading label and edge punctuation off."""
    text = unicodedata.normalize("NFC", text).translate(CHAR_MAP)
    text = SPACES.sub(" ", MARKUP.sub(" ", text)).strip()
    return str(EDGE_PUNCT.sub("", LABEL.sub("", text)))
