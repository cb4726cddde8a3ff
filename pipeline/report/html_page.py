"""The HTML report: one self-contained page (inline CSS, JavaScript and SVG; no network), in Vietnamese.

Python renders every piece of HTML and escapes every text from the warehouse (documents are untrusted).
The page's own script (`page.js`) only filters, paginates and inserts pre-rendered pieces: the findings,
documents, heat-map and deadline tables are rows in one JSON payload, and each document's details sit as
inert text in a `<script type="text/html">` element of their own, inserted only when the document is
opened (`#d-…`, or `#f-…` for one of its findings), so a page of 1,000 documents loads as fast as its
tables' first pages.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape
from importlib import resources
from typing import Any

from extractors.vietnamese_text import fold_accents
from pipeline.report.charts import ratio_to_colour
from pipeline.report.data import (
    AgencyDeadline,
    DocumentRow,
    FieldScore,
    FindingRow,
    ReportData,
    ScoreRow,
)
from pipeline.report.document_html import badge, clip, document_to_html
from pipeline.report.labels import (
    DOC_TYPE_LABELS,
    LEVEL_LABELS,
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    english_part,
    rule_label,
    unit_label,
    vn_number,
    vn_percent,
    year_label,
)

TITLE = "Báo cáo rà soát Chỉ số cải cách hành chính"
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
_SCRIPT_BREAKING = re.compile(r"<(?=/?script|!--)", re.IGNORECASE)


def report_to_html(data: ReportData) -> str:
    findings_by_doc: dict[str, list[FindingRow]] = defaultdict(list)
    for finding in data.findings:
        findings_by_doc[finding.doc_id].append(finding)
    documents = {d.doc_id: d for d in data.documents}
    payload = {
        "findings": [_finding_entry(f, documents[f.doc_id]) for f in _ordered_findings(data.findings, documents)],
        "documents": [_document_entry(d, findings_by_doc[d.doc_id], data) for d in data.documents],
        "fields": _field_entries(data.field_scores, data.field_names),
        "deadlines": [_deadline_entry(d) for d in data.deadlines],
    }
    details = "\n".join(
        f'<script type="text/html" id="doc-{escape(d.key)}">{_inert(_document_details(d, data, findings_by_doc))}'
        "</script>"
        for d in data.documents
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{escape(TITLE)}</title>\n<style>\n{_asset('page.css')}</style>\n</head>\n<body>\n",
            _header(data),
            '<main>\n<section id="doc-view" class="doc-view" hidden aria-live="polite"></section>\n',
            _overview(data),
            _findings_section(),
            _documents_section(),
            _heat_map_section(data.field_names),
            _deadlines_section(),
            "</main>\n",
            _footer(data),
            f'<script type="application/json" id="report-data">{_json(payload)}</script>\n',
            details,
            f"\n<script>\n{_asset('page.js')}</script>\n</body>\n</html>\n",
        ]
    )


def _document_details(document: DocumentRow, data: ReportData, findings: dict[str, list[FindingRow]]) -> str:
    scores, actions = data.scores.get(document.doc_id, ()), data.actions.get(document.doc_id, ())
    return document_to_html(document, scores, actions, findings[document.doc_id], data.field_names)


# --- page parts ---------------------------------------------------------------------------------------


def _header(data: ReportData) -> str:
    units = sorted({unit_label(d.unit) for d in data.documents})
    years = sorted({year_label(d.report_year) for d in data.documents})
    rules = sorted({f.rule_id for f in data.findings})
    when = data.generated_at.strftime("%d/%m/%Y %H:%M UTC")
    return f"""<header class="top">
