"""Remediation actions: who must fix what, for which criterion, by when.

A block that opens on a criterion ("* Đối với tiêu chí thành phần 1.3.2. …", "a) Tiêu chí thành phần: “3.1.1.2.
…” và … “3.1.2.2. …”") or, in a plan, a heading that names a field ("2. Lĩnh vực Cải cách thể chế") starts
an action; the labelled items under it ("- Chỉ tiêu khắc phục: …", "- Cơ quan thực hiện: …", "- Cơ quan
phối hợp: …", "- Cơ quan theo dõi: …", "- Thời gian thực hiện: …") fill it. A remediation table
("Phân công nhiệm vụ … biện pháp khắc phục", "Thời gian hoàn thành") gives one action per coded row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from extractors.agencies import AGENCY_PHRASE, canonical_agency, named_agencies, split_agencies
from extractors.deadlines import normalise_deadline
from extractors.field_catalogue import match_field
from extractors.score_patterns import CODE_MENTION, LEADING_CODE, SECTION_NUMBER, may_mention_code
from extractors.scores import level_of
from extractors.table_cells import table_rows
from extractors.vietnamese_numbers import find_quantities
from extractors.vietnamese_text import fold_accents
from schemas.document import Block, BlockKind, Cell, Document
from schemas.extraction import ActionRow, AgencyRef, SourceSpan
from schemas.quantity import Quantity, QuantityKind

FLAGS = regex.IGNORECASE
LABELS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("lead_monitor", regex.compile(r"^\W*(?:cơ\s+quan\s+)?tham\s+mưu,\s*theo\s+dõi\s*:\s*", FLAGS)),  # both roles
    (
        "monitor",
        regex.compile(
            r"^\W*(?:(?:cơ\s+quan|đơn\s+vị)\s+)?(?:phụ\s+trách\s+)?theo\s+dõi(?:,\s*đánh\s+giá)?\s*:\s*", FLAGS
        ),
    ),
    ("partner", regex.compile(r"^\W*(?:(?:cơ\s+quan|đơn\s+vị)\s+)?phối\s+hợp\s*:\s*", FLAGS)),
    (
        "lead",
        regex.compile(r"^\W*(?:(?:cơ\s+quan|đơn\s+vị)\s+(?:thực\s+hiện|chủ\s+trì|tham\s+mưu)|chủ\s+trì)\s*:\s*", FLAGS),
    ),
    (
        "deadline",
        regex.compile(
            r"^\W*(?:thời\s+gian(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|thời\s+thực\s+hiện|thời\s+hạn(?:\s+hoàn\s+thành)?)"
            r"\s*:\s*",
            FLAGS,
        ),
    ),
    (
        "measure",
        regex.compile(
            r"^\W*(?:(?:nhiệm\s+vụ\s*/\s*)?chỉ\s+tiêu(?:\s*/\s*nhiệm\s+vụ)?(?:\s+khắc\s+phục)?|nhiệm\s+vụ(?:\s+khắc\s+phục)?"
            r"|biện\s+pháp(?:\s+khắc\s+phục)?|giải\s+pháp(?:\s+khắc\s+phục)?)\s*:\s*",
            FLAGS,
        ),
    ),
)
# "Chủ trì: Phòng Nội vụ. Phối hợp: … Thời hạn: Quý III/2025.", "Đơn vị chủ trì: …; đơn vị phối hợp: …; thời gian: …"
SEGMENT_START = regex.compile(r"\.\s+(?=\p{Lu})|;\s*")
# "4.2. Đối với lĩnh vực Xây dựng và phát triển Chính quyền điện tử, Chính quyền số: …": a field's task.
FOR_FIELD = regex.compile(
    r"^\W*(?:(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\))\s*)?(?:đối\s+với\s+)?lĩnh\s+vực\s+(?P<name>[^:]{10,200}):", FLAGS
)
MORE_CODES = regex.compile(r"(?:\s*(?:,|và)\s*(?P<code>\d{1,2}(?:\.\d{1,2}){1,3})(?!\d))+")  # "7.3.4 và 7.3.6"
# "…; Trung tâm Phục vụ hành chính công tỉnh phối hợp thực hiện.": the partner named before "phối hợp".
PARTNER_BEFORE = regex.compile(r"(?:^|;\s*)(?P<partners>[^;]+?)\s+phối\s+hợp(?:\s+thực\s+hiện)?\s*\.?\s*$", FLAGS)
LEAD_VERB = regex.compile(r"\bchủ\s+trì\b", FLAGS)
# "(Cơ quan phụ trách theo dõi: Phòng Nội vụ)" on a criterion's heading.
HEADING_MONITOR = regex.compile(
    r"\(\s*(?:các\s+)?cơ\s+quan\s+phụ\s+trách(?:\s+theo\s+dõi)?\s*:\s*(?P<agencies>[^)]+)\)", FLAGS
)
# In a plan the lead sentence runs on into the task: "Phòng Nội vụ huyện chủ trì, phối hợp với các cơ quan …
# tham mưu UBND huyện …"; the agencies stop at the first of these verbs.
TASK_VERB = regex.compile(
    r"\s+(?:chủ\s+trì|phối\s+hợp|tham\s+mưu|thường\s+xuyên|căn\s+cứ|chỉ\s+đạo|triển\s+khai|có\s+trách\s+nhiệm"
    r"|chủ\s+động|thực\s+hiện|tiếp\s+tục|rà\s+soát|theo\s+dõi|có\s+giải\s+pháp|hướng\s+dẫn|đề\s+xuất|đẩy\s+nhanh"
    r"|đôn\s+đốc|cập\s+nhật|đối\s+chiếu)\b",
    FLAGS,
)
PARTNERS = regex.compile(r"\bphối\s+hợp(?:\s+(?:với|cùng))?\s+(?P<partners>.+)", FLAGS)
GIVEN_TO = regex.compile(r"^\s*Giao\s+", FLAGS)  # "Giao Phòng Tư pháp huyện chủ trì …"
# What comes right before a targeted figure: "đạt", "tối thiểu", "đảm bảo trên", "nhằm thực hiện", "có từ".
# Searched backwards from the figure (REVERSE): only whether it matches is asked, and tried forwards the pattern,
# which ends in "$", fails at every position of the text before the last few (100× slower).
TARGET_CUE = regex.compile(
    r"(?:^\W*|\b(?:đạt|tối\s+thiểu|ít\s+nhất|đảm\s+bảo|bảo\s+đảm|phấn\s+đấu|nhằm\s+thực\s+hiện|thực\s+hiện|có\s+từ|số\s+hóa"
    r"|dứt\s+điểm|hoàn\s+thành|ký\s+số|giải\s+quyết|công\s+khai|cập\s+nhật|xử\s+lý)"
    r"\s+(?:(?:tỷ\s+lệ|tối\s+thiểu|trên|ít\s+nhất|là|từ|số\s+hóa|đồng\s+bộ)\s+)*)$",
    FLAGS | regex.REVERSE,
)
# "Giao Văn phòng HĐND và UBND huyện có trách nhiệm theo dõi, đôn đốc …": the monitor, named after "Giao".
MONITOR_DUTY = regex.compile(r"(?:^|[.;]\s*)Giao\s+(?P<agencies>[^.;]+?)\s+có\s+trách\s+nhiệm\s+theo\s+dõi", FLAGS)
# "… có trách nhiệm theo dõi, đôn đốc …" with no one named: the lead monitors its own task.
OWN_MONITORING = regex.compile(r"\bcó\s+trách\s+nhiệm\s+theo\s+dõi", FLAGS)
# In a remediation table the measure names who acts: "… Bộ phận 1 cửa, tổ xung kích tình nguyện 3 k thực hiện các
# giải pháp …", "UBND xã tích cực chỉ đạo …": a capitalised agency head, a few words, then the verb.
ACTING_SUBJECT = regex.compile(
    r"(?<![\p{L}\d])(?P<subject>(?:UBND|Ủy\s+ban|Phòng|Văn\s+phòng|Bộ\s+phận|Tổ|Ban|Công\s+chức|Trung\s+tâm|Chủ\s+tịch)"
    r"(?:\s+[\p{L}\d/&-]+,?){0,10}?)\s+(?:thực\s+hiện|tích\s+cực|chủ\s+trì|chủ\s+động|triển\s+khai)\b"
)
NAME_END = regex.compile(r"[”\"(:]|\s+và\s+(?:tiêu\s+chí|[“\"])|\s+\(|\.\s+\p{Lu}|\*\*", FLAGS)
MEASURE_COLUMN = regex.compile(r"bien phap|phan cong|nhiem vu|giai phap")
DEADLINE_COLUMN = regex.compile(r"thoi gian|thoi han")
LEAD_COLUMN = regex.compile(r"chu tri|(?:don vi|co quan)\s+(?:thuc hien|phu trach)")
PARTNER_COLUMN = regex.compile(r"phoi hop")
MONITOR_COLUMN = regex.compile(r"theo doi")
# "Phối hợp Công an tỉnh rút ngắn …" inside a measure cell: the partner named after it.
HEAD_MARK = regex.compile(r"[():]")  # what decides where an opening block's heading ends
PARTNER_IN_MEASURE = regex.compile(rf"(?:^|[.;]\s*)Phối\s+hợp(?:\s+với)?\s+(?P<partners>{AGENCY_PHRASE})")


@dataclass
class _Open:
    units: list[tuple[str, str | None]]  # (code, name)
    block: Block
    measure: str | None = None
    lead: tuple[AgencyRef, ...] = ()
    partner: tuple[AgencyRef, ...] = ()
    monitor: tuple[AgencyRef, ...] = ()
    deadline: str | None = None
    blocks: list[Block] = field(default_factory=list)
    note: str | None = None  # what the opening block says after its colon, when no label or lead follows there

    def has_work(self) -> bool:
        return bool(self.measure or self.lead or self.deadline)


@dataclass
class _Lookups:
    """One document's agencies and deadlines, each distinct text read once: a plan names the same few agencies
    and deadlines in most of its actions. Made per document, so nothing carries over to the next one."""

    context_year: int | None
    agencies: dict[str, AgencyRef] = field(default_factory=dict)
    deadlines: dict[str | None, dict[str, Any]] = field(default_factory=dict)

    def agency_refs(self, value: str) -> tuple[AgencyRef, ...]:
        return tuple(self._agency(part) for part in split_agencies(value))

    def _agency(self, text: str) -> AgencyRef:
        if text not in self.agencies:
            self.agencies[text] = canonical_agency(text)
        return self.agencies[text]

    def deadline_fields(self, text: str | None) -> dict[str, Any]:
        """An action's deadline as written and as dates (DOMAIN.md §3.5), as `ActionRow` fields."""
        if text not in self.deadlines:
            deadline = normalise_deadline(text, self.context_year) if text else None
            self.deadlines[text] = {
                "deadline_text": text.rstrip(" .;") if text else text,  # "Quý III/2025." ends its sentence
                "deadline_start": deadline.start if deadline else None,
                "deadline_end": deadline.end if deadline else None,
                "deadline_kind": deadline.kind.value if deadline else None,
                "deadline_ambiguous": deadline.ambiguous if deadline else False,
                "deadline_note": deadline.note if deadline else None,
            }
        return self.deadlines[text]


