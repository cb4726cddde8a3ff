"""The HTML page and the command, without a browser: self-contained, escaped, numbers the Vietnamese way."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.report import ReportError, ReportFiles, load_report
from pipeline.report.data import DocumentRow, FindingRow
from pipeline.report.document_html import finding_to_html
from pipeline.report.html_page import _inert
from pipeline.report.labels import vn_number, vn_percent
from pipeline.report.quotes import Operand, Passage, Span

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("12.890000"), "12,89"),
        (Decimal("13.5"), "13,5"),
        (Decimal("100.000000"), "100"),
        (Decimal("0E-6"), "0"),
        (Decimal("-0.61"), "-0,61"),
        (Decimal("1234.5"), "1.234,5"),
        (None, ""),
    ],
)
def test_vn_number_prints_comma_decimals(value: Decimal | None, expected: str) -> None:
    assert vn_number(value) == expected


def test_vn_percent_rounds_to_one_place() -> None:
    assert vn_percent(Decimal("12.89"), Decimal("13.5")) == "95,5%"
    assert vn_percent(Decimal(1), Decimal(0)) == ""


def hostile_finding() -> tuple[FindingRow, DocumentRow]:
    text = f"bị trừ 2,77 điểm {HOSTILE}"
    passage = Passage(text, ("b1",), 3, 100, 100 + len(text), (), primary=True)
    finding = FindingRow(
        row_key="ab" * 32,
        doc_id="cd" * 32,
        ordinal=0,
        rule_id="deduction-mismatch",
        severity="error",
        message=f"7: {HOSTILE} / stated {HOSTILE}",
        code=HOSTILE,
        stated=HOSTILE,
        expected="0,61",
        expected_low=Decimal("0.605"),
        expected_high=Decimal("0.615"),
        arithmetic=HOSTILE,
        operands=(Operand("max", HOSTILE, HOSTILE, Span("b1", 3, 100, 110)),),
        span=Span("b1", 3, 100, 110),
        source=None,
        passages=(passage,),
    )
    document = DocumentRow(
        doc_id="cd" * 32,
        status="ok",
        error=None,
        source=f"/in/{HOSTILE}.txt",
        format="txt",
        doc_type="BAO_CAO",
        number=HOSTILE,
        issuer=None,
        unit=HOSTILE,
        admin_level="district",
        report_year=2024,
        plan_year=None,
        title=HOSTILE,
        issue_date=None,
        signer=None,
        signer_title=None,
        pages=None,
        score_count=0,
        action_count=0,
        finding_count=1,
    )
    return finding, document


def test_finding_card_escapes_every_text_from_the_warehouse() -> None:
    finding, document = hostile_finding()
    card = finding_to_html(finding, document)
    assert "<script" not in card
    assert "<img" not in card
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in card
    assert 'id="f-abababababab"' in card
    assert "trang 3, khối b1" in card
    assert "0,605 – 0,615" in card
    assert _inert(card) == card


def test_inert_refuses_a_fragment_that_could_end_its_script_element() -> None:
    with pytest.raises(ValueError, match="not escaped"):
        _inert("<p>x</p></SCRIPT><p>")


def test_report_is_one_self_contained_file(report_files: ReportFiles) -> None:
    assert report_files.html is not None
    html = report_files.html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in html
    assert "Content-Security-Policy" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)  # no CDN, no remote file
    assert not re.search(r"<link\b", html)
    assert html.count("<script") == 2 + len(report_files.data.documents)  # payload, script, one per document


def test_load_report_reads_the_present_documents_and_their_findings(report_files: ReportFiles) -> None:
    data = report_files.data
    assert len(data.documents) == 17  # 15 samples, the hostile copy of seed 000, the unreadable file
    assert [d.file_name for d in data.failed] == ["broken.docx"]
    seed_000 = next(d for d in data.documents if d.file_name == "000_ca77cff5a68984a1.txt")
    (field_7,) = [f for f in data.findings_of(seed_000.doc_id) if f.rule_id == "deduction-mismatch"]
    assert field_7.quote == "5. Xây dựng và phát triển chính quyền điện tử, chính quyền số: bị trừ 2,77 điểm."
    assert len(field_7.passages) == 7  # its sentence, the field's scores, five sub-criteria
    sons_tinh = {(c.code, c.achieved_raw, c.max_raw) for c in data.field_scores if c.unit == "Sơn Tịnh"}
    assert ("7", "12,89", "13,5") in sons_tinh


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing", "no such warehouse folder"),
        (lambda tmp: tmp, "no warehouse here"),
    ],
)
def test_load_report_refuses_a_folder_that_is_no_warehouse(tmp_path: Path, make: object, message: str) -> None:
    with pytest.raises(ReportError, match=message):
        load_report(make(tmp_path))  # type: ignore[operator]


def cchc(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows", *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_report_writes_both_files(report_warehouse: Path, tmp_path: Path) -> None:
    result = cchc("report", report_warehouse, "--html", tmp_path / "r.html", "--xlsx", tmp_path / "r.xlsx")
    assert result.returncode == 0, result.stderr
    assert "17 văn bản / documents" in result.stdout
    assert (tmp_path / "r.html").stat().st_size > 100_000
    assert (tmp_path / "r.xlsx").stat().st_size > 10_000


@pytest.mark.parametrize("extra", [[], ["--html", "out.html"]])
def test_cli_report_bad_warehouse_is_one_line_and_exit_2(tmp_path: Path, extra: list[str]) -> None:
    result = cchc("report", tmp_path / "nowhere", *extra)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Lỗi / Error: ")
    assert not (tmp_path / "out.html").exists()


def test_the_readme_picture_of_a_finding_is_in_docs() -> None:
    picture = Path(__file__).resolve().parents[2] / "docs" / "report-finding.png"
    assert picture.read_bytes().startswith(b"\x89PNG")
