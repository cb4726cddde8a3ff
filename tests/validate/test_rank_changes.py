"""change-mismatch on a rank's change against the two ranks the document gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.read import read_document
from pipeline.validate import validate_extraction


def _rank_findings(tmp_path: Path, text: str) -> list[tuple[str | None, str | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(f"**BÁO CÁO**\n\nKết quả Chỉ số CCHC năm 2024 của tỉnh\n\n{text}\n", encoding="utf-8")
    document = read_document(path)
    findings = validate_extraction(extract_document(document), document).findings
    return [(f.stated, f.expected) for f in findings if f.rule_id == "change-mismatch" and "bậc" in f.message]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Chỉ số CCHC năm 2024 của tỉnh đạt 87,35/100 điểm, xếp thứ 15/63. So với năm 2023 (đạt 85,91 điểm, xếp "
         "thứ 21/63), Chỉ số của tỉnh tăng 06 bậc.", []),
        ("Chỉ số CCHC năm 2024 của tỉnh đạt 87,35/100 điểm, xếp thứ 15/63. So với năm 2023 (đạt 85,91 điểm, xếp "
         "thứ 21/63), Chỉ số của tỉnh tăng 03 bậc.", [("03", "06")]),
        ("Chỉ số CCHC năm 2024 của tỉnh đạt 87,35/100 điểm, xếp thứ 15/63. So với năm 2023 (đạt 85,91 điểm, xếp "
         "thứ 21/63), Chỉ số của tỉnh giảm 06 bậc.", [("06", "06")]),  # a rise written as a fall
        ("Chỉ số CCHC năm 2024 đạt 86,65/100 điểm, xếp thứ 3/12. Năm 2023, Chỉ số CCHC đạt 84,96 điểm, xếp thứ "
         "5/12; so với năm 2020 (79,14 điểm, xếp thứ 8/12), năm 2024 tăng 05 bậc.", []),  # the years it names
    ],
)  # fmt: skip
def test_a_rank_change_against_its_two_ranks(tmp_path: Path, text: str, found: list[object]) -> None:
    assert _rank_findings(tmp_path, text) == found