def document_to_actions(document: Document, context_year: int | None) -> Iterator[ActionRow]:
    lookups = _Lookups(context_year)
    current: _Open | None = None
    for block in document.blocks:
        if block.kind is BlockKind.TABLE:
            yield from table_to_actions(block, lookups)
            continue
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING):
            continue
        opened = _opens(block, lookups)
        if opened is not None:
            if current is not None and current.has_work():
                yield from _rows(current, lookups)
            current = opened
            continue
        if current is not None and _fill(current, block, lookups) is False and block.kind is BlockKind.HEADING:
            if current.has_work():
                yield from _rows(current, lookups)
            current = None
    if current is not None and current.has_work():
        yield from _rows(current, lookups)


def _opens(block: Block, lookups: _Lookups) -> _Open | None:
    text = block.text
    mentions: list[regex.Match[str]] = []
    if may_mention_code(text):
        head = text.split(":", 1)[0] if not CODE_MENTION.search(text[:40]) else text
        mentions = list(CODE_MENTION.finditer(head if len(head) < 400 else text[:400]))
    codes = [(m.group("code"), _name_after(text, m.end())) for m in mentions]
    if mentions and (also := MORE_CODES.match(text, mentions[-1].end())) is not None:
        codes += [(code, None) for code in also.captures("code")]  # "Tiêu chí thành phần 7.3.2 và 7.3.3 - …"
    for_field = FOR_FIELD.match(text)
    if codes:
        opened = _Open(units=list(dict.fromkeys(codes)), block=block)
    elif (block.kind is BlockKind.HEADING and (field_code := match_field(SECTION_NUMBER.sub("", text, count=1)))) or (
        for_field is not None and (field_code := match_field(for_field.group("name")))
    ):
        opened = _Open(units=[(field_code, None)], block=block)
    else:
        return None
    monitor = HEADING_MONITOR.search(text)
    if monitor is not None:
        opened.monitor = lookups.agency_refs(monitor.group("agencies"))
    _fill_opening(opened, text, lookups)
    return opened


