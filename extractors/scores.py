"""Score rows of a document: statements from prose and bullets, rows from scorecard tables, merged into
one row per scored unit and year."""

from __future__ import annotations

from collections.abc import Iterable

from extractors.score_drafts import VALUE_NAMES, ScoreDraft
from extractors.score_statements import SCALE_MAXIMUM, document_to_statement_drafts, names_pattern, stated_year
from extractors.score_tables import document_to_table_drafts
from extractors.vietnamese_numbers import parse_number
from extractors.vietnamese_text import fold_accents, syllables
from schemas.document import BlockKind, Document
from schemas.extraction import ScoreLevel, ScoreRow, SourceSpan

NAME_OVERLAP = 0.5  # two names of one code sharing less than this are two different criteria
UNIT_PARTS = (None, "total", "assessment", "survey")  # what a sentence about one of many units may state
COMPONENT_LEVELS = {"total": ScoreLevel.TOTAL, "assessment": ScoreLevel.COMPONENT, "survey": ScoreLevel.COMPONENT}


def extract_scores(document: Document, report_year: int | None) -> list[ScoreRow]:
    tables = list(document_to_table_drafts(document, report_year))
    tabled = frozenset(fold_accents(d.unit) for d in tables if d.unit)
    drafts = [*document_to_statement_drafts(document, report_year, tabled), *tables]
    drafts.sort(key=lambda d: d.start)
    _subtotals_as_assessment(drafts)
    _statements_of_listed_units(drafts, document.text)
    _maxima_of_named_units(drafts)
    _scale_of_tabled_totals(drafts, document)
    return [_row(group) for group in _without_superseded_maxima(merge_drafts(drafts))]


def _without_superseded_maxima(groups: list[list[ScoreDraft]]) -> list[list[ScoreDraft]]:
    """A maximum stated alone ("điểm tự đánh giá, thẩm định tối đa 66 điểm" of the framework) that another row
    of the same unit and year contradicts while it holds the scores ("tối đa tính điểm của Sở là 64,5"; the
    scorecard's 64,5 | 63,52 | 57,23): the maximum the scores are out of wins."""
    scored = {
        (g[0].code, g[0].year, g[0].unit)
        for g in groups
        if any(name in d.values for d in g for name in ("self", "achieved", "deducted"))
    }

    def superseded(group: list[ScoreDraft]) -> bool:
        alone = all(set(d.values) <= {"max"} and d.rank is None for d in group)
        return alone and (group[0].code, group[0].year, group[0].unit) in scored

    return [group for group in groups if not superseded(group)]


def _subtotals_as_assessment(drafts: list[ScoreDraft]) -> None:
    """ "Tổng cộng: 61,93/70 điểm" under the fields, where the assessment part is out of 70: the fields'
    subtotal is the assessment, not the whole index."""
    for draft in drafts:
        maximum = draft.values.get("max")
        if draft.code != "total" or maximum is None or maximum.value >= 100:
            continue
        if any(
            other.code == "assessment"
            and other.year == draft.year
            and "max" in other.values
            and other.values["max"].value == maximum.value
            for other in drafts
        ):
            draft.code = "assessment"


def _statements_of_listed_units(drafts: list[ScoreDraft], text: str) -> None:
    """In a document that tables many units, a sentence that names a tabled unit before its figures speaks
    of that unit ("Đơn vị xếp cuối là Sở Dân tộc và Tôn giáo (79,21 điểm)"; "Điểm điều tra xã hội học của Sở
    X (20,30/30 điểm)"). Names are compared without accents, so "Sở Xây dụng" is "Sở Xây dựng"."""
    by_folded = {fold_accents(d.unit): d.unit for d in drafts if d.unit and d.source == "table"}
    named = names_pattern(frozenset(by_folded))
    if named is None:
        return
    for draft in drafts:
        if draft.unit is not None and draft.source == "text":  # "Sở Xây dụng (82,22 điểm)": the tabled Sở Xây dựng
            draft.unit = by_folded.get(fold_accents(draft.unit), draft.unit)
            draft.name = draft.unit if draft.code == "total" else draft.name
            continue
        if draft.unit is not None or draft.code not in UNIT_PARTS:
            continue
        clause = fold_accents(text[draft.start : draft.end])
        first_value = min((q.start for q in draft.values.values()), default=len(clause))
        before = list(named.finditer(clause, 0, first_value))
        if not before:
            continue
        unit = by_folded[before[-1].group()]
        draft.code = draft.code or "total"
        draft.name, draft.unit = (unit if draft.code == "total" else draft.name), unit


