"""Vietnamese labels for the report and numbers written the Vietnamese way (comma decimals), as data."""

from __future__ import annotations

from decimal import Decimal

from pipeline.validate.rule_registry import RULES

SEVERITY_LABELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Ghi chú"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

RULE_LABELS = {rule.rule_id: rule.meaning.split(" / ", 1)[0] for rule in RULES}

DOC_TYPE_LABELS = {
    "BAO_CAO": "Báo cáo",
    "KE_HOACH": "Kế hoạch",
    "THONG_BAO": "Thông báo",
    "CONG_VAN": "Công văn",
    "QUYET_DINH": "Quyết định",
    "TO_TRINH": "Tờ trình",
    "OTHER": "Văn bản khác",
}

LEVEL_LABELS = {"province": "tỉnh", "district": "huyện", "commune": "xã"}

SCORE_LEVEL_LABELS = {
    "total": "Tổng điểm",
    "component": "Thành phần",
    "field": "Lĩnh vực",
    "criterion": "Tiêu chí",
    "subcriterion": "Tiêu chí thành phần",
}

COMPONENT_NAMES = {
    "total": "Tổng điểm Chỉ số CCHC",
    "assessment": "Điểm thẩm định (tự đánh giá)",
    "survey": "Điểm điều tra xã hội học",
}

OPERAND_ROLES = {
    "max": "điểm tối đa",
    "self": "điểm tự chấm",
    "achieved": "điểm đạt",
    "deducted": "điểm bị trừ",
    "part": "thành phần",
    "whole": "tổng",
    "stated": "số nêu lần đầu",
    "restated": "số nêu lại",
    "name": "tên",
    "ratio": "phân số",
    "percent": "tỷ lệ",
    "earlier": "giá trị trước",
    "later": "giá trị sau",
    "change": "mức thay đổi",
}

DEADLINE_KINDS = {
    "range": "trong khoảng",
    "deadline": "hạn chót",
    "continuous": "thường xuyên",
    "recurring": "định kỳ",
    "open": "không thời hạn",
    "event": "theo sự kiện",
    "unknown": "chưa rõ",
}

UNKNOWN_UNIT = "(không rõ đơn vị)"
UNKNOWN_YEAR = "(không rõ năm)"


def vn_number(value: Decimal | int | float | None, places: int | None = None) -> str:
    """12.89 → '12,89', 1234.5 → '1.234,5'; trailing zeros dropped unless `places` is given."""
    if value is None:
        return ""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is not None:
        text = f"{number.quantize(Decimal(1).scaleb(-places)):,.{places}f}"
    else:
        text = f"{number.normalize():,f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def vn_percent(part: Decimal | None, whole: Decimal | None) -> str:
    """'95,5%' for part/whole; '' when either is missing or whole is zero."""
    if part is None or whole is None or whole == 0:
        return ""
    return vn_number(part * 100 / whole, places=1) + "%"


def rule_label(rule_id: str) -> str:
    return RULE_LABELS.get(rule_id, rule_id)


def unit_label(unit: str | None) -> str:
    return unit if unit else UNKNOWN_UNIT


def year_label(year: int | None) -> str:
    return str(year) if year is not None else UNKNOWN_YEAR


def english_part(message: str) -> tuple[str, str]:
    """'Vietnamese / English' → ('Vietnamese', 'English'); a message without ' / ' has no English part."""
    vietnamese, _, english = message.partition(" / ")
    return vietnamese, english