def _fill_opening(action: _Open, text: str, lookups: _Lookups) -> None:
    """The task written in the block that opens on its criterion: "1. Tiêu chí thành phần 3.5.2: Phấn đấu … .
    Đơn vị chủ trì: …; đơn vị phối hợp: …; thời gian: …" or "Đối với tiêu chí thành phần 3.4.1 (…): Sở A, Sở B
    chủ trì rà soát …; Trung tâm C phối hợp thực hiện. Thời gian hoàn thành: …". Only labelled items or a lead
    agency ("… chủ trì") make the text after the colon a task; a criterion's description stays none."""
    colon = _head_colon(text)
    if colon is None:
        return
    body = text[colon + 1 :]
    first_label = next((m.end() for m in SEGMENT_START.finditer(body) if _label_at(body, m.end())), None)
    opening = body[:first_label].strip(" ;") if first_label is not None else body.strip()
    if first_label is None and not LEAD_VERB.search(opening):
        if not CODE_MENTION.search(opening) and not LEADING_CODE.match(opening.lstrip(' “"')):
            action.note = opening  # the task, if labelled items follow ("Tiêu chí 3.4.2 - …: Rà soát …")
        return
    head = text[:colon]  # the criteria's names end where the task begins
    action.units = [(code, name if name and name in head else None) for code, name in action.units]
    if first_label is not None:
        _fill_labels(action, body[first_label:], lookups)
    if LEAD_VERB.search(opening):
        deadline = action.deadline
        _fill_lead(action, opening, lookups)
        action.deadline = deadline
        named = PARTNER_BEFORE.search(opening)
        if named is not None and not action.partner:
            action.partner = lookups.agency_refs(named.group("partners"))
    elif opening:
        action.measure = action.measure or opening


