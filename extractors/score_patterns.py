"""Words that say what a number in a score statement is (data). Matched case-insensitively on the
normalised text; each with an example from real documents."""

from __future__ import annotations

import regex

from extractors.anchored_patterns import AnchoredPattern

FLAGS = regex.IGNORECASE | regex.VERSION1

# A label, then (within a few words) the number it names.
CUES: dict[str, regex.Pattern[str]] = {
    # "Điểm chuẩn tối đa 12 điểm", "điểm tối đa 1 điểm"
    "max": regex.compile(r"\b(?:(?:điểm\s+)?(?:chuẩn\s+)?tối\s+đa|điểm\s+chuẩn|trên\s+tổng\s+số)\b", FLAGS),
    # "tự chấm 12,47 điểm", "Kết quả tự chấm đạt 70.78 điểm", "tự đánh giá 10 điểm"
    "self": regex.compile(r"\btự\s+(?:chấm|đánh\s+giá)(?:\s+(?:điểm\s+)?đạt)?\b", FLAGS),
    # "điểm chấm đạt 10,51 điểm", "thẩm định của tỉnh, UBND huyện đạt 61.28 điểm", "đạt 19/21 điểm", "là 94,64 điểm";
    # not the part named "phần thẩm định" ("Tổng số điểm bị trừ ở phần thẩm định là 5,13 điểm")
    "achieved": regex.compile(
        r"\b(?:(?:điểm\s+)?chấm\s+đạt|(?<!\bphần\s+)(?:điểm\s+)?thẩm\s+định(?:\s+(?:lần\s+\d\s+)?)?|đạt(?:\s+được)?|công\s+nhận"
        r"|là|từ|lên|(?<=(?:đầu|cuối|\))\s)với)\b",  # "dẫn đầu với 91,42 điểm", "(thứ 14/14) với 72,35 điểm"
        FLAGS,
    ),
    # "bị trừ 0,24 điểm", "mất 2 điểm", "(điểm bị trừ: 1,49 điểm)"
    "deducted": regex.compile(r"\b(?:(?:điểm\s+)?bị\s+trừ|mất)\b", FLAGS),
}

# A change, not a score: "tăng 0,65 điểm so với năm 2023", "giảm 1,21 điểm", "cao hơn 1,25%".
CHANGE_WORD = regex.compile(r"\b(?:tăng|giảm|cao\s+hơn|thấp\s+hơn)\b", FLAGS)
CHANGE = regex.compile(r"\b(?:tăng|giảm|cao\s+hơn|thấp\s+hơn|chênh\s+lệch)\s*(?:thêm\s+)?$", FLAGS)

# The subject of a statement.
CODE_MENTION = regex.compile(
    r"(?:\btiêu\s+chí(?:\s+thành\s+phần)?|\b(?-i:TCTP|TC))\s*:?\s*[“\"']?\s*(?P<code>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?!\d)",
    FLAGS,
)  # "tiêu chí thành phần 1.3.2.", "tiêu chí “5.4.", "Tiêu chí thành phần: “7.3.4:", "TCTP 3.2.1", "TC 1.4"


def may_mention_code(text: str) -> bool:
    """False when CODE_MENTION cannot match: the text holds neither "TC" nor "tiêu" in any case (2.5× cheaper than
    the pattern, and most blocks name no criterion). "İ", which IGNORECASE equates with "i" but which lower-cases
    to two characters, keeps the pattern."""
    return "TC" in text or "İ" in text or "tiêu" in text.lower()


