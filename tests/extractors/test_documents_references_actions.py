"""Document fields, cited documents and remediation actions on texts written for these tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.agencies import agency_refs
from pipeline.extract import extract_document
from pipeline.read import read_document
from schemas.extraction import Extraction

LETTER = """**ỦY BAN NHÂN DÂN
HUYỆN ĐỨC PHỔ**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc**

Số: 215/UBND-NV
V/v nâng cao Chỉ số CCHC năm 2025

Đức Phổ, ngày 03 tháng 3 năm 2025

Căn cứ Quyết định số 1120/QĐ-UBND ngày 14/02/2025 của UBND tỉnh Quảng Ngãi; Nghị định số 30/2020/NĐ-CP
ngày 05/3/2020 của Chính phủ và Nghị quyết 04-NQ/TU của Tỉnh ủy.

* Đối với tiêu chí thành phần 2.1.3. Kiểm tra văn bản (Cơ quan phụ trách theo dõi: Phòng Tư pháp)

- Chỉ tiêu khắc phục: Kiểm tra đạt 100% văn bản ban hành.

- Cơ quan thực hiện: Phòng Tư pháp huyện; UBND các xã, phường.

- Cơ quan phối hợp: Văn phòng HĐND và UBND huyện, Công an huyện.

- Thời gian thực hiện: Trong Quý II năm 2025.

Nơi nhận:
- Như trên;
- Lưu: VT, NV.

**KT. CHỦ TỊCH
PHÓ CHỦ TỊCH**

Nguyễn Văn Bình
"""


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path: Path = tmp_path_factory.mktemp("letter") / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    return extract_document(read_document(path))


def test_document_fields_from_an_unseen_letter(letter: Extraction) -> None:
    info = letter.document
    assert (info.doc_type, info.number, info.issuer) == ("CONG_VAN", "215/UBND-NV", "UBND huyện Đức Phổ")
    assert (info.locality, info.admin_level) == ("Đức Phổ", "district")
    assert (info.issue_place, info.issue_date) == ("Đức Phổ", date(2025, 3, 3))
    assert (info.report_year, info.plan_year) == (2024, 2025)  # "nâng cao … năm 2025": a plan year
    assert (info.signer, info.signer_title) == ("Nguyễn Văn Bình", "Phó Chủ tịch")
    assert info.recipients == ("Như trên", "Lưu: VT, NV")


def test_references_with_types_dates_and_issuers(letter: Extraction) -> None:
    found = [(r.doc_type, r.number, r.date, r.issuer) for r in letter.references]
    assert found == [
        ("QUYET_DINH", "1120/QĐ-UBND", date(2025, 2, 14), "UBND tỉnh Quảng Ngãi"),
        ("NGHI_DINH", "30/2020/NĐ-CP", date(2020, 3, 5), "Chính phủ"),
        ("NGHI_QUYET", "04-NQ/TU", None, "Tỉnh ủy"),
    ]


def test_action_with_agencies_and_a_normalised_deadline(letter: Extraction) -> None:
    (action,) = letter.actions
    assert (action.code, action.level) == ("2.1.3", "subcriterion")
    assert (action.target, action.target_unit) == (Decimal(100), "%")
    assert [a.text for a in action.lead_agencies] == ["Phòng Tư pháp huyện", "UBND các xã, phường"]
    assert [a.canonical for a in action.partner_agencies] == ["Văn phòng HĐND và UBND huyện", "Công an huyện"]
    assert [a.canonical for a in action.monitor_agencies] == ["Phòng Tư pháp"]
    assert (action.deadline_start, action.deadline_end, action.deadline_kind) == (
        date(2025, 4, 1),
        date(2025, 6, 30),
        "range",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Các cơ quan, đơn vị thuộc UBND huyện; UBND các xã, thị trấn.",
            ["Các cơ quan, đơn vị thuộc UBND huyện", "UBND các xã, thị trấn"],
        ),
        (
            "Phòng Tài chính - Kế hoạch huyện, Các đơn vị sự nghiệp thuộc UBND huyện",
            ["Phòng Tài chính - Kế hoạch", "Các đơn vị sự nghiệp thuộc UBND huyện"],
        ),
        ("Văn phòng huyện HĐND và UBND huyện.", ["Văn phòng HĐND và UBND huyện"]),
        ("Sở Tư pháp tỉnh", [None]),
    ],
)
def test_agencies_split_and_map_to_canonical_names(value: str, expected: list[str | None]) -> None:
    refs = agency_refs(value)
    assert [ref.canonical for ref in refs] == expected or [ref.text for ref in refs] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Các cơ quan, đơn vị thuộc UBND huyện và UBND các xã",
            ["Các cơ quan, đơn vị thuộc UBND huyện", "UBND các xã"],
        ),
        ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
        ("Phòng Văn hóa và Thông tin huyện", ["Phòng Văn hóa và Thông tin huyện"]),
        ("Bộ phận 1 cửa, tổ xung kích tình nguyện", ["Bộ phận 1 cửa", "tổ xung kích tình nguyện"]),
    ],
)
def test_agencies_split_at_and_only_between_agencies(value: str, expected: list[str]) -> None:
    assert [ref.text for ref in agency_refs(value)] == expected


PLAN = """KẾ HOẠCH
Khắc phục hạn chế Chỉ số CCHC năm 2025