def _head_colon(text: str) -> int | None:
    """Where the heading part of an opening block ends: its first ":" outside brackets."""
    depth = 0
    for mark in HEAD_MARK.finditer(text):  # only brackets and colons: 20× faster than a loop over every character
        if mark.group() == ":":
            if depth == 0:
                colon: int = mark.start()
                return colon
        else:
            depth = max(0, depth + (1 if mark.group() == "(" else -1))  # "a) Tiêu chí …": an enumerator opens nothing
    return None


def _name_after(text: str, end: int) -> str | None:
    """ "“6.3.2. Tỷ lệ giảm chi … (Trường hợp …)”" -> "Tỷ lệ giảm chi …": the name up to a quote, a bracket,
    a colon or the next code."""
    name = NAME_END.split(text[end:].lstrip(" .:"), maxsplit=1)[0].strip(" .:;,")
    return name or None


def _fill(action: _Open, block: Block, lookups: _Lookups) -> bool:
    """Put each labelled item's value in its place; False when the block is not such an item. One block may
    hold several ("Chủ trì: Phòng Nội vụ. Phối hợp: Các cơ quan, đơn vị. Thời hạn: Quý III/2025.")."""
    if not _fill_labels(action, block.text, lookups):
        return False
    action.blocks.append(block)
    return True


def _fill_labels(action: _Open, text: str, lookups: _Lookups) -> bool:
    """The labelled items of `text` in their places; False when it opens on none."""
    segments = _labelled_segments(text)
    if not segments:
        return False
    for role, value in segments:
        if role == "deadline":
            action.deadline = value
        elif role == "measure":
            action.measure = value
        elif role == "partner":
            action.partner = lookups.agency_refs(value)
        elif role == "monitor":
            action.monitor = lookups.agency_refs(value)
        elif role == "lead_monitor":
            action.lead = action.monitor = lookups.agency_refs(value)
        else:
            _fill_lead(action, value, lookups)
    return True


