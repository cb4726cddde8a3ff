"""The eight fields (lĩnh vực) of the PAR index and the names they go by (DOMAIN.md §1.2), as data.

Fields are identified by name, never by a report's own section numbers. Short names ("Cải cách thể
chế") and older names ("Xây dựng và tổ chức thực hiện VBQPPL", "Hiện đại hóa hành chính") map to the
same code.
"""

from __future__ import annotations

from extractors.vietnamese_text import syllables

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "1": (
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        "Công tác chỉ đạo, điều hành",
        "Chỉ đạo, điều hành CCHC",
        "Công tác tham mưu ban hành văn bản chỉ đạo, điều hành CCHC",
    ),
    "2": (
        "Cải cách thể chế",
        "Xây dựng và tổ chức thực hiện VBQPPL",
        "Tham mưu xây dựng và tổ chức thực hiện VBQPPL",
        "Theo dõi thi hành pháp luật",
    ),
    "3": (
        "Cải cách thủ tục hành chính",
        "Thực hiện cơ chế một cửa, một cửa liên thông",
    ),
    "4": (
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        "Cải cách tổ chức bộ máy",
    ),
    "5": (
        "Cải cách chế độ công vụ",
        "Xây dựng và nâng cao chất lượng đội ngũ CBCC",
        "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
        "Xây dựng và nâng cao chất lượng đội ngũ",
    ),
    "6": (
        "Cải cách tài chính công",
        "Đổi mới cơ chế quản lý tài chính",
    ),
    "7": (
        "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        "Chính quyền điện tử",
        "Chính phủ điện tử",
        "Chính quyền số",
        "Hiện đại hóa hành chính",
    ),
    "8": (
        "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
        "Tác động của cải cách hành chính",
        "Tác động của CCHC",
    ),
}
# Each catalogue name as a set of syllables, longest first: the most specific name that fits wins.
CATALOGUE: tuple[tuple[frozenset[str], str], ...] = tuple(
    sorted(
        ((frozenset(syllables(name)), code) for code, names in FIELD_NAMES.items() for name in names),
        key=lambda item: -len(item[0]),
    )
)


def match_field(name: str) -> str | None:
    """The field code whose longest catalogue name has every syllable in `name`, or None."""
    words = set(syllables(name))
    return next((code for wanted, code in CATALOGUE if wanted <= words), None)
