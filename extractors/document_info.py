"""What a document is: type, number, issuer, the unit it is about, place and date, the years it reports on
and plans for, title, signer and recipients (DOMAIN.md §2.2, §2.7). The two-column header of a Word or
PDF document may arrive interleaved, so fields are found by anchored patterns, not by line order."""

from __future__ import annotations

from datetime import date

import regex

from schemas.document import Block, BlockKind, Document
from schemas.extraction import DocType, DocumentInfo

TITLE_WORDS: dict[str, DocType] = {
    "BÁO CÁO": DocType.BAO_CAO,
    "KẾ HOẠCH": DocType.KE_HOACH,
    "THÔNG BÁO": DocType.THONG_BAO,
    "QUYẾT ĐỊNH": DocType.QUYET_DINH,
    "TỜ TRÌNH": DocType.TO_TRINH,
    "CÔNG VĂN": DocType.CONG_VAN,
}
SUBJECT_LINE = regex.compile(
    r"\bV/v\s+(?P<title>.+)", regex.DOTALL
)  # "V/v khắc phục Chỉ số cải cách hành chính năm 2024"
YEAR = regex.compile(r"\bnăm\s+(?P<year>(?:19|20)\d{2})\b", regex.IGNORECASE)
AIMED = regex.compile(r"\b(?:nâng\s+cao|phấn\s+đấu|cải\s+thiện)\b", regex.IGNORECASE)
RESULTS = regex.compile(r"\b(?:kết\s+quả|tồn\s+tại|hạn\s+chế|khắc\s+phục\s+chỉ\s+số)\b", regex.IGNORECASE)
# "Tổng kết … giai đoạn 2021 - 2025 và nhiệm vụ, giải pháp năm 2025": a period reported, then the year planned.
PERIOD = regex.compile(r"\bgiai\s+đoạn\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b", regex.IGNORECASE)
PLANNED = regex.compile(
    r"\b(?:nhiệm\s+vụ|phương\s+hướng)(?:\s*,?\s*(?:và\s+)?(?:giải\s+pháp|trọng\s+tâm|chủ\s+yếu))*\s+$", regex.IGNORECASE
)
# "Số: 59/BC-UBND", "Số: /BC-BCĐ" (left blank), "Số: .../UBND".
NUMBER_LINE = regex.compile(r"^\s*Số\s*:?\s*(?P<number>\S*)", regex.MULTILINE)
VALID_NUMBER = regex.compile(r"^\d{1,5}(?:/\d{4})?/\p{Lu}[\p{L}\d&-]*$|^\d{1,5}-\p{Lu}\p{L}*/\p{Lu}\p{L}*$")
# "Ba Tơ, ngày 12 tháng 02 năm 2025"
PLACE_DATE = regex.compile(
    r"(?P<place>\p{Lu}\p{L}*(?:[^\S\n]+\p{Lu}\p{L}*){0,3}),[^\S\n]*ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})"
    r"\s+năm\s+(?P<year>\d{4})"
)
UNIT_WORDS = {
    "tỉnh": "province",
    "thành phố": "district",
    "thị xã": "district",
    "huyện": "district",
    "quận": "district",
}
UNIT_WORDS |= {"xã": "commune", "phường": "commune", "thị trấn": "commune"}
_UNIT = "|".join(sorted((w.replace(" ", r"\s+") for w in UNIT_WORDS), key=len, reverse=True))
# "huyện Sơn Tịnh", "xã Triệu Trạch", "HUYỆN CAN LỘC": the unit word, then a proper name.
_BODY_HEAD = r"(?:SỞ|PHÒNG|VĂN\s+PHÒNG|BAN|TRUNG\s+TÂM|CHI\s+CỤC|THANH\s+TRA)\b"  # "UBND TỈNH THANH HÓA SỞ Y TẾ"
UNIT_NAME = regex.compile(
    rf"\b(?P<word>(?i:{_UNIT}))[^\S\n]+(?P<name>\p{{Lu}}\p{{L}}*(?:[^\S\n]+(?!{_BODY_HEAD})\p{{Lu}}\p{{L}}*){{0,2}})"
)
# The issuing body named in the running text: "UBND huyện Sơn Hà xây dựng …" (names of two words: a person's
# name after "UBND huyện" has three, "Chủ tịch UBND huyện Đinh Xuân Sâm").
ISSUING_UNIT = regex.compile(
    rf"\b(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+(?P<word>{_UNIT})\s+(?P<name>\p{{Lu}}\p{{L}}*+(?:\s+\p{{Lu}}\p{{L}}*+)?)(?![^\S\n]*\p{{Lu}})"
)
_UNIT_CAPS = "|".join(sorted((w.upper().replace(" ", r"\s+") for w in UNIT_WORDS), key=len, reverse=True))
# "UBND TỈNH THANH HÓA / SỞ Y TẾ" on two lines, or on one where a PDF joined them.
ISSUER_HEADER = regex.compile(
    r"^\W*(?:ỦY\s+BAN\s+NHÂN\s+DÂN|UBND)\s+(?P<unit>(?:" + _UNIT_CAPS + r")\s+[\p{Lu} ]+?)"
    r"(?:(?:\W*\n\W*|[^\S\n]+)(?P<body>" + _BODY_HEAD + r"[\p{Lu} &,-]*?))?"
    r"\W*$",
    regex.M,
)
TITLES = regex.compile(
    r"(?P<title>(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|TRƯỞNG\s+BAN|TRƯỞNG\s+PHÒNG|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|BÍ\s+THƯ))\b"
)  # in a line in capitals above the signer's name: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "TRƯỞNG BAN"
SIGNS_FOR = regex.compile(r"(?:^|\s)(?:KT|Q|TL|TUQ)\.")  # a deputy or delegate signs: the last title is theirs
SIGNATURE_REACH = 4  # lines above a name where its title stands
CAPS_THEN_NAME = regex.compile(r"^([\p{Lu}\s.]+?)\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4})$")
PERSON = regex.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,4}$")  # "Phạm Giang Nam", "Lê Văn Mẫn"
RECIPIENTS_HEAD = regex.compile(r"^\W*Nơi\s+nhận\s*:?\s*$", regex.IGNORECASE)
# "Số: /BC-BCĐ", "Số: 59/BC-UBND": the last group of the code names the issuing body (DOMAIN §2.2).
NUMBER_CODE = regex.compile(r"^\s*Số\s*:?\s*[\d.…]*/(?:\p{Lu}+-)+(?P<code>\p{Lu}+)\b", regex.M)
ISSUER_CODES = {"BCĐ": "Ban Chỉ đạo CCHC", "PNV": "Phòng Nội vụ"}  # UBND is read from the signature block
SIGNS_FOR_PEOPLES_COMMITTEE = regex.compile(r"\b(?:TM|KT)\.\s*ỦY\s+BAN\s+NHÂN\s+DÂN\b")
DEFAULT_UNIT_WORD = {"province": "tỉnh", "district": "huyện", "commune": "xã"}
COMMITTEE_LEVEL = regex.compile(rf"\b(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+(?P<word>{_UNIT})\b")
REMEDIATION = regex.compile(r"\b(?:khắc\s+phục|nâng\s+cao|cải\s+thiện)\b", regex.IGNORECASE)
LEVEL_RANK = {"province": 0, "district": 1, "commune": 2}
HEAD_BLOCKS = 12  # the title and header stand among the first blocks