def _labelled_segments(text: str) -> list[tuple[str, str]]:
    """(role, value) for the label that opens the text and for each further label opening a sentence."""
    first = _label_at(text, 0)
    if first is None:
        return []  # not a labelled item: its further sentences are not looked at
    found = [(0, *first)]  # (label start, value start, role)
    for sentence in SEGMENT_START.finditer(text):
        label = _label_at(text, sentence.end())
        if label is not None:
            found.append((sentence.end(), *label))
    ends = [start for start, _, _ in found[1:]] + [len(text)]
    return [(role, text[value:end].strip(" ;")) for (_, value, role), end in zip(found, ends, strict=True)]


def _label_at(text: str, start: int) -> tuple[int, str] | None:
    """(value start, role) of the label opening the segment at `start`, if any."""
    segment = text[start:]  # "^" anchors at the segment's start
    for role, label in LABELS:
        match = label.match(segment)
        if match is not None:
            return start + match.end(), role
    return None


def _fill_lead(action: _Open, value: str, lookups: _Lookups) -> None:
    """ "Phòng Nội vụ huyện chủ trì, phối hợp với các cơ quan, đơn vị, địa phương tham mưu …": the agencies
    before the first verb lead, those after "phối hợp với" partner, the whole sentence is the task; "Giao X có
    trách nhiệm theo dõi" names the monitor."""
    duty = MONITOR_DUTY.search(value)
    if duty is not None:
        action.monitor = action.monitor or lookups.agency_refs(duty.group("agencies"))
    own_monitoring = duty is None and OWN_MONITORING.search(value) is not None
    value = GIVEN_TO.sub("", value)
    verb = TASK_VERB.search(value)
    action.lead = lookups.agency_refs(value[: verb.start()] if verb else value)
    if own_monitoring:
        action.monitor = action.monitor or action.lead
    if verb is None:
        return
    partners = PARTNERS.search(value, verb.start())
    if partners is not None and not TASK_VERB.match(" " + partners.group("partners")):  # not "phối hợp thực hiện"
        tail = partners.group("partners").split(";", 1)[0]
        end = TASK_VERB.search(tail)
        # cut at the task's verb; with none, where the agency names end ("Phòng Văn hóa - Xã hội lưu trữ …")
        action.partner = lookups.agency_refs(tail[: end.start()] if end else named_agencies(tail))
    action.measure = action.measure or value


def _rows(action: _Open, lookups: _Lookups) -> Iterator[ActionRow]:
    if action.measure is None and action.blocks:
        action.measure = action.note  # the task after the criterion's colon, when no label gave another
    deadline = lookups.deadline_fields(action.deadline)
    target, target_raw, target_unit = _target(action.measure)
    blocks = [action.block, *action.blocks]
    span = SourceSpan(
        block=action.block.block_id, page=action.block.page, start=blocks[0].start, end=max(b.end for b in blocks)
    )
    for code, name in action.units:
        yield ActionRow(
            code=code,
            level=level_of(code),
            name=name,
            measure=action.measure,
            target=target,
            target_raw=target_raw,
            target_unit=target_unit,
            lead_agencies=action.lead,
            partner_agencies=action.partner,
            monitor_agencies=action.monitor,
            **deadline,
            span=span,
        )


# "trong 100% cuộc họp": a share of things, in a target; not "hoạt động 19% theo Nghị quyết …", a figure cited.
SHARE_OF = regex.compile(r"\s+(?!(?:theo|của|so|trên|với|và|là|tại|trong|do|được|cho)\b)\p{Ll}", FLAGS)


def _target(measure: str | None) -> tuple[object, str | None, str | None]:
    """The first percentage the measure aims at ("đạt tỷ lệ tối thiểu 97%", "nhằm thực hiện 100%", or a share of
    things: "trong 100% cuộc họp", "công khai đầy đủ 100% TTHC"), else a count of initiatives ("03 sáng kiến").
    A percentage without such a cue is context ("hoạt động 19% theo …")."""
    if not measure:
        return None, None, None
    quantities = find_quantities(measure)

    def aimed_at(q: Quantity) -> bool:
        if TARGET_CUE.search(measure, 0, q.start) is not None:
            return True
        return q.kind is QuantityKind.PERCENT and SHARE_OF.match(measure, q.end) is not None

    percent = next((q for q in quantities if q.kind is QuantityKind.PERCENT and aimed_at(q)), None)
    count = next(
        (
            q
            for q in quantities
            if (q.kind is QuantityKind.COUNT and (q.unit == "sáng kiến" or aimed_at(q)))
            or (q.kind is QuantityKind.NUMBER and q.unit and aimed_at(q))  # "ít nhất 02 lần/năm"
        ),
        None,
    )
    found = percent or count
    if found is None:
        return None, None, None
    return found.value, found.number_text, found.unit


