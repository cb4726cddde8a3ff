"""A count that another section denies in words ("01 phản ánh" and later "Chưa tiếp nhận được phản ánh")."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read import read_document
from pipeline.validate.verbal_zero import check_denied_counts

COUNT = (
    "- Kết quả tiếp nhận, xử lý phản ánh, kiến nghị của người dân, tổ chức liên quan đến quy định TTHC: Trong "
    "năm {year}, đã tiếp nhận và giải quyết {count} phản ánh kiến nghị của công dân."
)
DENIAL = "- {verb} phản ánh, kiến nghị của người dân liên quan đến quy định TTHC."


def _findings(tmp_path: Path, first: str, second: str, report_year: int = 2024) -> list[tuple[str, str | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(f"{first}\n\nCác nội dung khác của báo cáo.\n\n{second}\n", encoding="utf-8")
    return [(f.stated or "", f.expected) for f in check_denied_counts(read_document(path), report_year)]


@pytest.mark.parametrize("verb", ["Chưa tiếp nhận được", "Không tiếp nhận", "Không phát sinh"])
def test_a_count_denied_elsewhere_is_a_warning(tmp_path: Path, verb: str) -> None:
    findings = _findings(tmp_path, COUNT.format(year=2024, count="01"), DENIAL.format(verb=verb))
    assert findings == [(f"0 ('{verb.removesuffix(' được')}')", "01")]


def test_the_denial_may_come_first(tmp_path: Path) -> None:
    assert len(_findings(tmp_path, DENIAL.format(verb="Chưa tiếp nhận"), COUNT.format(year=2024, count="03"))) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (COUNT.format(year=2024, count="0"), DENIAL.format(verb="Chưa tiếp nhận được")),  # zero agrees with none
        (COUNT.format(year=2023, count="02"), DENIAL.format(verb="Chưa tiếp nhận được")),  # last year's count
        # another object: complaints about staff conduct, not about TTHC regulations
        (
            "Trong năm 2024, đã tiếp nhận 02 đơn khiếu nại về thái độ phục vụ của công chức.",
            DENIAL.format(verb="Chưa tiếp nhận được"),
        ),
        (COUNT.format(year=2024, count="01"), "- Chưa tiếp nhận hồ sơ trực tuyến."),  # too few words to compare
    ],
)
def test_no_finding_when_the_statements_do_not_meet(tmp_path: Path, first: str, second: str) -> None:
    assert _findings(tmp_path, first, second) == []
