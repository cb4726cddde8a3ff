"""change-mismatch in a table's difference column."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read import read_document
from pipeline.validate.difference_columns import check_difference_columns

YEARS = "STT\tLĩnh vực\tĐiểm tối đa\tNăm 2023\tNăm 2024\tTăng/giảm\n1\tCải cách thể chế\t10\t{a}\t{b}\t{change}\n"
SELF_LESS_APPRAISED = (
    "STT\tNội dung\tĐiểm tối đa\tĐiểm tự đánh giá\tĐiểm thẩm định\tChênh lệch (tự đánh giá - thẩm định)\n"
    "\t3.4. Kết quả giải quyết hồ sơ TTHC\t3\t{a}\t{b}\t{change}\n"
)


def _found(tmp_path: Path, table: str) -> list[tuple[str | None, str | None, str | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(f"**BÁO CÁO**\n\nKết quả Chỉ số CCHC năm 2024\n\n{table}", encoding="utf-8")
    return [(f.code, f.stated, f.expected) for f in check_difference_columns(read_document(path))]


@pytest.mark.parametrize(
    ("a", "b", "change", "found"),
    [
        ("11,63", "12,25", "+0,62", []),
        ("8,56", "8,49", "-0,07", []),
        ("12,38", "12,87", "+0,5", []),  # 0,49 printed with one decimal: consistent when rounded
        ("11,63", "12,25", "0,62", []),  # no sign: the size of the change
        ("11,63", "12,25", "+0,26", [("2", "+0,26", "+0,62")]),
        ("8,56", "8,49", "+0,07", [("2", "+0,07", "-0,07")]),  # a fall printed as a rise
    ],
)
def test_the_later_year_less_the_earlier(tmp_path: Path, a: str, b: str, change: str, found: list[object]) -> None:
    assert _found(tmp_path, YEARS.format(a=a, b=b, change=change)) == found


@pytest.mark.parametrize(
    ("a", "b", "change", "found"),
    [("3,00", "2,50", "0,50", []), ("3,00", "2,50", "0,25", [("3.4", "0,25", "0,50")])],
)
def test_the_columns_the_bracket_names(tmp_path: Path, a: str, b: str, change: str, found: list[object]) -> None:
    assert _found(tmp_path, SELF_LESS_APPRAISED.format(a=a, b=b, change=change)) == found