LEADING_CODE = regex.compile(
    r"^\s*[“\"']?(?P<code>\d{1,2}(?:\.\d{1,2}){1,3})(?:\.(?=\S)|\.?(?=\s|:|$))"
)  # table cell "1.5.1 Thực hiện…", "6.3.Kết quả của việc…"
SECTION_NUMBER = regex.compile(r"^\s*(?:[-+*•]\s*)?(?:(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ])[.)]\s*)+")
FIELD_ORDINAL = regex.compile(
    r"^\s*(?:[-+*•]\s*)?(?:tiêu\s+chí|lĩnh\s+vực)\s+thứ\s+\d{1,2}\s*:?\s*", FLAGS
)  # "Tiêu chí thứ 1:"
TOTAL = regex.compile(
    r"\b(?:tổng\s+điểm\s+(?:cải\s+cách\s+hành\s+chính|cchc|chỉ\s+số|tối\s+đa)|(?<![\p{L}\d]\s+)tổng\s+cộng|chỉ\s+số\s+(?:cải\s+cách\s+hành\s+chính|cchc)"
    r"|kết\s+quả\s+(?:thực\s+hiện\s+)?(?:công\s+tác\s+)?(?:cải\s+cách\s+hành\s+chính|cchc)"
    r"|chỉ\s+số(?=\s+(?:năm\s+\d{4}\s+)?(?:đạt|là)\b))\b",  # "Năm 2023, Chỉ số đạt 85,44 điểm"
    FLAGS,
)  # "Tổng điểm cải cách hành chính đạt được 79,87 điểm/100 điểm", "Chỉ số CCHC năm 2024 của xã … là 94,64 điểm"
# The appraised self-assessment part, by name: "Điểm cải cách hành chính đạt được 65,37", "(chưa tính điểm
# đánh giá xã hội học)", "điểm tự đánh giá (được thẩm định)", "Trong đó: điểm thẩm định các tiêu chí đạt 73,08/80".
ASSESSMENT = regex.compile(
    r"\bchưa\s+(?:tính|bao\s+gồm|kể)\s+(?:điểm\s+)?(?:đánh\s+giá|điều\s+tra)\s+xã\s+hội\s+học"
    r"|\bđiểm\s+(?:tự\s+)?đánh\s+giá(?:,?\s+chấm\s+điểm)?\s+qua\s+thẩm\s+định"
    r"|\bđiểm\s+(?:tự\s+)?đánh\s+giá\s*,\s*thẩm\s+định\b"  # "điểm đánh giá, thẩm định tăng 0,99 điểm"
    r"|^\W*(?:(?:trong\s+đó|cụ\s+thể|theo\s+đó|qua\s+thẩm\s+định)\s*[:,]?\s*)?điểm\s+đánh\s+giá\b(?!\s+xã\s+hội\s+học)"
    # "Năm 2023, huyện Hàm Yên tự chấm 64,87 điểm": a unit that scores itself scores the appraisable part
    r"|(?<=\b(?:huyện|xã|phường|thị\s+xã|thị\s+trấn|tỉnh)\s+(?-i:\p{Lu})\p{L}*(?:\s+(?-i:\p{Lu})\p{L}*){0,3}\s+)"
    r"tự\s+(?:chấm|đánh\s+giá)\b"
    r"|^\W*điểm\s+(?:cải\s+cách\s+hành\s+chính|cchc)\s+đạt"
    r"|^\W*(?:(?:trong\s+)?năm\s+\d{4}\s*,\s*)?(?:(?:trong\s+đó|cụ\s+thể|theo\s+đó)\s*[:,]?\s*)?(?:tổng\s+)?điểm\s+"
    r"(?:tự\s+(?:đánh\s+giá|chấm)|thẩm\s+định)"  # "Năm 2024, điểm thẩm định đạt 62,18/72 điểm"
    r"|\(\s*điểm\s+thẩm\s+định\b"  # "So với năm 2024 (điểm thẩm định 55,61/66 điểm, …)"
    r"|\bở\s+phần\s+(?:điểm\s+)?thẩm\s+định\b"
    r"|(?<![\d,]\s?)\bđiểm\s+tự\s+(?:đánh\s+giá|chấm)\b",
    FLAGS,
)
SURVEY = regex.compile(
    r"\b(?:điều\s+tra|đánh\s+giá)\s+(?:xã\s+hội\s+học|xhh)\b|\bđtxhh\b", FLAGS
)  # "Điểm điều tra xã hội học: 14,50", "Điểm điều tra XHH (tối đa 30 điểm)"
# The parts of the whole index, by the words that name them; the first that fits wins (the assessment
# part's "chưa tính điểm đánh giá xã hội học" names the survey too). ASSESSMENT and TOTAL are tried only after
# the first words of their branches (and ASSESSMENT's "^" branches at the start): 3.5× and 2× faster.
COMPONENTS: tuple[tuple[regex.Pattern[str] | AnchoredPattern, str], ...] = (
    (AnchoredPattern(ASSESSMENT, ("chưa", "điểm", "tự", "(", "ở"), at_text_start=True), "assessment"),
    (SURVEY, "survey"),
    (AnchoredPattern(TOTAL, ("tổng", "chỉ", "kết")), "total"),
)
RESULT_OPENING = regex.compile(r"^\W*kết\s+quả\b", FLAGS)  # "- Kết quả thực hiện năm 2024: Điểm chuẩn tối đa 01 điểm"
YEAR_AFTER = regex.compile(r"^\s*(?:năm|trong\s+năm)\s+(?P<year>(?:19|20)\d{2})\b", FLAGS)  # "93,99 điểm năm 2023"
# "Kết quả trong năm 2023 điểm chuẩn"; not the year of a date ("ngày 28 tháng 6 năm 2022" dates a decision).
YEAR_IN = regex.compile(r"(?<!\btháng\s+\d{1,2}\s+)\bnăm\s+(?P<year>(?:19|20)\d{2})\b", FLAGS)
# Clause ends: ";", a full stop before a capital or a bullet (not the dot after a code: "3.4.3. Tỷ lệ").
CLAUSE_BREAK = regex.compile(r";|(?<!\b\d{1,2}(?:\.\d{1,2})+)\.(?=\s+[\p{Lu}(\-+*])|\.\s*$|(?<=\))\s+(?=\p{Lu})")
# "(từ 93,99 điểm năm 2023 lên 94,64 điểm)", "từ thứ 03 lên thứ 01": the first value is last year's.
FROM_TO = regex.compile(r"\btừ\s+(?:thứ\s+)?$", FLAGS)
RANK_FIRST = regex.compile(r"\b(?:đứng|xếp)\s+(?:vị\s+)?thứ\s+nhất(?:\s+trong\s+số\s+(?P<total>\d{1,3}))?", FLAGS)