a) Tiêu chí thành phần: “3.4.1. Tỷ lệ hồ sơ được giải quyết đúng hạn”.

- Thời gian thực hiện: Thường xuyên trong năm 2025

- Cơ quan thực hiện: Các phòng chuyên môn huyện thường xuyên chỉ đạo giải quyết hồ sơ đúng hạn, đảm bảo đạt tỷ lệ \
tối thiểu 95% hồ sơ. Giao Văn phòng HĐND và UBND huyện có trách nhiệm theo dõi, đôn đốc, báo cáo UBND huyện.

b) Tiêu chí thành phần: “6.3.4. Tỷ lệ giảm chi trực tiếp”.

- Chỉ tiêu khắc phục: Định mức chi hoạt động 19% theo Nghị quyết của HĐND tỉnh nên không thể giảm chi.

- Cơ quan thực hiện: Phòng Tài chính - Kế hoạch huyện có trách nhiệm theo dõi, đôn đốc các đơn vị sự nghiệp.
"""


def test_plan_monitors_and_targets(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    first, second = extract_document(read_document(path)).actions
    assert [a.text for a in first.lead_agencies] == ["Các phòng chuyên môn huyện"]
    assert [a.text for a in first.monitor_agencies] == [
        "Văn phòng HĐND và UBND huyện"
    ]  # "Giao X có trách nhiệm theo dõi"
    assert (first.target, first.target_unit) == (Decimal(95), "%")  # "đạt tỷ lệ tối thiểu 95%"
    assert second.target is None  # "hoạt động 19%" is context, not something to reach
    assert [a.text for a in second.monitor_agencies] == ["Phòng Tài chính - Kế hoạch huyện"]  # monitors its own task


TABLE_LETTER = """CÔNG VĂN