def _maxima_of_named_units(drafts: list[ScoreDraft]) -> None:
    """A unit of many stated without its maximum ("Sở Xây dựng (năm 2025 đạt 76,80 điểm)") takes the maximum
    another statement gives the same part of the same unit for the same year (a table's header, the scale)."""
    maxima = {(d.unit, d.code, d.year): d.values["max"] for d in drafts if d.unit and "max" in d.values}
    for draft in drafts:
        known = maxima.get((draft.unit, draft.code, draft.year)) if draft.unit else None
        if known is not None and "max" not in draft.values and draft.values:
            draft.values["max"] = known


def _scale_of_tabled_totals(drafts: list[ScoreDraft], document: Document) -> None:
    """A table of many units whose index column names no maximum ("Chỉ số CCHC năm 2024") is out of the scale
    the text stated before it ("Bộ Chỉ số cấp huyện năm 2024 gồm 08 lĩnh vực, thang điểm 100, …")."""
    tabled = [d for d in drafts if d.source == "table" and d.unit and d.code == "total" and "max" not in d.values]
    if not tabled:
        return
    scales = [
        (block.start + match.start("points"), block.start + match.end("points"), match.group("points"), year)
        for block in document.blocks
        if block.kind is not BlockKind.TABLE
        for match in SCALE_MAXIMUM.finditer(block.text)
        for year in (stated_year(block.text),)
    ]
    for draft in tabled:
        stated = [scale for scale in scales if scale[1] <= draft.start and scale[3] in (None, draft.year)]
        if stated:
            start, end, points, _ = stated[-1]
            draft.values["max"] = parse_number(points).model_copy(update={"start": start, "end": end})


def merge_drafts(drafts: Iterable[ScoreDraft]) -> list[list[ScoreDraft]]:
    """Statements about the same unit and year join one row unless they contradict each other."""
    groups: list[list[ScoreDraft]] = []
    for draft in drafts:
        for group in groups:
            if _same_unit(group[0], draft) and all(_compatible(member, draft) for member in group):
                group.append(draft)
                break
        else:
            groups.append([draft])
    return groups


def _same_unit(a: ScoreDraft, b: ScoreDraft) -> bool:
    if a.year != b.year or a.unit != b.unit:
        return False
    if a.code is None or b.code is None:
        return a.code is None and b.code is None and a.name == b.name
    return a.code == b.code


def _compatible(a: ScoreDraft, b: ScoreDraft) -> bool:
    for name in VALUE_NAMES:
        if name in a.values and name in b.values and a.values[name].value != b.values[name].value:
            return False
    for x, y in ((a.rank, b.rank), (a.rank_total, b.rank_total)):
        if x is not None and y is not None and x != y:
            return False
    if a.source == b.source and a.name and b.name and a.code and "." in a.code:
        # One code, two names in the same kind of source: two criteria (a typo in one code, as in real annexes)
        names_a, names_b = set(syllables(a.name)), set(syllables(b.name))
        if len(names_a & names_b) < NAME_OVERLAP * min(len(names_a), len(names_b)):
            return False
    return True


def level_of(code: str | None) -> ScoreLevel:
    if code is None:
        return ScoreLevel.FIELD
    if code in COMPONENT_LEVELS:
        return COMPONENT_LEVELS[code]
    parts = code.count(".") + 1
    return ScoreLevel.FIELD if parts == 1 else ScoreLevel.CRITERION if parts == 2 else ScoreLevel.SUBCRITERION


def _row(group: list[ScoreDraft]) -> ScoreRow:
    first = group[0]
    values = {name: next((d.values[name] for d in group if name in d.values), None) for name in VALUE_NAMES}
    spans = tuple(SourceSpan(block=d.block, page=d.page, start=d.start, end=d.end) for d in group)
    return ScoreRow(
        code=first.code,
        level=level_of(first.code),
        name=next((d.name for d in group if d.name), None),
        unit=first.unit,
        max_points=values["max"].value if values["max"] else None,
        self_points=values["self"].value if values["self"] else None,
        achieved_points=values["achieved"].value if values["achieved"] else None,
        deducted_points=values["deducted"].value if values["deducted"] else None,
        max_raw=values["max"].number_text if values["max"] else None,
        self_raw=values["self"].number_text if values["self"] else None,
        achieved_raw=values["achieved"].number_text if values["achieved"] else None,
        deducted_raw=values["deducted"].number_text if values["deducted"] else None,
        rank=next((d.rank for d in group if d.rank is not None), None),
        rank_total=next((d.rank_total for d in group if d.rank_total is not None), None),
        year=first.year,
        reason=next((d.reason for d in group if d.reason), None),
        span=spans[0],
        sources=spans,
    )