<h1>{escape(TITLE)}</h1>
<p class="sub">Lập lúc {escape(when)} từ kho dữ liệu <code>{escape(data.warehouse)}</code>:
{len(data.documents)} văn bản, {len(data.findings)} phát hiện. Chỉ đọc dữ liệu trong kho; lập lại bất cứ lúc nào
bằng <code>cchc report</code>.</p>
<nav class="sections" aria-label="Mục lục"><a href="#tong-quan">Tổng quan</a><a href="#phat-hien">Phát hiện</a><a
href="#van-ban">Văn bản</a><a href="#so-sanh">So sánh đơn vị</a><a href="#han-xu-ly">Thời hạn theo cơ quan</a></nav>
<form id="filters" class="filters" role="search" onsubmit="return false">
{_select("f-unit", "u", "Đơn vị", [(u, u) for u in units])}
{_select("f-year", "y", "Năm báo cáo", [(y, y) for y in years])}
{_select("f-rule", "r", "Quy tắc", [(r, f"{r} — {rule_label(r)}") for r in rules])}
{_select("f-severity", "s", "Mức độ", [(s, SEVERITY_LABELS[s]) for s in SEVERITY_LABELS])}
<label>Tìm <input id="f-text" data-filter="t" type="search" placeholder="mã tiêu chí, tên tệp, nội dung…"></label>
<button type="button" id="f-clear">Bỏ lọc</button>
<span id="f-summary" class="muted" aria-live="polite"></span>
</form>
</header>
"""


def _select(element_id: str, key: str, label: str, options: Iterable[tuple[str, str]]) -> str:
    items = "".join(f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options)
    return (
        f'<label>{escape(label)} <select id="{element_id}" data-filter="{key}">'
        f'<option value="">Tất cả</option>{items}</select></label>'
    )


def _overview(data: ReportData) -> str:
    ok = [d for d in data.documents if d.status == "ok"]
    units = {d.unit for d in ok if d.unit}
    years = Counter(year_label(d.report_year) for d in data.documents)
    severities = Counter(f.severity for f in data.findings)
    actions = sum(len(rows) for rows in data.actions.values())
    cards = [
        ("Văn bản", len(data.documents), f"{len(ok)} đọc được, {len(data.failed)} không đọc được"),
        ("Đơn vị", len(units), ", ".join(sorted(units)[:6]) + (" …" if len(units) > 6 else "")),
        ("Năm báo cáo", len(years), ", ".join(f"{y} ({n})" for y, n in sorted(years.items()))),
        (
            "Phát hiện",
            len(data.findings),
            f"{severities['error']} lỗi, {severities['warning']} cảnh báo"
            + (f", {severities['info']} ghi chú" if severities["info"] else ""),
        ),
        ("Nhiệm vụ khắc phục", actions, f"{len(data.deadlines)} thời hạn theo cơ quan chủ trì"),
    ]
    card_html = "".join(
        f'<div class="card"><div class="card-label">{escape(label)}</div><div class="card-value">{value}</div>'
        f'<div class="card-note">{escape(note)}</div></div>'
        for label, value, note in cards
    )
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in data.findings:
        by_rule[finding.rule_id][finding.severity] += 1
    rule_rows = "".join(
        f'<tr><td><a href="#phat-hien" data-set="r" data-value="{escape(rule)}"><code>{escape(rule)}</code></a></td>'
        f"<td>{escape(rule_label(rule))}</td>"
        + "".join(f'<td class="num">{_count_link(rule, sev, counts[sev])}</td>' for sev in ("error", "warning", "info"))
        + f'<td class="num"><strong>{sum(counts.values())}</strong></td></tr>'
        for rule, counts in sorted(by_rule.items(), key=lambda item: (-item[1]["error"], item[0]))
    )
    rules_table = (
        '<table class="data compact" id="rules-table"><thead><tr><th>Quy tắc</th><th>Ý nghĩa</th>'
        '<th class="num">Lỗi</th><th class="num">Cảnh báo</th><th class="num">Ghi chú</th><th class="num">Tổng</th>'
        f"</tr></thead><tbody>{rule_rows or '<tr><td colspan=6>Không có phát hiện nào.</td></tr>'}</tbody></table>"
    )
    failed_rows = "".join(
        f'<tr><td class="file">{escape(d.source)}</td><td>{escape(d.error or "")}</td></tr>' for d in data.failed
    )
    failed = (
        '<table class="data compact" id="failed-table"><thead><tr><th>Tệp</th><th>Lý do</th></tr></thead>'
        f"<tbody>{failed_rows}</tbody></table>"
        if failed_rows
        else '<p class="ok">Mọi tệp đều đọc được.</p>'
    )
    return f"""<section id="tong-quan">
