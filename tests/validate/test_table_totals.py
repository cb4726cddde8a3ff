"""sum-mismatch in a flat table's total row."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.read import read_document
from pipeline.validate import validate_extraction

REQUESTS = (
    "STT\tTiêu chí\tĐiểm đề nghị xem xét\tTài liệu kiểm chứng\n"
    "1\t1.3.2. Xử lý các vấn đề phát hiện qua kiểm tra\t0,5\tBáo cáo số 286/BC-UBND\n"
    "2\t2.3.1. Ban hành kế hoạch theo dõi thi hành pháp luật\t0,5\tKế hoạch số 41/KH-UBND\n"
    "3\t5.4. Chấp hành kỷ luật, kỷ cương hành chính\t0,75\tQuyết định số 86/QĐ-UBND\n"
    "\tTổng cộng\t{total}\t\n"
)
NESTED = "STT\tNội dung\tSố hồ sơ\n1\tCấp huyện\t1.200\n1.1\tĐúng hạn\t1.150\n1.2\tQuá hạn\t50\n\tTổng cộng\t{total}\n"


def _sums(tmp_path: Path, table: str) -> list[tuple[str | None, str | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(f"**CÔNG VĂN**\n\nV/v giải trình kết quả thẩm định\n\n{table}", encoding="utf-8")
    document = read_document(path)
    findings = validate_extraction(extract_document(document), document).findings
    return [(f.stated, f.expected) for f in findings if f.rule_id == "sum-mismatch"]


@pytest.mark.parametrize(("total", "found"), [("1,75", []), ("1,8", []), ("3,25", [("3,25", "1,75")])])
def test_a_flat_tables_total_row(tmp_path: Path, total: str, found: list[object]) -> None:
    assert _sums(tmp_path, REQUESTS.format(total=total)) == found  # 1,8: 1,75 rounded to one decimal


def test_a_table_whose_rows_nest_is_not_summed_flat(tmp_path: Path) -> None:
    assert _sums(tmp_path, NESTED.format(total="1.200")) == []  # "1" groups "1.1" and "1.2"
