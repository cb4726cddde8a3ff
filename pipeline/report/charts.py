"""Inline SVG charts built in Python: no JavaScript library, no network, every label escaped.

`scores_to_bar_chart` (max, self-assessed and appraised points per field), `actions_to_timeline` (each
remediation action by its deadline, labelled with the lead agency) and `ratio_to_colour` (the heat map's
cells). Numbers are printed as the documents print them (the `*_raw` columns).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape

from pipeline.report.data import ActionRow, ScoreRow
from pipeline.report.labels import DEADLINE_KINDS, vn_number

BAR_SERIES = (("max", "Điểm tối đa", "#b9c2cc"), ("self", "Tự chấm", "#5b8dd6"), ("achieved", "Thẩm định", "#2f9e5b"))
TIMELINE_COLOURS = {"range": "#5b8dd6", "deadline": "#d9822b", "continuous": "#2f9e5b", "recurring": "#8e6bbf"}
LABEL_CHARS = 44


def scores_to_bar_chart(rows: Sequence[ScoreRow], names: dict[str, str]) -> str:
    """Three horizontal bars per field: max, self-assessed, appraised, each with its printed value."""
    fields = [r for r in rows if r.level == "field" and r.code]
    if not fields:
        return ""
    values = [v for r in fields for v in (r.max_points, r.self_points, r.achieved_points) if v is not None]
    top = _nice_top(max(values, default=Decimal(1)))
    label_width, bar_width, bar, gap = 270, 420, 9, 12
    row_height = 3 * (bar + 2) + gap
    height = 34 + row_height * len(fields) + 18
    width = label_width + bar_width + 60
    parts = [_svg_open(width, height, "Biểu đồ điểm theo lĩnh vực: tối đa, tự chấm, thẩm định")]
    for index, (_, label, colour) in enumerate(BAR_SERIES):  # legend
        left = label_width + index * 120
        parts.append(f'<rect x="{left}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{left + 16}" y="14" class="legend">{escape(label)}</text>')
    for tick in range(0, top + 1, _tick_step(top)):
        x = label_width + bar_width * tick / top
        parts.append(f'<line x1="{x:.1f}" y1="26" x2="{x:.1f}" y2="{height - 16}" class="grid"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" class="tick" text-anchor="middle">{tick}</text>')
    for index, row in enumerate(fields):
        y = 30 + index * row_height
        name = names.get(row.code or "", row.name or "")
        label = _short(f"{row.code}. {name}")
        parts.append(f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" class="label">')
        parts.append(f"<title>{escape(f'{row.code}. {row.name or name}')}</title>{escape(label)}</text>")
        for series, (key, series_label, colour) in enumerate(BAR_SERIES):
            value, raw = _series_value(row, key)
            if value is None:
                continue
            w = max(0.0, bar_width * float(value) / top)
            by = y + series * (bar + 2)
            parts.append(
                f'<rect x="{label_width}" y="{by}" width="{w:.1f}" height="{bar}" fill="{colour}">'
                f"<title>{escape(f'{row.code} · {series_label}: {raw}')}</title></rect>"
            )
            parts.append(f'<text x="{label_width + w + 4:.1f}" y="{by + bar - 1}" class="value">{escape(raw)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def actions_to_timeline(actions: Sequence[ActionRow]) -> str:
    """One row per dated action, sorted by deadline: a bar from its start to its end (a diamond for a
    deadline without a start), labelled with the criterion code and the lead agency."""
    pairs = [(a, a.deadline_end) for a in actions if a.deadline_end is not None]
    dated = sorted(pairs, key=lambda pair: (pair[1], pair[0].code or ""))
    if not dated:
        return ""
    first = min(a.deadline_start or end for a, end in dated)
    start, end = date(first.year, first.month, 1), _month_after(max(end for _, end in dated))
    days = max(1, (end - start).days)
    label_width, chart_width, row = 330, 540, 20
    height = 40 + row * len(dated) + 8
    width = label_width + chart_width + 150  # room for the last deadline's date

    def x_of(day: date) -> float:
        return label_width + chart_width * (day - start).days / days

    parts = [_svg_open(width, height, "Lộ trình khắc phục theo thời hạn và cơ quan chủ trì")]
    months = _months(start, end)
    step = 1 if len(months) <= 14 else 3 if len(months) <= 40 else 12
    for index, month in enumerate(months[::step]):
        x = x_of(month)
        year = f" {month.year}" if index == 0 or month.month <= step else ""
        parts.append(f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{height - 6}" class="grid"/>')
        parts.append(f'<text x="{x + 2:.1f}" y="16" class="tick">T{month.month}{year}</text>')
    for index, (action, deadline) in enumerate(dated):
        y = 30 + index * row
        lead = "; ".join(action.lead) or "(chưa rõ cơ quan chủ trì)"
        tooltip = " — ".join(t for t in (action.code, lead, action.deadline_text) if t)
        colour = TIMELINE_COLOURS.get(action.deadline_kind or "", "#7a8794")
        dash = ' stroke-dasharray="3 2" stroke="#333"' if action.deadline_ambiguous else ""
        end_x = x_of(deadline)
        parts.append(f"<g><title>{escape(tooltip)}</title>")
        parts.append(f'<text x="{label_width - 8}" y="{y + 12}" text-anchor="end" class="label">')
        parts.append(f"{escape(_short(f'{action.code or chr(8212)} · {lead}'))}</text>")
        if action.deadline_start is not None and action.deadline_start < deadline:
            start_x = x_of(action.deadline_start)
            parts.append(
                f'<rect x="{start_x:.0f}" y="{y + 3}" width="{max(2.0, end_x - start_x):.0f}" height="12" rx="3" '
                f'fill="{colour}"{dash}/>'
            )
        else:
            parts.append(f'<path d="M{end_x:.0f} {y + 2}l7 7-7 7-7-7z" fill="{colour}"{dash}/>')
        kind = DEADLINE_KINDS.get(action.deadline_kind or "", "")
        parts.append(f'<text x="{end_x + 10:.0f}" y="{y + 13}" class="value">')
        parts.append(f"{escape(deadline.strftime('%d/%m/%Y'))} {escape(kind)}</text></g>")
    parts.append("</svg>")
    return "".join(parts)


def ratio_to_colour(ratio: float | None) -> str:
    """A light background from red (half the points or fewer) through yellow to green (all of them)."""
    if ratio is None or math.isnan(ratio):
        return "#eef0f2"
    hue = 120 * min(1.0, max(0.0, (ratio - 0.5) / 0.5))
    return f"hsl({hue:.0f}, 70%, 78%)"


def _series_value(row: ScoreRow, key: str) -> tuple[Decimal | None, str]:
    value: Decimal | None = getattr(row, f"{key}_points")
    raw: str | None = getattr(row, f"{key}_raw")
    return value, raw or vn_number(value)


def _svg_open(width: int, height: int, title: str) -> str:
    return (
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    )


def _nice_top(value: Decimal) -> int:
    return max(5, math.ceil(float(value) / 5) * 5)


def _tick_step(top: int) -> int:
    return 5 if top <= 40 else 10 if top <= 100 else 25


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _months(start: date, end: date) -> list[date]:
    months, current = [], start
    while current < end:
        months.append(current)
        current = _month_after(current)
    return months
