"""Readable text renderings for the terminal (`--format table`, `cchc eval`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pipeline.evaluate import SampleScore
from schemas.extraction import Extraction


def _num(value: Decimal | int | None) -> str:
    return "-" if value is None else str(value)


def extraction_table(extraction: Extraction) -> str:
    info = extraction.document
    lines = [f"# {info.source}  [{info.doc_type or '?'}; năm báo cáo / report year {info.report_year or '?'}]"]
    if info.title:
        lines.append(f"  {info.title}")
    for finding in extraction.findings:
        lines.append(f"  ! {finding.rule_id} [{finding.severity.value}]: {finding.message}")
    if extraction.scores:
        lines.append(
            f"  {'code':11} {'level':12} {'max':>6} {'tự chấm':>8} {'đạt':>7} {'bị trừ':>7} {'hạng':>6} {'năm':>5}"
            "  tên / name"
        )
    for row in extraction.scores:
        rank = f"{row.rank}/{row.rank_total or '?'}" if row.rank is not None else "-"
        lines.append(
            f"  {row.code or '?':11} {row.level.value:12} {_num(row.max_points):>6} {_num(row.self_points):>8} "
            f"{_num(row.achieved_points):>7} {_num(row.deducted_points):>7} {rank:>6} {_num(row.year):>5}  "
            f"{(row.name or '')[:60]}"
        )
    return "\n".join(lines)


def evaluation_table(results: Sequence[SampleScore]) -> str:
    lines = [f"{'sample':24} {'format':6} {'precision':>9} {'recall':>7} {'matched':>7} {'extracted':>9} {'gold':>5}"]
    for result in results:
        score = result.score
        lines.append(
            f"{result.sample:24} {result.format:6} {score.precision:>9.3f} {score.recall:>7.3f} {score.matched:>7} "
            f"{score.predicted:>9} {score.expected:>5}"
        )
        lines.extend(f"    thiếu / missing: {key}" for key in score.missing)
        lines.extend(f"    thừa / extra:    {key}" for key in score.extra)
    return "\n".join(lines)