<h2>Tổng quan</h2>
<div class="cards">{card_html}</div>
<aside class="howto"><strong>Tìm nhanh một lỗi:</strong> chọn <em>Quy tắc</em> (ví dụ
<code>deduction-mismatch</code>) hoặc gõ tên đơn vị, mã tiêu chí vào ô <em>Tìm</em> ở trên; trong bảng
<a href="#phat-hien">Phát hiện</a>, bấm <em>Xem câu gốc →</em> để mở văn bản đúng tại câu có số liệu sai: số văn bản
ghi được tô <mark class="stated">đỏ</mark>, các số dùng để tính được tô <mark class="operand">vàng</mark>.</aside>
<h3>Phát hiện theo quy tắc và mức độ</h3>
{rules_table}
<h3>Tệp không đọc được ({len(data.failed)})</h3>
{failed}
</section>
"""


def _count_link(rule: str, severity: str, count: int) -> str:
    if not count:
        return '<span class="muted">0</span>'
    return (
        f'<a href="#phat-hien" data-set="r" data-value="{escape(rule)}" data-set2="s" '
        f'data-value2="{escape(severity)}">{count}</a>'
    )


def _findings_section() -> str:
    return _paged_section(
        "phat-hien",
        "Phát hiện",
        "Mỗi dòng là một chỗ số liệu không khớp (lỗi) hoặc đáng xem lại (cảnh báo), lỗi trước. "
        "Bấm “Xem câu gốc →” để xem câu văn bản, các số được tô màu và phép tính.",
        "findings",
        [
            "Mức độ",
            "Quy tắc",
            "Đơn vị",
            "Năm",
            "Tệp",
            "Mã",
            "Nội dung",
            ("Văn bản ghi", "num"),
            ("Phép tính cho", "num"),
            "",
        ],
    )


def _documents_section() -> str:
    return _paged_section(
        "van-ban",
        "Văn bản",
        "Mỗi văn bản: bảng điểm, điểm bị trừ theo tiêu chí, nhiệm vụ khắc phục (ai làm, hạn nào) và các phát hiện. "
        "Bấm “Mở →” để xem.",
        "documents",
        [
            "Đơn vị",
            "Cấp",
            "Năm",
            "Loại",
            "Số",
            "Trích yếu",
            "Tệp",
            ("Tổng điểm", "num"),
            ("Lỗi", "num"),
            ("Cảnh báo", "num"),
            ("Nhiệm vụ", "num"),
            "",
        ],
    )


def _heat_map_section(field_names: dict[str, str]) -> str:
    codes = list(field_names) or [str(c) for c in range(1, 9)]
    legend = "".join(f"<li><strong>{escape(c)}</strong> — {escape(field_names.get(c, ''))}</li>" for c in codes)
    scale = "".join(
        f'<span class="swatch" style="background:{ratio_to_colour(r)}">{vn_number(Decimal(r * 100))}%</span>'
        for r in (0.5, 0.7, 0.8, 0.9, 1.0)
    )
    return _paged_section(
        "so-sanh",
        "So sánh đơn vị: điểm thẩm định / điểm tối đa theo lĩnh vực",
        "Mỗi dòng là một đơn vị trong một năm, mỗi cột một lĩnh vực; ô càng đỏ càng mất nhiều điểm. "
        "Dấu ≠: các văn bản ghi khác nhau (di chuột để xem).",
        "fields",
        [
            "Đơn vị",
            "Năm",
            *[(f'<abbr title="{escape(field_names.get(c, ""))}">LV {escape(c)}</abbr>', "num") for c in codes],
        ],
        after=f'<p class="scale">Thang màu: {scale}</p><ol class="legend">{legend}</ol>',
        raw_headers=True,
    )


def _deadlines_section() -> str:
    return _paged_section(
        "han-xu-ly",
        "Thời hạn theo cơ quan chủ trì",
        "Cơ quan nào phải khắc phục tiêu chí nào, đến hạn nào, và các tiêu chí đó đã mất bao nhiêu điểm.",
        "deadlines",
        [
            "Đơn vị",
            "Năm",
            "Cơ quan chủ trì",
            "Hạn",
            "Thời hạn ghi trong văn bản",
            "Mã tiêu chí",
            ("Nhiệm vụ", "num"),
            ("Điểm bị mất", "num"),
            ("Văn bản", "num"),
        ],
    )


def _paged_section(
    section_id: str,
    title: str,
    help_text: str,
    table: str,
    headers: Sequence[str | tuple[str, str]],
    after: str = "",
    raw_headers: bool = False,
) -> str:
    cells = []
    for header in headers:
        text, css = (header, "") if isinstance(header, str) else header
        label = text if raw_headers else escape(text)
        cells.append(f'<th class="{css}">{label}</th>' if css else f"<th>{label}</th>")
    pager = f'<div class="pager" data-table="{table}"></div>'
    return f"""<section id="{section_id}">