def document_info(document: Document) -> DocumentInfo:
    head = document.body_blocks()[:HEAD_BLOCKS]
    doc_type, title, title_index = _type_and_title(head)
    head_text = "\n".join(block.text for block in head)
    header = "\n".join(block.text for block in head[: title_index if title_index is not None else HEAD_BLOCKS])
    number = _number(head_text)
    if doc_type is None and number is not None and "-" not in number.split("/")[-1]:
        doc_type = DocType.CONG_VAN  # "15/UBND": a letter's number has no type code
    report_year, plan_year = _years(title or "")
    place_date = PLACE_DATE.search(head_text)
    issued = _date(place_date) if place_date else None
    later_issue = issued is not None and report_year is not None and issued.year > report_year
    if plan_year is None and later_issue and issued is not None and REMEDIATION.search(title or ""):
        plan_year = issued.year  # a letter on fixing last year's index, issued this year, plans for this year
    if plan_year is None and report_year is not None:
        plan_year = _remedy_section_year(document, report_year)
    unit = _unit(title or "", header, document, place_date.group("place") if place_date else None)
    signer_title, signer = _signature(document.body_blocks())
    return DocumentInfo(
        doc_id=document.doc_id,
        source=document.source.path,
        format=document.source.format.value,
        doc_type=doc_type,
        number=number,
        issuer=_as_written(_issuer(header), document)
        or _issuer_from_code(head_text, unit)
        or _signing_body(document, unit),
        locality=unit[1] if unit else None,
        admin_level=unit[0] if unit else _level_named_most(document),
        issue_place=place_date.group("place") if place_date else None,
        issue_date=issued,
        report_year=report_year,
        plan_year=plan_year,
        title=title,
        signer=signer,
        signer_title=signer_title,
        recipients=_recipients(document.body_blocks()),
    )


