"""Findings for a person: most severe first, each with its arithmetic and the sentence it came from."""

from __future__ import annotations

from collections.abc import Sequence

from schemas.document import Document
from schemas.finding import Finding, Severity

ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
LABEL = {Severity.ERROR: "LỖI / ERROR", Severity.WARNING: "CẢNH BÁO / WARNING", Severity.INFO: "GHI CHÚ / INFO"}
QUOTE_CHARS = 220


def findings_text(source: str, findings: Sequence[Finding], document: Document | None) -> str:
    ordered = sorted(findings, key=lambda f: ORDER[f.severity])
    errors = sum(f.severity is Severity.ERROR for f in findings)
    lines = [f"# {source}: {len(findings)} phát hiện / findings, {errors} lỗi / errors"]
    for finding in ordered:
        where = f" [{finding.code}]" if finding.code else ""
        lines.append(f"{LABEL[finding.severity]} {finding.rule_id}{where}: {finding.message}")
        if finding.arithmetic:
            lines.append(f"    {finding.arithmetic}")
        for quote in _quotes(finding, document):
            lines.append(f"    > {quote}")
    return "\n".join(lines)


def _quotes(finding: Finding, document: Document | None) -> list[str]:
    """The source text of every operand, once per distinct span, with the page where there is one."""
    if document is None:
        return []
    spans = [o.span for o in finding.operands if o.span is not None] or ([finding.span] if finding.span else [])
    quotes: list[str] = []
    for span in dict.fromkeys(spans):
        text = " ".join(document.text[span.start : span.end].split())
        if len(text) > QUOTE_CHARS:
            text = text[: QUOTE_CHARS - 1] + "…"
        page = f"tr. {span.page}, " if span.page else ""
        quotes.append(f"({page}{span.block}) {text}")
    return quotes
