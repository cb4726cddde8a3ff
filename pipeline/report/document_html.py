"""One document's details in the HTML report: its scorecard (table and bar chart), the points it lost by
criterion, its remediation actions (table and timeline: who must fix what by when) and its findings, each
next to the sentences it comes from with the stated value and every operand highlighted.

Every text from the warehouse is escaped here; `html_page.py` keeps the result inert until it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from pipeline.report.charts import actions_to_timeline, scores_to_bar_chart
from pipeline.report.data import ActionRow, DocumentRow, FindingRow, ScoreRow
from pipeline.report.labels import (
    COMPONENT_NAMES,
    DEADLINE_KINDS,
    DOC_TYPE_LABELS,
    OPERAND_ROLES,
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    english_part,
    rule_label,
    unit_label,
    vn_number,
    vn_percent,
)
from pipeline.report.quotes import Passage

TOP_LEVELS = ("total", "component", "field")
LOST_LEVELS = ("criterion", "subcriterion")


def document_to_html(
    document: DocumentRow,
    scores: Sequence[ScoreRow],
    actions: Sequence[ActionRow],
    findings: Sequence[FindingRow],
    field_names: dict[str, str],
) -> str:
    """The details of one document: scorecard (table and chart), points lost by criterion, remediation
    actions (table and timeline) and findings with their source sentences."""
    key = escape(document.key)
    heading = document_heading(document)
    meta = [
        ("Tệp", f'<span class="file">{escape(document.source)}</span>'),
        ("Cơ quan ban hành", escape(document.issuer or "")),
        ("Ngày ban hành", escape(document.issue_date.strftime("%d/%m/%Y") if document.issue_date else "")),
        ("Người ký", escape(" — ".join(p for p in (document.signer_title, document.signer) if p))),
        ("Năm kế hoạch", escape(str(document.plan_year or ""))),
    ]
    meta_html = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in meta if value)
    ordered = sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.ordinal))
    toc = [("diem", "Bảng điểm"), ("tru", "Điểm bị trừ"), ("nhiem-vu", "Nhiệm vụ khắc phục")]
    toc.append(("phat-hien", f"Phát hiện ({len(findings)})"))
    toc_html = "".join(f'<a href="#d-{key}:{anchor}">{escape(label)}</a>' for anchor, label in toc)
    parts = [
        f'<article class="doc" id="d-{key}" data-doc="{key}">',
        '<p class="doc-nav"><button type="button" class="close-doc">✕ Đóng</button>'
        '<a href="#van-ban">← Danh sách văn bản</a> <a href="#phat-hien">← Bảng phát hiện</a></p>',
        f"<h2>{escape(heading)}</h2>",
        f'<p class="doc-title">{escape(document.title or "")}</p>',
        f'<dl class="meta">{meta_html}</dl>',
    ]
    if document.status != "ok":
        parts.append(
            f'<p class="failed"><span class="badge error">Không đọc được</span> {escape(document.error or "")}</p>'
        )
    parts.append(f'<nav class="toc">{toc_html}</nav>')
    parts.append(f'<section id="d-{key}-diem"><h3>Bảng điểm</h3>{_scorecard(scores, document, field_names)}</section>')
    parts.append(f'<section id="d-{key}-tru"><h3>Điểm bị trừ theo tiêu chí</h3>{_lost_points(scores)}</section>')
    parts.append(f'<section id="d-{key}-nhiem-vu"><h3>Nhiệm vụ khắc phục</h3>{_actions(actions)}</section>')
    cards = "".join(finding_to_html(f, document) for f in ordered) or '<p class="muted">Không có phát hiện nào.</p>'
    parts.append(f'<section id="d-{key}-phat-hien"><h3>Phát hiện ({len(findings)})</h3>{cards}</section>')
    parts.append("</article>")
    return "".join(parts)


def _scorecard(scores: Sequence[ScoreRow], document: DocumentRow, field_names: dict[str, str]) -> str:
    rows = [s for s in scores if s.level in TOP_LEVELS]
    if not rows:
        return '<p class="muted">Văn bản không nêu điểm tổng, thành phần hay lĩnh vực.</p>'
    years = {s.year for s in rows}
    show_year = len(years - {None}) > 1 or (years - {None, document.report_year})
    current = [s for s in rows if s.year in (document.report_year, None)] or rows
    header = ["Mã", "Nội dung", *(["Năm"] if show_year else [])]
    numbers = ["Tối đa", "Tự chấm", "Thẩm định", "Bị trừ (ghi)", "Mất (tối đa − thẩm định)", "Tỷ lệ đạt", "Xếp hạng"]
    body = []
    for s in rows:
        name = s.name or COMPONENT_NAMES.get(s.code or "", "") or field_names.get(s.code or "", "")
        computed = (
            s.max_points - s.achieved_points if s.max_points is not None and s.achieved_points is not None else None
        )
        rank = f"{s.rank}/{s.rank_total}" if s.rank and s.rank_total else (str(s.rank) if s.rank else "")
        cells = [
            f"<td>{escape(s.code or '')}</td>",
            f'<td class="{s.level}">{escape(name)}</td>',
            *([f"<td>{escape(str(s.year or ''))}</td>"] if show_year else []),
            *(
                f'<td class="num">{escape(v)}</td>'
                for v in (
                    s.max_raw or "",
                    s.self_raw or "",
                    s.achieved_raw or "",
                    s.deducted_raw or "",
                    vn_number(computed),
                    vn_percent(s.achieved_points, s.max_points),
                    rank,
                )
            ),
        ]
        body.append(f'<tr class="level-{escape(s.level)}">{"".join(cells)}</tr>')
    head = "".join(f"<th>{h}</th>" for h in header) + "".join(f'<th class="num">{escape(h)}</th>' for h in numbers)
    table = (
        f'<table class="data compact scorecard"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )
    chart = scores_to_bar_chart(current, field_names)
    return table + (f'<div class="chart-box">{chart}</div>' if chart else "")


def _lost_points(scores: Sequence[ScoreRow]) -> str:
    rows = [s for s in scores if s.level in LOST_LEVELS and (s.points_lost or 0) > 0]
    if not rows:
        return '<p class="muted">Văn bản không nêu tiêu chí nào bị trừ điểm.</p>'
    rows.sort(key=lambda s: _code_key(s.code))
    top = max(float(s.points_lost or 0) for s in rows) or 1.0
    body = []
    for s in rows:
        lost = s.points_lost or Decimal(0)
        stated = s.deducted_raw or ""
        shown = (
            escape(stated)
            if stated
            else f'<span class="computed" title="tối đa − đạt">{escape(vn_number(lost))}</span>'
        )
        width = 100 * float(lost) / top
        body.append(
            f"<tr><td>{escape(s.code or '')}</td><td>{escape(s.name or '')}</td>"
            f"<td>{escape(str(s.year or ''))}</td>"
            f'<td class="num">{escape(s.max_raw or "")}</td><td class="num">{escape(s.achieved_raw or "")}</td>'
            f'<td class="num">{shown}</td>'
            f'<td class="bar-cell"><span class="bar" style="width:{width:.0f}%"></span></td>'
            f"<td>{escape(clip(s.reason or '', 240))}</td></tr>"
        )
    return (
        '<table class="data compact lost"><thead><tr><th>Mã</th><th>Tiêu chí</th><th>Năm</th>'
        '<th class="num">Tối đa</th><th class="num">Đạt</th><th class="num">Bị trừ</th><th>Mức trừ</th>'
        "<th>Lý do</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _actions(actions: Sequence[ActionRow]) -> str:
    if not actions:
        return '<p class="muted">Văn bản không giao nhiệm vụ khắc phục nào.</p>'
    ordered = sorted(actions, key=lambda a: (a.deadline_end is None, a.deadline_end or 0, _code_key(a.code)))
    body = []
    for a in ordered:
        target = _target(a)
        body.append(
            f"<tr><td>{escape(a.code or '')}</td><td>{escape(clip(a.measure or a.name or '', 400))}</td>"
            f"<td>{escape(target)}</td><td>{escape('; '.join(a.lead))}</td><td>{escape(a.partners or '')}</td>"
            f"<td>{escape(a.deadline_text or '')}</td>"
            f'<td class="nowrap">{escape(a.deadline_end.strftime("%d/%m/%Y") if a.deadline_end else "")}</td>'
            f"<td>{escape(DEADLINE_KINDS.get(a.deadline_kind or '', a.deadline_kind or ''))}"
            f"{' (?)' if a.deadline_ambiguous else ''}</td></tr>"
        )
    table = (
        '<table class="data compact actions"><thead><tr><th>Mã</th><th>Nhiệm vụ</th><th>Chỉ tiêu</th><th>Chủ trì</th>'
        "<th>Phối hợp</th><th>Thời hạn ghi</th><th>Hạn cuối</th><th>Loại hạn</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    timeline = actions_to_timeline(actions)
    undated = [a for a in actions if a.deadline_end is None]
    undated_html = ""
    if undated:
        items = "".join(
            f"<li><strong>{escape(a.code or '—')}</strong> · {escape('; '.join(a.lead) or '(chưa rõ cơ quan)')}: "
            f"{escape(a.deadline_text or DEADLINE_KINDS.get(a.deadline_kind or '', 'không ghi thời hạn'))}</li>"
            for a in undated
        )
        undated_html = f'<p class="muted">Không có ngày cụ thể:</p><ul class="undated">{items}</ul>'
    chart = (
        f'<h4>Lộ trình theo thời hạn (cơ quan chủ trì)</h4><div class="chart-box">{timeline}</div>' if timeline else ""
    )
    return table + chart + undated_html


def document_heading(document: DocumentRow) -> str:
    """'Báo cáo 59/BC-UBND · Sơn Tịnh · năm 2024'."""
    kind = DOC_TYPE_LABELS.get(document.doc_type or "", "Văn bản")
    parts = (
        f"{kind} {document.number or ''}".strip(),
        unit_label(document.unit),
        f"năm {document.report_year}" if document.report_year else "",
    )
    return " · ".join(part for part in parts if part)


def finding_to_html(finding: FindingRow, document: DocumentRow | None = None) -> str:
    """A finding as a card: badge, rule, message, the arithmetic, and the source sentences with the
    stated value and every operand highlighted; with its document named, for a reader who lands on it."""
    vietnamese, english = english_part(finding.message)
    expected = escape(finding.expected or "")
    if (
        finding.expected_low is not None
        and finding.expected_high is not None
        and finding.expected_low != finding.expected_high
    ):
        expected += (
            f' <span class="muted">(khoảng {escape(vn_number(finding.expected_low))} – '
            f"{escape(vn_number(finding.expected_high))} do làm tròn)</span>"
        )
    calc_rows = []
    if finding.stated or finding.expected:
        calc_rows.append(
            f'<tr><th>Văn bản ghi</th><td class="stated-value">{escape(finding.stated or "—")}</td>'
            f"<th>Phép tính cho</th><td>{expected or '—'}</td></tr>"
        )
    if finding.arithmetic:
        calc_rows.append(f'<tr><th>Phép tính</th><td colspan="3" class="arith">{escape(finding.arithmetic)}</td></tr>')
    calc = f'<table class="calc">{"".join(calc_rows)}</table>' if calc_rows else ""
    chips = "".join(
        f'<span class="chip">{escape(OPERAND_ROLES.get(o.role, o.role))}'
        f"{escape(f' ({o.code})' if o.code else '')}: <strong>{escape(o.raw)}</strong></span>"
        for o in finding.operands
    )
    operands = f'<div class="operands">Số liệu dùng: {chips}</div>' if chips else ""
    passages = "".join(passage_to_html(p) for p in finding.passages)
    if not finding.passages:
        where = f" Tệp: {escape(finding.source)}." if finding.source else ""
        passages = f'<p class="muted">Phát hiện này không gắn với câu nào trong văn bản.{where}</p>'
    code = f'<span class="code">Mã {escape(finding.code)}</span>' if finding.code else ""
    return (
        f'<div class="finding sev-{escape(finding.severity)}" id="f-{escape(finding.key)}" '
        f'data-rule="{escape(finding.rule_id)}">'
        f'<div class="finding-head">{badge(finding.severity)} <code class="rule">{escape(finding.rule_id)}</code> '
        f'<span class="rule-label">{escape(rule_label(finding.rule_id))}</span> {code}</div>'
        + (
            f'<p class="finding-doc">Trong văn bản: {escape(document_heading(document))} — '
            f'<span class="file">{escape(document.file_name)}</span></p>'
            if document is not None
            else ""
        )
        + f'<p class="message">{escape(vietnamese)}</p>'
        + (f'<p class="en">{escape(english)}</p>' if english else "")
        + calc
        + operands
        + passages
        + "</div>"
    )


def passage_to_html(passage: Passage) -> str:
    """The passage's text, escaped, with <mark> around each operand; tabs (table cells) shown as │."""
    pieces: list[str] = ["…" if passage.cut_before else ""]
    position = 0
    for mark in passage.marks:
        pieces.append(_text(passage.text[position : mark.start]))
        label = OPERAND_ROLES.get(mark.role, mark.role) + (f" ({mark.code})" if mark.code else "")
        if mark.kind == "stated":
            label = "số văn bản ghi — " + label
        pieces.append(
            f'<mark class="{mark.kind}" title="{escape(label)}">{_text(passage.text[mark.start : mark.end])}</mark>'
        )
        position = mark.end
    pieces.append(_text(passage.text[position:]))
    pieces.append("…" if passage.cut_after else "")
    where = ", ".join(
        part
        for part in (
            f"trang {passage.page}" if passage.page else "",
            "khối " + ", ".join(passage.blocks),
            f"ký tự {passage.start}–{passage.end}",
        )
        if part
    )
    caption = "Câu chứa số liệu" if passage.primary else "Số liệu liên quan"
    css = "passage primary" if passage.primary else "passage"
    return (
        f'<figure class="{css}"><figcaption>{caption} <span class="muted">({escape(where)})</span></figcaption>'
        f"<blockquote>{''.join(pieces)}</blockquote></figure>"
    )


def _text(text: str) -> str:
    return escape(text).replace("\t", " │ ")


def badge(severity: str) -> str:
    return f'<span class="badge {escape(severity)}">{escape(SEVERITY_LABELS.get(severity, severity))}</span>'


def _target(action: ActionRow) -> str:
    """'97%', '03 sáng kiến': the target as printed with its unit."""
    raw, unit = action.target_raw or "", action.target_unit or ""
    if not raw or not unit or raw.endswith(unit):
        return raw
    return f"{raw}{unit}" if unit == "%" else f"{raw} {unit}"


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _code_key(code: str | None) -> tuple[int, ...]:
    parts = (code or "").split(".")
    return tuple(int(p) if p.isdigit() else 9999 for p in parts)