def _number(head_text: str) -> str | None:
    match = NUMBER_LINE.search(head_text)
    number = match.group("number").rstrip(".,;") if match else ""
    return number if VALID_NUMBER.match(number) else None


def _date(match: regex.Match[str]) -> date | None:
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def _unit(title: str, head_text: str, document: Document, place: str | None) -> tuple[str, str] | None:
    """The unit the document is about: named in the title, else in the header, else the place it is issued
    in when the text names a unit so, else the body that issues it in the running text."""
    for text in (title, head_text):
        match = next((m for m in UNIT_NAME.finditer(text) if not PERSON_BEFORE.search(text, 0, m.start())), None)
        if match is not None:
            return _level(match.group("word")), _proper(match.group("name"))
    if place is not None:
        named = regex.search(rf"\b(?P<word>{_UNIT})\s+{regex.escape(place)}\b", document.text, regex.IGNORECASE)
        if named is not None:
            return _level(named.group("word")), place
    counts: dict[tuple[str, str], int] = {}
    for match in ISSUING_UNIT.finditer(document.text):
        key = (_level(match.group("word")), match.group("name"))
        counts[key] = counts.get(key, 0) + 1
    # The most named; on a tie the lower level: higher bodies are cited as authorities ("Chủ tịch UBND tỉnh …").
    return max(counts, key=lambda key: (counts[key], LEVEL_RANK[key[0]])) if counts else None


# "… của Phó Chủ tịch Thường trực UBND tỉnh Lục Văn Khải": a person's title and office, then their name
PERSON_BEFORE = regex.compile(
    r"\b(?:Chủ\s+tịch|Giám\s+đốc|Bí\s+thư|đồng\s+chí)(?:\s+\p{L}+){0,3}\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân)?\s*$",
    regex.IGNORECASE,
)


