"""Score statements in running text: prose sentences and bullet lists.

A block is cut into clauses (at ";" and sentence ends). In each clause, every points quantity is bound to
the label just before it ("tối đa", "tự chấm", "chấm đạt"/"đạt"/"thẩm định", "bị trừ"/"mất") and every
rank to the clause's unit. The unit is named in the clause (a criterion code, a field name, the total,
the assessment part, the survey) or, for a result statement ("Kết quả thực hiện năm 2024: Điểm chuẩn
tối đa 01 điểm, …"), inherited from the criterion the preceding block introduced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from extractors.agencies import AGENCY_PHRASE
from extractors.field_catalogue import match_field
from extractors.score_drafts import ScoreDraft
from extractors.score_patterns import (
    CHANGE,
    CHANGE_WORD,
    CLAUSE_BREAK,
    CODE_MENTION,
    COMPONENTS,
    CUES,
    FIELD_ORDINAL,
    FROM_TO,
    RANK_FIRST,
    RESULT_OPENING,
    SECTION_NUMBER,
    SURVEY,
    YEAR_AFTER,
    YEAR_IN,
)
from extractors.vietnamese_numbers import find_quantities, parse_number
from extractors.vietnamese_text import fold_accents, syllables
from schemas.document import Block, BlockKind, Document
from schemas.quantity import Quantity, QuantityKind

POINT_KINDS = frozenset({QuantityKind.POINTS, QuantityKind.FRACTION, QuantityKind.NUMBER})
STATEMENT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING})
# A number of points ("10,51 điểm", "19/21 điểm") or a rank ("xếp thứ 11/13", "xếp 12/13", "thứ nhất").
SCORE_NUMBER = regex.compile(r"\d\s*điểm\b|\b(?:thứ|hạng|xếp)\s+(?:\d|nhất)", regex.IGNORECASE)
SCORE_WORD = regex.compile(r"\b(?:điểm|thứ|xếp|hạng)\b", regex.IGNORECASE)  # blocks without these hold no score
SCORE_WORDS = ("điểm", "thứ", "xếp", "hạng")  # every SCORE_NUMBER and SCORE_WORD match holds one of them
UNIT_NAME_MIN_SYLLABLES = 4
GENERIC_ACHIEVED = regex.compile(r"đạt|được|là", regex.IGNORECASE)  # "đạt" says nothing of who scored
APPRAISED = regex.compile(r"thẩm\s+định|chấm\s+đạt|công\s+nhận", regex.IGNORECASE)
TARGET = regex.compile(
    r"\b(?:phấn\s+đấu|mục\s+tiêu|trở\s+lên)\b", regex.IGNORECASE
)  # "phấn đấu … đạt từ 88 điểm trở lên"
# "loại Khá: từ 75 điểm đến dưới 85 điểm", "loại Yếu: dưới 65 điểm": the bounds of a class, not a result.
BOUND_BEFORE = regex.compile(r"\b(?:dưới|trên)\s*$", regex.IGNORECASE)
FULL_SCALE = 100  # the index's scale, on which its percentage is its points
PERCENTAGE_POINTS = regex.compile(r"\s*(?:phần\s+trăm|%)", regex.IGNORECASE)  # after "3,14 điểm"
# "(từ 81,61 điểm lên 85,00 điểm)": the value changed from, last year's.
# "(từ 54,65 điểm)" after "tăng 0,99 điểm": likewise, the other value left unsaid.
CHANGED_TO = regex.compile(r"\s*(?:điểm\s*)?(?:(?:lên|xuống)\b|\))", regex.IGNORECASE)
BOUND_AFTER = regex.compile(r"\s*(?:điểm\s*)?đến\s+(?:dưới\s+)?\d", regex.IGNORECASE)
WEAK_CUE = regex.compile(r"là", regex.IGNORECASE)  # "điểm tối đa của lĩnh vực là 9 điểm": the label before "là" wins
LABEL_BREAK = regex.compile(r"[,;]")
YEAR_THEN_BRACKET = regex.compile(r"\bnăm\s+(?:19|20)\d{2}\s*\(\s*$", regex.IGNORECASE)
FIELD_NAME_MIN_CHARS = 10  # "Cải cách thể chế" is the shortest catalogue name (with "Chính quyền số")
NAMED_AFTER = 25  # characters: "33 điểm điều tra xã hội học" names its unit just after the number
TARGET_REACH = 40  # characters around a number where "phấn đấu"/"trở lên" make it a target
ANY_DIGIT = regex.compile(r"\d")
WORD = regex.compile(r"\p{L}+")
SCALE = regex.compile(r"\bthang\s+điểm\b", regex.IGNORECASE)
FRAMEWORK = regex.compile(
    r"\bbộ\s+(?:tiêu\s+chí|chỉ\s+số)\b[^.]*\b(?:tổng\s+điểm\s+tối\s+đa|thang\s+điểm)\b", regex.IGNORECASE
)
SCALE_MAXIMUM = regex.compile(r"\bthang\s+điểm\s+(?P<points>\d{2,3})\b", regex.IGNORECASE)
# "… so với điểm tự đánh giá, tăng 2,18 điểm (năm 2024 đạt 62,10 điểm)": the self score is compared with, and
# "(điểm tự đánh giá 66,00 điểm), điểm điều tra xã hội học đạt 23.11": another part is named after it.
COMPARED_WITH_SELF = regex.compile(r"\bso\s+với\s+(?:điểm\s+)?$", regex.IGNORECASE)
SELF_GOVERNS_NOT = regex.compile(rf"{CHANGE_WORD.pattern}|{SURVEY.pattern}", regex.IGNORECASE | regex.VERSION1)
PARTS = ("assessment", "survey")  # parts of the index, named right before their points
# "bình quân", "trung bình", not the class "xếp loại Trung bình"
AVERAGE = regex.compile(r"\b(?:bình\s+quân|(?<!\bloại\s+)trung\s+bình)\b", regex.IGNORECASE)
COMPARED_WITH = regex.compile(r"so\s+với$", regex.IGNORECASE)  # "tăng … so với năm 2023": not the statement's year
PARENTHESIS = regex.compile(r"\s*\*?\s*\((?P<reason>[^()]{3,})\)")
NOT_A_REASON = regex.compile(r"cơ quan|tăng|giảm", regex.IGNORECASE)  # "(Cơ quan phụ trách …)", "(giảm 1,21 điểm …)"
NOT_A_UNIT = regex.compile(
    r"^\W*(?:kết\s+quả|năm|trong|tổng|điểm|đạt|xếp|huyện|xã|tỉnh)\b"
    r"|^\W*(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s+(?:xã|phường|thị\s+trấn|huyện|tỉnh)\W*$",  # "UBND xã": the writer itself
    regex.IGNORECASE,
)
# "Kết quả, UBND xã tự đánh giá đạt 57,08/61,5 điểm": the writer scoring itself, its own appraisable part.
WRITER = regex.compile(
    r"^\W*(?:kết\s+quả\W+)?(?:(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s+)?(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|sở|đơn\s+vị)"
    r"(?:\s+(?-i:\p{Lu})\p{L}*){0,3}\W*$",
    regex.IGNORECASE | regex.VERSION1,
)
NAMED_UNIT = regex.compile(
    rf"(?P<unit>\b(?:Sở|Ban|Văn\s+phòng|Thanh\s+tra|UBND|Ủy\s+ban\s+nhân\s+dân)\s+{AGENCY_PHRASE})\s*"
    r"\((?=(?:năm\s+\d{4}\s+)?(?:đạt\s+)?\d+(?:[.,]\d+)?\s*điểm)",
    regex.VERSION1,
)  # a unit and its index in brackets: "Sở Tư pháp (92,15 điểm", "Sở Xây dựng (năm 2025 đạt 76,80 điểm"
OWN_MAXIMUM = regex.compile(
    r"\bđiểm\s+tối\s+đa(?:\s+tính\s+điểm)?\s+của\s+(?:Sở|đơn\s+vị|cơ\s+quan|UBND\s+(?:xã|phường|huyện|tỉnh)|xã|phường)\b"
    r"(?!\s+(?-i:\p{Lu}))",  # "của Sở là 64,5", not "của Sở Nội vụ"
    regex.IGNORECASE | regex.VERSION1,
)
CHANGE_FROM_NAMED = regex.compile(
    r"\b(?:tăng|giảm|cao\s+hơn|thấp\s+hơn)\s+(?:so\s+với\s+)?(?:điểm\s+|kết\s+quả\s+)?(?:tự\s+(?:đánh\s+giá|chấm)|thẩm\s+định"
    r"(?:\s+lần\s+\d)?|lần\s+\d)\s*$",
    regex.IGNORECASE,
)
COMPARED_YEAR_OPENING = regex.compile(r"^\W*so\s+với\s+năm\s+(?:19|20)\d{2}\s*\(", regex.IGNORECASE)
AT_CRITERION = regex.compile(rf"\s*(?:điểm\s+)?(?:tại|ở)\s+{CODE_MENTION.pattern}", regex.IGNORECASE | regex.VERSION1)
# "Nếu được chấp nhận, điểm thẩm định … là 60,30/70 điểm": a hypothetical, no result.
HYPOTHETICAL = regex.compile(r"^\W*nếu\b", regex.IGNORECASE)
# "Đề nghị Hội đồng công nhận 1 điểm", "đề nghị 1,99 điểm": points asked for, not given.
REQUEST = regex.compile(r"\bđề\s+nghị\b", regex.IGNORECASE)
# Other indices than the PAR index are not its units: DDCI, PCI, PAPI, SIPAS.
PAR_INDEX = regex.compile(r"\b(?:cchc|cải\s+cách\s+hành\s+chính)\b", regex.IGNORECASE)
OTHER_INDEX = regex.compile(
    r"\b(?:ddci|pci|papi|sipas|năng\s+lực\s+cạnh\s+tranh|hiệu\s+quả\s+quản\s+trị)\b", regex.IGNORECASE
)


@dataclass(frozen=True)
class Subject:
    code: str | None
    name: str | None
    unit: str | None = None  # one of several units the document scores ("Sở Tư pháp (92,15 điểm, …)")


def document_to_statement_drafts(
    document: Document, report_year: int | None, tabled: frozenset[str] = frozenset()
) -> Iterator[ScoreDraft]:
    """`tabled`: the units a results table of many units names (accent-folded), which sentences may score
    however short their names ("Sở Y tế tăng 01 bậc")."""
    inherited: Subject | None = None
    section: Subject | None = None  # the field a heading ("**5. Hiện đại hóa hành chính**") opened
    scale: Quantity | None = None  # "Chỉ số CCHC năm 2025 (thang điểm 100) của 17 cơ quan …": the index's maximum
    scale_year = report_year  # … in the year it names
    framework = False  # the list items under a description of the framework give maxima ("- Lĩnh vực 2. …: 6 điểm")
    tabled_named = names_pattern(tabled)
    for block in document.blocks:
        if block.kind not in STATEMENT_KINDS:
            continue
        may_score = _may_hold_score(block.text)
        if block.kind is BlockKind.HEADING and not (may_score and SCORE_NUMBER.search(block.text)):
            inherited = None  # a new section: nothing carries over
            section = _section_field(block.text)
            scale = None
        introduced = _introduced_subject(block.text)
        if introduced is not None:
            inherited = introduced
        if block.kind is not BlockKind.LIST_ITEM:  # "Bộ tiêu chí … gồm 08 lĩnh vực, … tổng điểm tối đa 100 điểm"
            framework = FRAMEWORK.search(block.text) is not None
        stated_scale = SCALE_MAXIMUM.search(block.text)
        if stated_scale is not None:
            scale = parse_number(stated_scale.group("points"))
            scale_year = stated_year(block.text) or report_year
        if not (may_score and SCORE_WORD.search(block.text)):
            continue
        listed_maximum = framework and block.kind is BlockKind.LIST_ITEM
        for draft in _block_drafts(block, inherited, section, report_year, tabled, listed_maximum, tabled_named):
            # the named units' indices are out of the section's scale, for the year it names
            scaled = draft.unit is not None and draft.code == "total" and draft.year == scale_year
            if scaled and scale is not None and draft.values:
                draft.values.setdefault("max", scale)
            yield draft


def cell_statement_drafts(table: Block, report_year: int | None) -> Iterator[ScoreDraft]:
    """Score statements written inside the cells of a table that is no scorecard: a task table's group row
    "III | Lĩnh vực Cải cách thủ tục hành chính (năm 2023 đạt 11,72/13 điểm)". Each cell reads as a sentence
    of its own, pointing at the cell."""
    for cell in table.cells:
        if not (_may_hold_score(cell.text) and SCORE_NUMBER.search(cell.text)):
            continue
        statement = table.model_copy(
            update={"kind": BlockKind.PARAGRAPH, "text": cell.text, "start": cell.start, "end": cell.end, "cells": ()}
        )
        yield from _block_drafts(statement, None, None, report_year, frozenset())


def _about_another_index(clause: str) -> bool:
    """The clause names another index (PAPI, SIPAS, …) and not the PAR index, or names it last before its first
    number ("Cùng với Chỉ số CCHC, Bộ Nội vụ công bố Chỉ số hài lòng … (SIPAS) năm 2024: tỉnh đạt 83,16%")."""
    other = [m.end() for m in OTHER_INDEX.finditer(clause)]
    if not other:
        return False
    par = [m.end() for m in PAR_INDEX.finditer(clause)]
    if not par:
        return True
    first_number = ANY_DIGIT.search(clause)
    before = first_number.start() if first_number else len(clause)
    last_other = max((end for end in other if end <= before), default=-1)
    last_par = max((end for end in par if end <= before), default=-1)
    return last_other > last_par


def _may_hold_score(text: str) -> bool:
    """False when neither SCORE_NUMBER nor SCORE_WORD can match: the lower-cased text holds none of their
    words (most blocks; a substring test is 5× cheaper than the patterns). Their IGNORECASE also matches "İ" to
    the "i" of "điểm", and "İ" lower-cases to two characters, so a text with one keeps the patterns."""
    if "İ" in text:
        return True
    lowered = text.lower()
    return any(word in lowered for word in SCORE_WORDS)


def _new_sentence(text: str, start: int) -> bool:
    """The clause at `start` opens a sentence: the one before ended with a full stop, not ";"."""
    return not text[:start].rstrip().endswith(";")


def _joint_codes(clause: str, first_score: regex.Match[str] | None) -> bool:
    """Two or more criteria named before the first score number (`SCORE_NUMBER`'s match in the clause): the
    figures are theirs together."""
    end = first_score.start() if first_score else len(clause)
    codes = {m.group("code") for m in CODE_MENTION.finditer(clause, 0, end)}
    return len(codes) >= 2


def _section_field(heading: str) -> Subject | None:
    name = _clean_name(SECTION_NUMBER.sub("", heading, count=1))
    field = match_field(name)
    return Subject(code=field, name=name) if field is not None else None


def _introduced_subject(text: str) -> Subject | None:
    """A block that opens on a criterion ("* Đối với tiêu chí thành phần 1.3.2. Xử lý …") sets the unit
    that the following result statements speak of."""
    if ("tiêu chí" not in text.lower() and "TC" not in text) or _joint_codes(text, SCORE_NUMBER.search(text)):
        return None
    numbered = SECTION_NUMBER.match(text)  # "3. Tiêu chí thành phần 7.3.2 (…)": its number is no clause end
    first_break = next(_clause_breaks(text, numbered.end() if numbered else 0), None)
    match = CODE_MENTION.search(text, 0, first_break.end() if first_break else len(text))
    if match is None:
        return None
    return Subject(code=match.group("code"), name=_name_after(text, match.end()))


def _block_drafts(
    block: Block,
    inherited: Subject | None,
    section: Subject | None,
    report_year: int | None,
    tabled: frozenset[str],
    framework: bool = False,
    tabled_named: regex.Pattern[str] | None = None,
) -> Iterator[ScoreDraft]:
    """`inherited`: the criterion the block before introduced (result statements speak of it); `section`:
    the field whose heading this block stands under (any statement without a unit of its own speaks of it)."""
    text = block.text
    carried: Subject | None = None  # the unit of the clause before, when it ended in ";" (one sentence)
    naming: str | None = None  # the clause before, when it ended in ";" without a score: it may name that unit
    carried_year: int | None = None  # likewise the year: "Chỉ số CCHC năm 2022 … đạt 87,25/100; trong đó …"
    joint = False  # the sentence named several criteria together: its figures are theirs jointly
    other_index = False  # the sentence is about another index (PAPI, SIPAS): its later clauses too
    sentence_subject: Subject | None = None  # the unit the sentence spoke of first
    before_sentence: Subject | None = None  # … and the sentence before it
    for index, (start, end) in enumerate(_clauses(text)):
        clause = text[start:end]
        named_before, naming = naming, None
        new_sentence = _new_sentence(text, start)
        if new_sentence:
            before_sentence, sentence_subject = sentence_subject or before_sentence, None
        other_index = (other_index and not new_sentence) or _about_another_index(clause)
        score_number = SCORE_NUMBER.search(clause)
        joint = _joint_codes(clause, score_number) or (joint and not new_sentence)
        if joint:
            carried = None
            continue  # "Tiêu chí thành phần 7.3.2 và tiêu chí thành phần 7.3.4 (…; …) - bị trừ tổng cộng 0,85 điểm"
        if score_number is None:
            # no number of points and no rank: no score, but "7. Hiện đại hóa hành chính: là lĩnh vực …;" names
            # the unit of the rest of its sentence
            one_sentence = clause.rstrip().endswith(";")
            carried, naming = None, clause if one_sentence else None
            carried_year = stated_year(clause) if one_sentence else None
            continue
        if SCALE.search(clause):
            carried = None
            continue  # "… thang điểm 100, gồm 70 điểm thẩm định và 30 điểm điều tra": the framework, no result
        if HYPOTHETICAL.match(clause) or (index == 0 and HYPOTHETICAL.match(text)):
            carried = None
            continue
        if AVERAGE.search(clause, 0, score_number.start()):
            carried = None
            continue  # "Chỉ số CCHC bình quân của 13 cơ quan, đơn vị đạt 87,29 điểm": an average, no unit's score
        if other_index:
            carried = None
            continue  # DDCI, PCI, PAPI, SIPAS: another index's points and ranks, to the end of its sentence
        quantities = find_quantities(clause)
        mentions = _mentions(clause)
        if tabled_named is not None and not mentions:
            mentions = _tabled_units(clause, tabled_named)
        codes = [m.subject for m in mentions if m.subject.code and "." in m.subject.code]
        if codes:
            subject = codes[0]
            if inherited is not None and inherited.code == subject.code and subject.name is None:
                mentions = [Mention(m.start, m.end, inherited) if m.subject == subject else m for m in mentions]
            inherited = next(m.subject for m in mentions if m.subject.code == subject.code)
        alone = inherited is None and section is None and not mentions
        fallback = (
            (_unknown_unit(clause, quantities, tabled) if alone else None)
            or carried
            or _named_last(named_before)
            or (_writer_scoring_itself(clause) if alone else None)
        )
        if fallback is None and not mentions:
            result_statement = RESULT_OPENING.match(clause) or (index == 0 and RESULT_OPENING.match(text))
            if (
                fallback is None
                and inherited is not None
                and (
                    result_statement
                    or CUES["max"].search(clause)
                    or CUES["deducted"].search(clause)
                    or CUES["self"].search(clause)  # "UBND xã tự đánh giá 1/1 điểm; Hội đồng thẩm định 0,5 điểm"
                    or APPRAISED.search(clause)
                )
            ):
                fallback = inherited
        fallback = fallback or (section if not mentions else None)
        if fallback is None and not mentions and COMPARED_YEAR_OPENING.match(clause):
            fallback = before_sentence  # "Chỉ số … đạt 86,42/100 điểm; …. So với năm 2024 (tỉnh đạt 85,17 điểm)"
        if not mentions and fallback is None:
            carried = None
            continue
        year = carried_year or report_year
        yield from _clause_drafts(
            block, clause, start, mentions, fallback, year, quantities, sentence_subject, bare_is_max=framework
        )
        last = mentions[-1].subject if mentions else fallback
        sentence_subject = sentence_subject or (mentions[0].subject if mentions else fallback)
        one_sentence = clause.rstrip().endswith(";")
        carried = last if one_sentence else None
        carried_year = (stated_year(clause) or carried_year) if one_sentence else None


def _named_last(clause: str | None) -> Subject | None:
    """The unit a clause names last; looked up only when the clause after it needs it."""
    named = _mentions(clause) if clause is not None else []
    return named[-1].subject if named else None


# "…, lĩnh vực X đạt …", "… và lĩnh vực X …", "đạt điểm tối đa ở lĩnh vực X (7/7 điểm)"
# "…, lĩnh vực X đạt …"; "Các lĩnh vực Cải cách thể chế (6/6 điểm) và Cải cách tổ chức bộ máy … (6/6 điểm)": the
# next of a list of fields, each with its figures in brackets
FIELD_WORD = regex.compile(
    r"(?<=,\s*|\bvà\s+|\bở\s+|\blà\s+)lĩnh\s+vực\s+|(?<=\)\s*(?:,|và)\s+)(?=(?-i:\p{Lu}))",
    regex.IGNORECASE | regex.VERSION1,
)
# "Lĩnh vực bị trừ nhiều điểm nhất là Cải cách thủ tục hành chính, đạt 10,12/13 điểm": the field named before
# the figures, after the words that single it out
FIELD_HEAD = regex.compile(r"^\W*lĩnh\s+vực\b", regex.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """Where a clause names a unit: the values after it (or just before it) are that unit's."""

    start: int
    end: int
    subject: Subject
    compared: bool = False  # named after "so với": a clause names it, but no value after it is its


def _mentions(clause: str) -> list[Mention]:
    mentions: list[Mention] = []
    code = CODE_MENTION.search(clause)
    if code is not None:
        mentions.append(Mention(code.start(), code.end(), Subject(code.group("code"), _name_after(clause, code.end()))))
        # "tiêu chí thành phần 3.4.2 (đạt 1,5/2 điểm, bị trừ 0,5 điểm), tiêu chí 5.4 (bị trừ 0,5 điểm), …": each
        # further criterion named after figures of its own
        for later in CODE_MENTION.finditer(clause, code.end()):
            if ANY_DIGIT.search(clause, mentions[-1].end, later.start()):
                mentions.append(
                    Mention(later.start(), later.end(), Subject(later.group("code"), _name_after(clause, later.end())))
                )
    name = _name_part(clause)
    field = match_field(name) if len(name) >= FIELD_NAME_MIN_CHARS else None
    name_end = clause.find(name) + len(name)
    digit = ANY_DIGIT.search(clause)
    if field is None and code is None and FIELD_HEAD.match(clause) and digit is not None:
        head = clause[: digit.start()]
        field, name, name_end = match_field(head), _clean_name(head.split(" là ")[-1]), digit.start()
    if field is not None and (code is None or code.start() >= name_end):
        # "Lĩnh vực X: điểm tối đa 10 …, bị trừ 1,00 điểm, gồm: tiêu chí thành phần 1.2.2 bị trừ 0,25 điểm": the
        # field's own figures come before the criteria listed under it
        mentions.insert(0, Mention(0, max(name_end, 0), Subject(code=field, name=_clean_name(name))))
    for later in FIELD_WORD.finditer(clause, mentions[-1].end if mentions else 0):
        # "…, lĩnh vực xây dựng và phát triển chính quyền điện tử, chính quyền số đạt 9,60/12 điểm": a further
        # field named in the same clause, up to its first label or number
        stop = min((m.start() for cue in CUES.values() if (m := cue.search(clause, later.end()))), default=len(clause))
        digit = ANY_DIGIT.search(clause, later.end())
        end = min(stop, digit.start() if digit else len(clause))
        name = _clean_name(clause[later.start() : end])
        field = match_field(name) if len(name) >= FIELD_NAME_MIN_CHARS else None
        if field is not None and not any(m.start <= later.start() < m.end for m in mentions):
            mentions.append(Mention(later.start(), end, Subject(code=field, name=name)))
    for named in NAMED_UNIT.finditer(clause):  # "Sở Tư pháp (92,15 điểm, xếp thứ 1/17), Sở Nội vụ (91,40 điểm)"
        unit = " ".join(named.group("unit").split())
        if not any(m.start < named.end("unit") and named.start() < m.end for m in mentions):
            mentions.append(Mention(named.start(), named.end("unit"), Subject(code="total", name=unit, unit=unit)))
    for own in OWN_MAXIMUM.finditer(clause):  # "điểm tối đa tính điểm của Sở là 64,5 điểm": the unit's own whole
        mentions.append(Mention(own.start(), own.end(), Subject(code="total", name=None)))
    for pattern, unit in COMPONENTS:
        for match in pattern.finditer(clause):
            # "giảm 0,5 điểm so với điểm tự đánh giá": what a value is compared with names no value's unit
            compared = COMPARED_WITH_SELF.search(clause, 0, match.start()) is not None
            if not any(m.start < match.end() and match.start() < m.end for m in mentions):
                mentions.append(Mention(match.start(), match.end(), Subject(code=unit, name=None), compared))
    return sorted(mentions, key=lambda m: m.start)


def names_pattern(folded_names: frozenset[str]) -> regex.Pattern[str] | None:
    """One pattern for accent-folded unit names, longest first ("huyen tay hoa" before "tay hoa")."""
    if not folded_names:
        return None
    names = sorted(folded_names, key=len, reverse=True)
    return regex.compile("|".join(rf"\b{regex.escape(name)}\b" for name in names))


def _tabled_units(clause: str, tabled_named: regex.Pattern[str]) -> list[Mention]:
    """A unit the document's results table names, in a clause that names nothing else ("So với năm 2023, huyện
    Tây Hòa … tăng 3,12 điểm (từ 81,61 điểm lên 85,00 điểm)"): the figures after it are that unit's index. (A
    clause naming a part, "Điểm điều tra xã hội học của Sở X (20,30/30 điểm)", is the part's: see
    `scores._statements_of_listed_units`.) Accent folding keeps lengths (the text is NFC), so the folded match
    spans the clause's own words."""
    return [
        Mention(match.start(), match.end(), Subject(code="total", name=unit, unit=unit))
        for match in tabled_named.finditer(fold_accents(clause))
        for unit in (clause[match.start() : match.end()],)
    ]


def _subject_at(mentions: list[Mention], start: int, end: int, fallback: Subject | None) -> Subject | None:
    """The unit named last before a value; else one named right after it ("33 điểm điều tra xã hội học")."""
    mentions = [m for m in mentions if not m.compared]
    before = [m for m in mentions if m.end <= start]
    if before:
        return before[-1].subject
    after = [m for m in mentions if 0 <= m.start - end <= NAMED_AFTER]
    if after:
        return after[0].subject
    return fallback


def _clauses(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _clause_breaks(text):
        if match.end() > start:
            spans.append((start, match.end()))
            start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    trimmed = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]
    return [(s, e) for s, e in trimmed if s < e]


BREAK_CANDIDATE = re.compile(r"[;.)]")  # every CLAUSE_BREAK match starts at ";", "." or just after ")"


def _clause_breaks(text: str, start: int = 0) -> Iterator[regex.Match[str]]:
    """`CLAUSE_BREAK.finditer(text, start)`, trying the pattern only where a match can start (2× faster: the
    pattern's lookbehinds cost at every position)."""
    end = start
    for candidate in BREAK_CANDIDATE.finditer(text, start):
        position = candidate.start() + (candidate.group() == ")")
        if position < end:
            continue
        match = CLAUSE_BREAK.match(text, position)
        if match is not None:
            end = match.end()
            yield match


def _unknown_unit(clause: str, quantities: list[Quantity], tabled: frozenset[str]) -> Subject | None:
    """ "mức độ hài lòng của người dân … xếp thứ 6/13": a named unit outside the catalogue, when the
    clause opens with its name and ranks or scores it."""
    name = _clean_name(_name_part(clause))
    short = len(syllables(name)) < UNIT_NAME_MIN_SYLLABLES and fold_accents(name) not in tabled
    if short or NOT_A_UNIT.match(name) or ANY_DIGIT.search(name):
        return None
    if OTHER_INDEX.search(clause):
        return None
    if not any(q.kind is QuantityKind.RANK for q in quantities) and not any(
        cue.search(clause) for cue in CUES.values()
    ):
        return None
    return Subject(code=None, name=name)


def _writer_scoring_itself(clause: str) -> Subject | None:
    """ "Kết quả, UBND xã tự đánh giá đạt 57,08/61,5 điểm": the writer's own appraisable part."""
    if WRITER.match(_clean_name(_name_part(clause))) and CUES["self"].search(clause):
        return Subject(code="assessment", name=None)
    return None


def _name_part(clause: str) -> str:
    """The words before the first label or number: where a clause names its unit."""
    text = FIELD_ORDINAL.sub("", clause, count=1)
    text = SECTION_NUMBER.sub("", text, count=1)
    stops = [m.start() for cue in (*CUES.values(), CHANGE_WORD) if (m := cue.search(text))]
    digit = ANY_DIGIT.search(text)
    colon = text.find(":")
    for position in (digit.start() if digit else -1, colon):
        if position >= 0:
            stops.append(position)
    name = str(text[: min(stops)] if stops else text)
    after_colon = text[colon + 1 : min((s for s in stops if s > colon), default=len(text))] if colon >= 0 else ""
    before_numbers = digit is None or digit.start() > colon  # "…: lĩnh vực X đạt 3,5/4", not "bị trừ 6,58 …: X"
    if after_colon.strip() and before_numbers and match_field(after_colon) and not match_field(name):
        return after_colon  # "Kết quả cụ thể theo từng lĩnh vực như sau: lĩnh vực cải cách thể chế đạt 3,5/4"
    return name


def _clean_name(name: str) -> str:
    return name.strip(" ,:;-–“”\"'(").strip()


def _name_after(text: str, position: int) -> str | None:
    """A criterion's name: from after its code to the first ":" or "(" or the end of the clause."""
    rest = text[position:].lstrip(" .:")
    end = min(
        (i for i in (rest.find(":"), rest.find("("), rest.find("”"), rest.find(";")) if i >= 0), default=len(rest)
    )
    cue = min((m.start() for c in CUES.values() if (m := c.search(rest, 0, end))), default=end)
    name = _clean_name(rest[: min(end, cue)] if ANY_DIGIT.search(rest, 0, end) else rest[:end])
    return name or None  # "1.3.2: tự đánh giá 1 điểm; …" names no criterion: the figures follow the code


def _clause_drafts(
    block: Block,
    clause: str,
    offset: int,
    mentions: list[Mention],
    fallback: Subject | None,
    report_year: int | None,
    quantities: list[Quantity],
    sentence_subject: Subject | None = None,
    bare_is_max: bool = False,
) -> Iterator[ScoreDraft]:
    """`sentence_subject`: the unit the sentence named first, which a rank after a closed bracket ranks ("Chỉ số
    đạt 85,44 điểm (điểm thẩm định 56,90 điểm; điểm điều tra xã hội học 28,54 điểm), …, xếp thứ 7/21")."""
    drafts: dict[tuple[Subject, int | None], ScoreDraft] = {}
    owned_years = {q.end for q in quantities}  # "93,99 điểm năm 2023": that year belongs to the number
    mentions_points = "điểm" in clause.lower()
    _rank_in_words(clause, block, offset, mentions, fallback, report_year, drafts)
    for index, quantity in enumerate(quantities):
        subject = _subject_at(mentions, quantity.start, quantity.end, fallback)
        if subject is None:
            continue
        year = _year_of(clause, quantity, owned_years) or report_year
        if quantity.kind is QuantityKind.RANK:
            if sentence_subject is not None and _after_closed_bracket(clause, mentions, quantity.start):
                subject = sentence_subject
            if FROM_TO.search(clause[: quantity.start]) and not YEAR_AFTER.match(clause[quantity.end :]) and year:
                year -= 1  # "tăng 2 bậc, từ thứ 03 lên thứ 01": from last year's rank to this year's
            draft = _draft(drafts, block, offset, clause, subject, year)
            total = int(quantity.denominator) if quantity.denominator is not None else None
            if draft.rank is None:
                draft.rank, draft.rank_total = int(quantity.value), total
            elif draft.rank == int(quantity.value) and draft.rank_total is None:
                draft.rank_total = total
            continue
        previous_end = quantities[index - 1].end if index else 0
        # "Chỉ số CCHC năm 2024 của tỉnh đạt 87,35%": the index in percent is its points out of 100
        index_percent = quantity.kind is QuantityKind.PERCENT and subject.code == "total"
        if index_percent and _label_before(clause, previous_end, quantity.start) == "achieved":
            quantity = _percent_as_points(quantity)
        if quantity.kind not in POINT_KINDS or (quantity.kind is not QuantityKind.POINTS and not mentions_points):
            continue
        if PERCENTAGE_POINTS.match(clause, quantity.end):
            continue  # "cao hơn … (84,21%) là 3,14 điểm phần trăm": a difference of percentages
        label = _label_before(clause, previous_end, quantity.start)
        if TARGET.search(clause, max(0, quantity.start - TARGET_REACH), min(len(clause), quantity.end + TARGET_REACH)):
            continue  # a target, not a result
        if BOUND_BEFORE.search(clause, previous_end, quantity.start) or BOUND_AFTER.match(clause, quantity.end):
            continue  # a class's bound
        if REQUEST.search(clause, previous_end, quantity.start):
            continue  # points asked for
        if label == "self" and subject.code == "total":
            subject = Subject(code="assessment", name=None)  # only the appraisable part is self-assessed
        if label is None:
            bracketed = subject.unit is not None and clause[: quantity.start].rstrip().endswith("(")
            # "(điểm thẩm định 56,90 điểm; điểm điều tra xã hội học 28,54 điểm)": a part named right before its value
            named = any(0 <= quantity.start - m.end <= 1 and m.subject.code in PARTS for m in mentions)
            if bare_is_max and quantity.denominator is None:
                label = "max"  # "- Lĩnh vực 2. Cải cách thể chế: 6 điểm;" under the framework's description
            elif (
                quantity.denominator is None
                and not YEAR_THEN_BRACKET.search(clause[: quantity.start])
                and not bracketed
                and not named
            ):
                continue
            else:
                label = "achieved"  # "đạt 85,06/100 điểm"; "so với năm 2021 (82,37 điểm, …)"; "Sở Nội vụ (91,40 điểm)"
        changed_from = FROM_TO.search(clause, 0, quantity.start) and CHANGED_TO.match(clause, quantity.end)
        if changed_from and year and not YEAR_AFTER.match(clause[quantity.end :]):
            year -= 1  # "tăng 3,12 điểm (từ 81,61 điểm lên 85,00 điểm)": from last year's index to this year's
        draft = _draft(drafts, block, offset, clause, subject, year)
        _set_value(draft, label, quantity)
        if label == "deducted":
            draft.reason = draft.reason or _reason_after(clause, quantity.end)
            at = AT_CRITERION.match(clause, quantity.end)
            if at is not None and at.group("code") != subject.code:  # "bị trừ 0,50 điểm tại tiêu chí thành phần 2.3.1"
                criterion = _draft(drafts, block, offset, clause, Subject(at.group("code"), None), year)
                _set_value(criterion, label, quantity)
                criterion.reason = criterion.reason or _reason_after(clause, at.end())
    yield from (draft for draft in drafts.values() if draft.has_numbers())


def _after_closed_bracket(clause: str, mentions: list[Mention], position: int) -> bool:
    """The unit named last before `position` stands inside a bracket that closes before it."""
    before = [m for m in mentions if m.end <= position and not m.compared]
    if not before:
        return False
    between = clause[before[-1].end : position]
    return between.count(")") > between.count("(")


def _rank_in_words(
    clause: str,
    block: Block,
    offset: int,
    mentions: list[Mention],
    fallback: Subject | None,
    year: int | None,
    drafts: dict[tuple[Subject, int | None], ScoreDraft],
) -> None:
    """ "đứng thứ nhất trong số 18 xã": rank 1 of 18."""
    match = RANK_FIRST.search(clause)
    subject = _subject_at(mentions, match.start(), match.end(), fallback) if match else None
    if match is None or subject is None:
        return
    draft = _draft(drafts, block, offset, clause, subject, year)
    if draft.rank is None:
        draft.rank = 1
        draft.rank_total = int(match.group("total")) if match.group("total") else None


def _draft(
    drafts: dict[tuple[Subject, int | None], ScoreDraft],
    block: Block,
    offset: int,
    clause: str,
    subject: Subject,
    year: int | None,
) -> ScoreDraft:
    start, end = block.start + offset, block.start + offset + len(clause)  # the statement: its whole clause
    draft = drafts.get((subject, year))
    if draft is None:
        draft = ScoreDraft(
            code=subject.code,
            name=subject.name,
            year=year,
            block=block.block_id,
            page=block.page,
            start=start,
            end=end,
            unit=subject.unit,
        )
        drafts[(subject, year)] = draft
    return draft


def _label_before(clause: str, since: int, position: int) -> str | None:
    """The label closest before a number, looking no further back than the previous number."""
    window = clause[since:position]
    if CHANGE.search(window.rstrip(" :")) or CHANGE_FROM_NAMED.search(window):
        return None  # "tăng 0,65 điểm", "thấp hơn điểm tự đánh giá 6,23 điểm": a change, no score
    found = sorted((match.end(), name, match.group()) for name, cue in CUES.items() for match in cue.finditer(window))
    if not found:
        return None
    strong = [item for item in found if not WEAK_CUE.fullmatch(item[2])]
    end, name, _ = strong[-1] if strong else found[-1]  # "số điểm bị trừ là 0,88 điểm": "là" names nothing
    best = (end, name)
    between = window[best[0] :]
    if len(WORD.findall(between)) > 6 or LABEL_BREAK.search(between):
        return None  # too far away, or cut off by a comma: "… tự chấm và thẩm định, 33 điểm điều tra xã hội học"
    if best[1] == "achieved" and GENERIC_ACHIEVED.fullmatch(
        window[: best[0]].split()[-1] if window[: best[0]].split() else ""
    ):
        own = list(CUES["self"].finditer(clause, 0, position))
        if (
            own
            and not APPRAISED.search(clause, own[-1].end(), position)
            and not COMPARED_WITH_SELF.search(clause, 0, own[-1].start())
            and not SELF_GOVERNS_NOT.search(clause, own[-1].end(), position)
        ):
            return "self"  # "kết quả tự đánh giá Chỉ số CCHC năm 2023 của huyện đạt 63,4/66 điểm"
    return best[1]


def _percent_as_points(percent: Quantity) -> Quantity:
    """87,35% of the index as 87,35 points out of 100 (DOMAIN §1.4: index % = points / max × 100, max 100); the
    maximum points at the "%" that implies it."""
    return percent.model_copy(
        update={
            "kind": QuantityKind.POINTS,
            "unit": "điểm",
            "denominator": Decimal(FULL_SCALE),
            "denominator_text": str(FULL_SCALE),
            "denominator_decimals": 0,
        }
    )


def _set_value(draft: ScoreDraft, label: str, quantity: Quantity) -> None:
    if label in draft.values:
        return  # the first statement of a value wins; a restatement is the same number or a conflict later
    if label == "max" and quantity.denominator is not None:
        label = "achieved"  # "đạt điểm tối đa 6/6 điểm": 6 achieved out of 6
    if label in draft.values:
        return
    draft.values[label] = quantity
    if label in ("achieved", "self") and quantity.denominator is not None and "max" not in draft.values:
        draft.values["max"] = quantity.model_copy(
            update={
                "value": quantity.denominator,
                "number_text": quantity.denominator_text,
                "decimals": quantity.denominator_decimals,
                "denominator": None,
                "denominator_text": None,
                "denominator_decimals": None,
            }
        )


def _year_of(clause: str, quantity: Quantity, owned_years: set[int]) -> int | None:
    after = YEAR_AFTER.match(clause[quantity.end :])
    if after is not None:
        return int(after.group("year"))
    year: int | None = None
    for match in YEAR_IN.finditer(clause[: quantity.start]):
        before = clause[: match.start()].rstrip()
        if COMPARED_WITH.search(before) and not _in_parenthesis_after(clause, match.end(), quantity.start):
            continue  # "tăng … so với năm 2023": not the statement's year, unless "so với năm 2021 (82,37 điểm"
        if any(0 <= match.start() - end <= 2 and not clause[end : match.start()].strip() for end in owned_years):
            continue
        year = int(match.group("year"))
    return year


def stated_year(clause: str) -> int | None:
    """The year a clause speaks of ("Chỉ số CCHC năm 2022"), not one it compares with ("so với năm 2021")."""
    for match in YEAR_IN.finditer(clause):
        if not COMPARED_WITH.search(clause[: match.start()].rstrip()):
            return int(match.group("year"))
    return None


def _in_parenthesis_after(clause: str, year_end: int, position: int) -> bool:
    """ "so với năm 2021 (82,37 điểm, xếp thứ 7/9)": the figures in brackets right after a year are that year's."""
    opening = clause.find("(", year_end, position)
    return 0 <= opening - year_end <= 2 and ")" not in clause[opening:position]


def _reason_after(clause: str, position: int) -> str | None:
    """ "bị trừ 0,24 điểm (các vấn đề … không đạt 100%)": the parenthesis is the reason, unless it names
    the agency in charge."""
    match = PARENTHESIS.match(clause[position:])
    if match is None or NOT_A_REASON.match(match.group("reason")):
        return None
    return str(match.group("reason")).strip()
