"""change-mismatch on a rank's change: "tăng 03 bậc" against the two ranks the document gives.

"Chỉ số CCHC năm 2024 của tỉnh đạt 87,35%, xếp thứ 15/63 …. So với năm 2023 (đạt 85,91%, xếp thứ 21/63), Chỉ
số của tỉnh … tăng 03 bậc": from 21st to 15th is 6 places up, not 3. The statement must stand in the sentence
that gave one of the unit's ranked index rows; the other rank is the year that sentence names, else the only
neighbouring year ranked, out of the same number of units. A clause stating two changes is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from pipeline.validate.rule_registry import RULES_BY_ID
from schemas.document import Document
from schemas.extraction import ScoreLevel, ScoreRow, SourceSpan
from schemas.finding import Finding, Operand

YEAR = regex.compile(r"\bnăm\s+(?P<year>(?:19|20)\d{2})\b", regex.IGNORECASE)
RANK_CHANGE = regex.compile(r"\b(?P<direction>tăng|giảm)\s+(?P<places>\d{1,2})\s+bậc\b", regex.IGNORECASE)


def check_rank_changes(rows: Sequence[ScoreRow], document: Document) -> Iterator[Finding]:
    ranked: dict[str | None, dict[int, ScoreRow]] = {}
    for row in rows:
        if row.level is ScoreLevel.TOTAL and row.rank is not None and row.year is not None:
            ranked.setdefault(row.unit, {}).setdefault(row.year, row)
    for years in ranked.values():
        for year, row in years.items():
            for span in row.sources:
                changes = list(RANK_CHANGE.finditer(document.text, span.start, span.end))
                other = _compared_with(year, years, document.text[span.start : span.end])
                if len(changes) != 1 or other is None or not _same_pool(row, other):
                    continue
                earlier, later = sorted((row, other), key=lambda r: r.year or 0)
                if not _agrees(changes[0], earlier, later):
                    yield _finding(changes[0], span, earlier, later)


def _compared_with(year: int, years: dict[int, ScoreRow], sentence: str) -> ScoreRow | None:
    """The other ranked year: the one the sentence names ("so với năm 2020 (…, xếp thứ 8/12), năm 2024 tăng 05
    bậc"), else the only neighbouring year ranked."""
    named = {int(m.group("year")) for m in YEAR.finditer(sentence)} & years.keys() - {year}
    if named:
        return years[named.pop()] if len(named) == 1 else None
    neighbours = [years[y] for y in (year - 1, year + 1) if y in years]
    return neighbours[0] if len(neighbours) == 1 else None


def _same_pool(a: ScoreRow, b: ScoreRow) -> bool:
    return a.rank_total is None or b.rank_total is None or a.rank_total == b.rank_total


def _agrees(change: regex.Match[str], earlier: ScoreRow, later: ScoreRow) -> bool:
    assert earlier.rank is not None
    assert later.rank is not None
    up = earlier.rank - later.rank  # places gained: a smaller rank is better
    stated = int(change.group("places")) * (1 if change.group("direction").lower() == "tăng" else -1)
    return stated == up


def _finding(change: regex.Match[str], span: SourceSpan, earlier: ScoreRow, later: ScoreRow) -> Finding:
    rule = RULES_BY_ID["change-mismatch"]
    assert earlier.rank is not None
    assert later.rank is not None
    up = earlier.rank - later.rank
    moved = f"{'tăng' if up > 0 else 'giảm'} {abs(up):02d} bậc" if up else "giữ nguyên thứ hạng"
    worked = f"thứ {earlier.rank} năm {earlier.year} → thứ {later.rank} năm {later.year}: {moved}"
    stated_span = SourceSpan(block=span.block, page=span.page, start=change.start(), end=change.end())
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{change.group()} nhưng {worked} / the rank is said to move {change.group('places')} places, "
        f"but it went from {earlier.rank} to {later.rank}",
        code="total",
        stated=change.group("places"),
        expected=f"{abs(up):02d}",
        arithmetic=f"{earlier.rank} − {later.rank} = {up}, văn bản ghi {change.group()} ✗",
        operands=(
            Operand(role="earlier", raw=f"{earlier.rank}/{earlier.rank_total or ''}".rstrip("/"), span=earlier.span),
            Operand(role="later", raw=f"{later.rank}/{later.rank_total or ''}".rstrip("/"), span=later.span),
            Operand(role="change", raw=change.group(), span=stated_span),
        ),
        span=stated_span,
    )