def _level_named_most(document: Document) -> str | None:
    """No unit named: the level of the People's Committee the text speaks of most ("Chủ tịch UBND huyện")."""
    counts: dict[str, int] = {}
    for match in COMMITTEE_LEVEL.finditer(document.text):
        level = _level(match.group("word"))
        counts[level] = counts.get(level, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _level(unit_word: str) -> str:
    return UNIT_WORDS[" ".join(unit_word.lower().split())]


def _issuer(head_text: str) -> str | None:
    """ "ỦY BAN NHÂN DÂN / XÃ TRIỆU TRẠCH" at the head -> "UBND xã Triệu Trạch"."""
    match = ISSUER_HEADER.search(head_text)
    if match is None:
        return None
    words = match.group("unit").split()
    unit_word = next(w for w in sorted(UNIT_WORDS, key=len, reverse=True) if " ".join(words).lower().startswith(w))
    name = " ".join(words[len(unit_word.split()) :])
    body = match.group("body")
    if body and " ".join(body.split()) == "VĂN PHÒNG":  # "UBND TỈNH LÀO CAI / VĂN PHÒNG": the committee's office
        return f"Văn phòng UBND {unit_word} {_proper(name)}"
    if body:  # "UBND TỈNH BÌNH PHƯỚC / SỞ TƯ PHÁP": the department issues, under its committee
        return f"{_agency_case(body)} {unit_word} {_proper(name)}"
    return f"UBND {unit_word} {_proper(name)}"


# "II. TỒN TẠI, HẠN CHẾ VÀ GIẢI PHÁP KHẮC PHỤC NĂM 2026", "II. CAM KẾT KHẮC PHỤC TRONG NĂM 2026": the year
# the document plans for, when its title names none.
REMEDY_SECTION = regex.compile(
    r"^\W*(?:[IVX]+\.\s*)?[^.:;\n]{0,80}?\b(?:khắc\s+phục|giải\s+pháp|phương\s+hướng|nhiệm\s+vụ)\b[^.:;\n]{0,40}?"
    r"\bnăm\s+(?P<year>(?:19|20)\d{2})\W*$",
    regex.IGNORECASE,
)


def _remedy_section_year(document: Document, report_year: int) -> int | None:
    for block in document.body_blocks():
        if block.kind is BlockKind.HEADING or (block.text.isupper() and len(block.text) < 160):
            match = REMEDY_SECTION.match(block.text)
            if match is not None and int(match.group("year")) > report_year:
                return int(match.group("year"))
    return None


def _as_written(issuer: str | None, document: Document) -> str | None:
    """The issuer's name as the body text spells it, when it does ("SỞ CÔNG THƯƠNG" → "Sở Công Thương", not
    the rule-made "Sở Công thương"); otherwise as made from the header."""
    if issuer is None:
        return None
    words = issuer.split()
    for length in range(len(words), 1, -1):
        name = regex.escape(" ".join(words[:length]))
        written = [m.group() for m in regex.finditer(rf"(?i)(?<!\p{{L}}){name}(?!\p{{L}})", document.text)]
        mixed = [w for w in written if not w.isupper()]
        if mixed:
            return " ".join([max(sorted(set(mixed)), key=mixed.count), *words[length:]])
    return issuer


def _agency_case(name: str) -> str:
    """ "SỞ TƯ PHÁP" -> "Sở Tư pháp", "VĂN PHÒNG" -> "Văn phòng": the type word and the name's first syllable
    capitalised, as agency names are written."""
    words = " ".join(name.split()).lower().split()
    kind = 2 if " ".join(words[:2]) in ("văn phòng", "trung tâm", "chi cục", "thanh tra") else 1
    return " ".join(w.capitalize() if i in (0, kind) else w for i, w in enumerate(words))


def _issuer_from_code(head_text: str, unit: tuple[str, str] | None) -> str | None:
    """The issuer's code after the type code, even when the number is left blank: "Số: /BC-BCĐ" -> the Ban
    Chỉ đạo CCHC of the unit; "Số: 09/BC-PNV" -> its Phòng Nội vụ."""
    match = NUMBER_CODE.search(head_text)
    if match is None or unit is None:
        return None
    body = ISSUER_CODES.get(match.group("code").upper())
    if body is None:
        return None
    level, name = unit
    return f"{body} {DEFAULT_UNIT_WORD[level]} {name}"


def _signing_body(document: Document, unit: tuple[str, str] | None) -> str | None:
    """ "TM. ỦY BAN NHÂN DÂN" above the signature, and the unit the document is about -> "UBND huyện Ba Tơ"."""
    if unit is None or not SIGNS_FOR_PEOPLES_COMMITTEE.search(document.text):
        return None
    level, name = unit
    word = regex.search(rf"\b({_UNIT})\s+{regex.escape(name)}\b", document.text, regex.IGNORECASE)
    unit_word = " ".join(word.group(1).lower().split()) if word else DEFAULT_UNIT_WORD[level]
    return f"UBND {unit_word} {name}"


def _title_case(title: str) -> str:
    """ "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch", "CHÁNH VĂN PHÒNG" -> "Chánh Văn phòng", "TRƯỞNG BAN" -> "Trưởng ban":
    a title as written in running text, "Phó"/"Chánh" before the office it heads."""
    words = " ".join(title.split()).lower().split()
    head = 0
    while head < len(words) - 2 and words[head] in ("phó", "chánh"):
        head += 1  # "PHÓ CHÁNH VĂN PHÒNG" -> "Phó Chánh Văn phòng"
    return " ".join(w.capitalize() if i <= head else w for i, w in enumerate(words))


def _proper(name: str) -> str:
    """ "CAN LỘC" -> "Can Lộc"; a name already in proper case stays as it is."""
    return " ".join(word.capitalize() if word.isupper() else word for word in name.split())


def _signature(blocks: tuple[Block, ...]) -> tuple[str | None, str | None]:
    """The last title in capitals ("CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH") with a person's name under it."""
    lines: list[str] = []
    for block in blocks:
        for line in block.text.split("\n"):
            joined = CAPS_THEN_NAME.match(line.strip(" *"))  # a PDF may join "CHỦ TỊCH" and the name on one line
            lines.extend(joined.groups() if joined else [line.strip(" *")])
    lines = [line for line in lines if line]
    found: tuple[str | None, str | None] = (None, None)
    for index, line in enumerate(lines):
        if not PERSON.match(line):
            continue
        above = lines[max(0, index - SIGNATURE_REACH) : index]
        capitals = [text for text in above if text.isupper() and TITLES.search(text)]
        if capitals:
            # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the deputy's own title; "TRƯỞNG BAN / CHỦ TỊCH UBND HUYỆN": the first
            # line is the capacity the person signs in, the second their post
            deputy = any(SIGNS_FOR.search(text) for text in capitals)  # also "TM. ỦY BAN … KT. CHỦ TỊCH …" on one line
            line_used = capitals[-1] if deputy else capitals[0]
            if deputy:  # the last title, also when a PDF joined both lines: "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"
                title = ([None, *TITLES.finditer(line_used.split(".", 1)[-1])])[-1]
            else:
                title = TITLES.search(line_used.split(".", 1)[-1] if line_used.startswith("TM.") else line_used)
            if title is None:
                title = TITLES.search(line_used)
            found = (_title_case(title.group("title")) if title else None, line)
    return found


def _recipients(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    out: list[str] = []
    collecting = False
    for block in blocks:
        if RECIPIENTS_HEAD.match(block.text):
            collecting = True
            continue
        if collecting:
            if not block.text.lstrip().startswith(("-", "+")):
                break
            out.extend(line.lstrip("-+ ").rstrip(" ;.") for line in block.text.split("\n") if line.strip())
    return tuple(out)


def _years(title: str) -> tuple[int | None, int | None]:
    """The year reported on and the year planned for. A year the title aims at ("nâng cao Chỉ số CCHC năm
    2025", "phấn đấu … năm 2025") is a plan year: the results behind it are the year before."""
    first = YEAR.search(title)
    if first is None:
        return None, None
    year = int(first.group("year"))
    before = title[: first.start()]
    if PERIOD.search(before) and PLANNED.search(before):  # no one year reported: a period, then the plan
        return None, year
    aimed = [m.end() for m in AIMED.finditer(before)]
    results = [m.end() for m in RESULTS.finditer(before)]
    if aimed and (not results or aimed[-1] > results[-1]):  # the nearer word governs the year
        return year - 1, year
    later = [int(m.group("year")) for m in YEAR.finditer(title, first.end()) if int(m.group("year")) > year]
    return year, (later[0] if later else None)


def _type_and_title(head: tuple[Block, ...]) -> tuple[DocType | None, str | None, int | None]:
    """Type, title, and the index of the block where the title starts (the header lies above it)."""
    for index, block in enumerate(head):
        word = " ".join(block.text.split()).upper()
        if word in TITLE_WORDS:
            following = head[index + 1].text if index + 1 < len(head) else None
            return TITLE_WORDS[word], " ".join(following.split()) if following else None, index
    for index, block in enumerate(head):
        match = SUBJECT_LINE.search(block.text)
        if match is not None:
            return DocType.CONG_VAN, "V/v " + " ".join(match.group("title").split()), index + 1
    return None, None, None