def _leading_code(cells: dict[int, Cell]) -> tuple[Cell, regex.Match[str]] | None:
    """The code that opens one of a row's first three cells, and that cell."""
    return next(
        ((cell, match) for col in sorted(cells)[:3] if (match := LEADING_CODE.match((cell := cells[col]).text))),
        None,
    )


def _named_codes(cells: dict[int, Cell], task_col: int | None) -> list[tuple[str, str | None]]:
    """The criteria a row's task cell names near its start ("Tiêu chí thành phần 7.3.4 và 7.3.6: …")."""
    task = cells.get(task_col) if task_col is not None else None
    named = CODE_MENTION.search(task.text, 0, 120) if task is not None else None
    if task is None or named is None:
        return []
    also = MORE_CODES.match(task.text, named.end())
    return [(c, None) for c in (named.group("code"), *(also.captures("code") if also else ()))]


def table_to_actions(table: Block, lookups: _Lookups) -> Iterator[ActionRow]:
    """One action per row whose code opens one of its first cells (a "STT" column may come before it)."""
    header = [c for c in table.cells if c.row == 0]

    def column(pattern: regex.Pattern[str]) -> int | None:
        return next((c.col for c in header if pattern.search(fold_accents(c.text.lower()))), None)

    measure_col, deadline_col = column(MEASURE_COLUMN), column(DEADLINE_COLUMN)
    lead_col, partner_col, monitor_col = (
        col if col != measure_col else None
        for col in (column(LEAD_COLUMN), column(PARTNER_COLUMN), column(MONITOR_COLUMN))
    )
    if measure_col is None and deadline_col is None:
        return
    rows = table_rows(table)
    leading = {row: _leading_code(rows[row]) for row in rows.keys() - {0}}
    named = {row: _named_codes(rows[row], measure_col) for row in rows.keys() - {0}}
    # "5.2 | Tiêu chí thành phần 7.3.2 (…): Số hóa …": a row number that looks like a code, since the task names
    # another criterion; then the first column numbers every row of the table, and only the tasks' criteria count
    numbered = any(
        coded is not None and named[row] and coded[1].group("code") != named[row][0][0]
        for row, coded in leading.items()
    )
    for row in sorted(rows.keys() - {0}):
        cells = rows[row]
        coded = None if numbered else leading[row]
        codes: list[tuple[str, str | None]] = []
        if coded is not None:
            first, code = coded
            codes = [(code.group("code"), first.text[code.end() :].strip(" .:") or None)]
        elif named[row] and measure_col is not None:
            # "Khắc phục tiêu chí thành phần 7.3.4 và 7.3.6: Nâng tỷ lệ …" in the task cell: the criteria it names
            first, codes = cells[measure_col], named[row]
        if not codes:
            continue
        measure = cells[measure_col].text if measure_col in cells else None
        deadline = lookups.deadline_fields(
            (cells[deadline_col].text.strip() or None) if deadline_col in cells else None
        )
        target, target_raw, target_unit = _target(measure)
        leads = [ref for m in ACTING_SUBJECT.finditer(measure or "") for ref in lookups.agency_refs(m.group("subject"))]
        if lead_col in cells and cells[lead_col].text.strip():
            leads = list(lookups.agency_refs(cells[lead_col].text))
        partners = lookups.agency_refs(cells[partner_col].text) if partner_col in cells else ()
        if not partners and measure and (named_partners := PARTNER_IN_MEASURE.search(measure)):
            partners = lookups.agency_refs(named_partners.group("partners"))
        for code_text, name in codes:
            yield ActionRow(
                code=code_text,
                level=level_of(code_text),
                name=name,
                measure=measure or None,
                target=target,
                target_raw=target_raw,
                target_unit=target_unit,
                lead_agencies=tuple({ref.text: ref for ref in leads}.values()),
                partner_agencies=partners,
                monitor_agencies=lookups.agency_refs(cells[monitor_col].text) if monitor_col in cells else (),
                **deadline,
                span=SourceSpan(
                    block=table.block_id, page=first.page, start=first.start, end=max(c.end for c in cells.values())
                ),
            )