<h2>{escape(title)}</h2>
<p class="help">{escape(help_text)}</p>
{pager}
<div class="scroll"><table class="data" id="{table}-table"><thead><tr>{"".join(cells)}</tr></thead>
<tbody><tr><td colspan="{len(headers)}"><noscript>Cần bật JavaScript để xem bảng này.</noscript></td></tr></tbody>
</table></div>
{pager}
{after}
</section>
"""


def _footer(data: ReportData) -> str:
    generation = "" if data.generation is None else f" (thế hệ {data.generation})"
    return (
        f"<footer><p>Nguồn: kho dữ liệu <code>{escape(data.warehouse)}</code>{escape(generation)}. "
        "Số liệu in như trong văn bản (dấu phẩy thập phân). Trang này không tải gì từ mạng.</p></footer>\n"
    )


# --- table rows (pre-rendered, filtered and paged by page.js) ----------------------------------------------


def _ordered_findings(findings: Iterable[FindingRow], documents: dict[str, DocumentRow]) -> list[FindingRow]:
    def order(f: FindingRow) -> tuple[int, str, str, str, int]:
        d = documents[f.doc_id]
        return (SEVERITY_ORDER.get(f.severity, 3), d.unit or "~", year_label(d.report_year), d.source, f.ordinal)

    return sorted(findings, key=order)


def _finding_entry(finding: FindingRow, document: DocumentRow) -> dict[str, Any]:
    vietnamese, english = english_part(finding.message)
    unit, year = unit_label(document.unit), year_label(document.report_year)
    cells = [
        badge(finding.severity),
        f"<code>{escape(finding.rule_id)}</code>",
        escape(unit),
        escape(year),
        f'<span class="file" title="{escape(document.source)}">{escape(document.file_name)}</span>',
        escape(finding.code or ""),
        f'{escape(vietnamese)}<div class="en">{escape(english)}</div>',
        escape(finding.stated or ""),
        escape(finding.expected or ""),
        f'<a class="go" href="#f-{escape(finding.key)}">Xem câu gốc →</a>',
    ]
    classes = ["", "", "", "", "", "", "msg", "num", "num", ""]
    return {
        "k": finding.key,
        "d": document.key,
        "u": unit,
        "y": year,
        "r": finding.rule_id,
        "s": finding.severity,
        "t": fold_accents(
            " ".join([finding.rule_id, unit, year, document.source, finding.code or "", finding.message])
        ),
        "h": _row("finding-row", cells, classes),
    }


def _document_entry(document: DocumentRow, findings: Sequence[FindingRow], data: ReportData) -> dict[str, Any]:
    unit, year = unit_label(document.unit), year_label(document.report_year)
    severities = Counter(f.severity for f in findings)
    total = _total_score(data.scores.get(document.doc_id, ()), document.report_year)
    status = "" if document.status == "ok" else '<span class="badge error">Không đọc được</span> '
    cells = [
        escape(unit),
        escape(LEVEL_LABELS.get(document.admin_level or "", document.admin_level or "")),
        escape(year),
        escape(DOC_TYPE_LABELS.get(document.doc_type or "", document.doc_type or "")),
        escape(document.number or ""),
        status + escape(clip(document.title or document.error or "", 140)),
        f'<span class="file" title="{escape(document.source)}">{escape(document.file_name)}</span>',
        total,
        _zero_muted(severities["error"]),
        _zero_muted(severities["warning"]),
        _zero_muted(len(data.actions.get(document.doc_id, ()))),
        f'<a class="go" href="#d-{escape(document.key)}">Mở →</a>',
    ]
    classes = ["", "", "", "", "", "", "", "num", "num", "num", "num", ""]
    return {
        "k": document.key,
        "u": unit,
        "y": year,
        "rs": sorted({f"{f.rule_id}|{f.severity}" for f in findings}),
        "t": fold_accents(" ".join([unit, year, document.source, document.number or "", document.title or ""])),
        "h": _row("document-row", cells, classes),
    }


def _total_score(scores: Sequence[ScoreRow], year: int | None) -> str:
    for row in scores:
        if row.code == "total" and (row.year == year or row.year is None) and row.achieved_raw and row.unit is None:
            return escape(row.achieved_raw + (f"/{row.max_raw}" if row.max_raw else ""))
    return ""


def _field_entries(cells: Sequence[FieldScore], names: dict[str, str]) -> list[dict[str, Any]]:
    codes = list(names) or [str(c) for c in range(1, 9)]
    rows: dict[tuple[str, str], dict[str, FieldScore]] = defaultdict(dict)
    for cell in cells:
        rows[(unit_label(cell.unit), year_label(cell.year))][cell.code] = cell
    entries = []
    for (unit, year), by_code in sorted(rows.items()):
        heat = "".join(_heat_cell(by_code.get(code)) for code in codes)
        entries.append(
            {
                "u": unit,
                "y": year,
                "t": fold_accents(f"{unit} {year}"),
                "h": f'<tr class="field-row"><td>{escape(unit)}</td><td>{escape(year)}</td>{heat}</tr>',
            }
        )
    return entries


def _heat_cell(cell: FieldScore | None) -> str:
    if cell is None or (cell.achieved_points is None and cell.max_points is None):
        return '<td class="heat empty">—</td>'
    ratio = None
    if cell.max_points and cell.achieved_points is not None:
        ratio = float(cell.achieved_points / cell.max_points)
    achieved = cell.achieved_raw or vn_number(cell.achieved_points) or "—"
    maximum = cell.max_raw or vn_number(cell.max_points) or "—"
    differs = len(cell.values) > 1
    title = f"{cell.code}. {cell.name or ''}: {achieved}/{maximum} điểm"
    if ratio is not None:
        title += f" ({vn_percent(cell.achieved_points, cell.max_points)})"
    title += f" · {cell.documents} văn bản"
    if differs:
        title += " · các văn bản ghi: " + ", ".join(v or "—" for v in cell.values)
    mark = '<span class="differs">≠</span>' if differs else ""
    return (
        f'<td class="heat num" style="background:{ratio_to_colour(ratio)}" title="{escape(title)}">'
        f"{escape(achieved)}<small>/{escape(maximum)}</small>{mark}</td>"
    )


def _deadline_entry(row: AgencyDeadline) -> dict[str, Any]:
    unit, year = unit_label(row.unit), year_label(row.report_year)
    agency = row.agency or "(chưa rõ cơ quan chủ trì)"
    cells = [
        escape(unit),
        escape(year),
        escape(agency),
        escape(row.deadline_end.strftime("%d/%m/%Y") if row.deadline_end else "—"),
        escape(row.deadline_text or ""),
        escape(row.codes or ""),
        str(row.actions),
        escape(vn_number(row.points_lost)),
        str(row.documents),
    ]
    classes = ["", "", "", "nowrap", "", "", "num", "num", "num"]
    return {
        "u": unit,
        "y": year,
        "t": fold_accents(" ".join([unit, year, agency, row.deadline_text or "", row.codes or ""])),
        "h": _row("deadline-row", cells, classes),
    }


# --- helpers ------------------------------------------------------------------------------------------------


def _row(css: str, cells: Sequence[str], classes: Sequence[str]) -> str:
    tds = "".join(
        f'<td class="{c}">{cell}</td>' if c else f"<td>{cell}</td>" for cell, c in zip(cells, classes, strict=True)
    )
    return f'<tr class="{css}">{tds}</tr>'


def _zero_muted(count: int) -> str:
    return str(count) if count else '<span class="muted">0</span>'


def _json(value: Any) -> str:
    """JSON safe as the text of a <script> element: every '<' that starts '</script', '<script' or '<!--'
    is written as \\u003c (JSON has '<' only inside strings, where the escape means the same)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _SCRIPT_BREAKING.sub(r"\\u003c", text)


def _inert(fragment: str) -> str:
    """Rendered HTML kept as the raw text of a <script type="text/html"> element: the browser does not
    parse it until the script inserts it. Every text in it is escaped, so it cannot hold a tag that would
    end or change that element; a fragment that did would be a bug here, not bad input."""
    lowered = fragment.lower()
    if "<script" in lowered or "</script" in lowered or "<!--" in lowered:
        raise ValueError("a rendered fragment holds <script or <!--: some text was not escaped")
    return fragment


def _asset(name: str) -> str:
    return resources.files("pipeline.report").joinpath(name).read_text(encoding="utf-8")