| Tiêu chí | Điểm tối đa | Điểm đạt | Biện pháp khắc phục | Thời gian hoàn thành |
|---|---|---|---|---|
| 3.13.1. Tỷ lệ hồ sơ trực tuyến toàn trình | 1 | 0,98 | Tuyên truyền người dân. Bộ phận một cửa, tổ công nghệ số \
cộng đồng thực hiện các giải pháp nhằm thực hiện 100% hồ sơ trực tuyến. | Quý III năm 2025 |
| 6.3. Tự chủ tài chính | 1 | 0 | UBND xã tích cực tìm kiếm giải pháp tiết kiệm chi. | Cả năm |
"""


def test_table_measures_name_who_acts(tmp_path: Path) -> None:
    path = tmp_path / "table.txt"
    path.write_text(TABLE_LETTER, encoding="utf-8")
    first, second = extract_document(read_document(path)).actions
    assert [a.text for a in first.lead_agencies] == ["Bộ phận một cửa", "tổ công nghệ số cộng đồng"]
    assert (first.target, first.deadline_start, first.deadline_end) == (
        Decimal(100),
        date(2025, 7, 1),
        date(2025, 9, 30),
    )
    assert [a.text for a in second.lead_agencies] == ["UBND xã"]


@pytest.mark.parametrize(
    ("title", "years"),
    [
        ("Tổng kết công tác cải cách hành chính giai đoạn 2021 - 2025 và nhiệm vụ, giải pháp năm 2025", (None, 2025)),
        ("Sơ kết giai đoạn 2021–2023 và phương hướng, nhiệm vụ trọng tâm năm 2024", (None, 2024)),
        ("Kết quả cải cách hành chính năm 2024 và nhiệm vụ năm 2025", (2024, 2025)),
        ("Kết quả thực hiện kế hoạch giai đoạn 2021 - 2025 năm 2024", (2024, None)),
    ],
)
def test_a_period_report_with_its_next_tasks_has_a_plan_year_and_no_report_year(
    title: str, years: tuple[int | None, int | None]
) -> None:
    from extractors.document_info import _years

    assert _years(title) == years


def test_a_task_tables_row_numbers_that_look_like_codes_are_no_codes(tmp_path: Path) -> None:
    """ "3.1 | Tiêu chí 5.2 bị trừ 0,75 điểm: …": the first column numbers the rows, the task names the criterion;
    a row whose task names none ("4.1 | Xây dựng kế hoạch tuyên truyền") is a general task, no action."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "**KẾ HOẠCH**\n\nKhắc phục hạn chế Chỉ số CCHC năm 2025\n\n"
        "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
        "1\tLĩnh vực Cải cách chế độ công vụ\t\t\n"
        "1.1\tTiêu chí 5.2 bị trừ 0,75 điểm: Bố trí công chức theo vị trí việc làm\tVăn phòng Sở\tQuý II/2026\n"
        "1.2\tTiêu chí thành phần 7.3.2 và 7.3.4: Số hóa 100% hồ sơ TTHC\tPhòng Hành chính\tTháng 10/2026\n"
        "2\tNhiệm vụ chung\t\t\n"
        "2.1\tXây dựng Kế hoạch tuyên truyền CCHC năm 2026\tVăn phòng Sở\tTháng 4/2026\n",
        encoding="utf-8",
    )
    actions = extract_document(read_document(path)).actions
    assert [(a.code, a.deadline_text, [r.text for r in a.lead_agencies]) for a in actions] == [
        ("5.2", "Quý II/2026", ["Văn phòng Sở"]),
        ("7.3.2", "Tháng 10/2026", ["Phòng Hành chính"]),
        ("7.3.4", "Tháng 10/2026", ["Phòng Hành chính"]),
    ]


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("Trung tâm Phục vụ hành chính công tỉnh nâng tỷ lệ hồ sơ", "Trung tâm Phục vụ hành chính công tỉnh"),
        ("Phòng Nội vụ, UBND các xã, thị trấn tổ chức tự khảo sát", "Phòng Nội vụ; UBND các xã, thị trấn"),
        ("các sở, ban, ngành tỉnh tuyên truyền để người dân, tổ chức tham gia", "các sở, ban, ngành tỉnh"),
        ("các đơn vị sự nghiệp công lập thuộc huyện xây dựng phương án", "các đơn vị sự nghiệp công lập thuộc huyện"),
    ],
)
def test_the_agencies_a_list_names_before_its_task(value: str, named: str) -> None:
    from extractors.agencies import named_agencies

    assert named_agencies(value) == named


def test_an_issuer_whose_name_runs_on_in_lower_case() -> None:
    from extractors.references import CITATION

    match = CITATION.search("theo Công văn số 152/TTPVHCC ngày 20/12/2024 của Trung tâm Phục vụ hành chính công tỉnh")
    assert match is not None
    assert match.group("issuer") == "Trung tâm Phục vụ hành chính công tỉnh"
