"""Real Vietnamese place and personal names for corpus variants (data only).

Provinces, districts and communes as they stood before the 2025 mergers, the era of the seeds. Each
district lists communes that really belong to it, so a district's report names its own communes.
"""

from __future__ import annotations

PROVINCES: dict[str, dict[str, tuple[str, ...]]] = {
    "Quảng Ngãi": {
        "Sơn Tịnh": ("Tịnh Bắc", "Tịnh Bình", "Tịnh Đông", "Tịnh Giang", "Tịnh Hà", "Tịnh Hiệp", "Tịnh Minh",
                     "Tịnh Phong", "Tịnh Sơn", "Tịnh Thọ", "Tịnh Trà"),
        "Bình Sơn": ("Bình An", "Bình Chánh", "Bình Châu", "Bình Chương", "Bình Dương", "Bình Đông", "Bình Hải",
                     "Bình Hiệp", "Bình Hòa", "Bình Khương", "Bình Long", "Bình Minh", "Bình Mỹ", "Bình Nguyên",
                     "Bình Phước", "Bình Thanh", "Bình Thạnh", "Bình Thuận", "Bình Trị", "Bình Trung"),
        "Tư Nghĩa": ("Nghĩa Điền", "Nghĩa Hiệp", "Nghĩa Hòa", "Nghĩa Kỳ", "Nghĩa Lâm", "Nghĩa Mỹ", "Nghĩa Phương",
                     "Nghĩa Sơn", "Nghĩa Thắng", "Nghĩa Thọ", "Nghĩa Thương", "Nghĩa Thuận", "Nghĩa Trung"),
        "Mộ Đức": ("Đức Chánh", "Đức Hiệp", "Đức Hòa", "Đức Lân", "Đức Lợi", "Đức Minh", "Đức Nhuận", "Đức Phong",
                   "Đức Phú", "Đức Tân", "Đức Thạnh"),
        "Nghĩa Hành": ("Hành Dũng", "Hành Đức", "Hành Minh", "Hành Nhân", "Hành Phước", "Hành Thiện", "Hành Thịnh",
                       "Hành Thuận", "Hành Tín Đông", "Hành Tín Tây", "Hành Trung"),
        "Ba Tơ": ("Ba Bích", "Ba Cung", "Ba Dinh", "Ba Điền", "Ba Giang", "Ba Khâm", "Ba Lế", "Ba Liên", "Ba Nam",
                  "Ba Ngạc", "Ba Thành", "Ba Tiêu", "Ba Tô", "Ba Trang", "Ba Vì", "Ba Vinh", "Ba Xa"),
        "Sơn Hà": ("Sơn Ba", "Sơn Bao", "Sơn Cao", "Sơn Giang", "Sơn Hạ", "Sơn Hải", "Sơn Kỳ", "Sơn Linh", "Sơn Nham",
                   "Sơn Thành", "Sơn Thượng", "Sơn Thủy", "Sơn Trung"),
    },
    "Quảng Trị": {
        "Triệu Phong": ("Triệu Ái", "Triệu An", "Triệu Cơ", "Triệu Đại", "Triệu Độ", "Triệu Giang", "Triệu Hòa",
                        "Triệu Lăng", "Triệu Long", "Triệu Phước", "Triệu Sơn", "Triệu Tài", "Triệu Thành",
                        "Triệu Thuận", "Triệu Thượng", "Triệu Trạch", "Triệu Trung", "Triệu Vân"),
        "Hải Lăng": ("Hải An", "Hải Ba", "Hải Chánh", "Hải Dương", "Hải Khê", "Hải Lâm", "Hải Phong", "Hải Phú",
                     "Hải Quế", "Hải Quy", "Hải Sơn", "Hải Thượng", "Hải Trường"),
        "Gio Linh": ("Gio An", "Gio Châu", "Gio Hải", "Gio Hòa", "Gio Mai", "Gio Mỹ", "Gio Quang", "Gio Sơn",
                     "Gio Việt"),
        "Vĩnh Linh": ("Vĩnh Giang", "Vĩnh Hà", "Vĩnh Hòa", "Vĩnh Lâm", "Vĩnh Long", "Vĩnh Sơn", "Vĩnh Thạch",
                      "Vĩnh Thủy", "Vĩnh Tú"),
    },
    "Quảng Nam": {
        "Duy Xuyên": ("Duy Châu", "Duy Hải", "Duy Hòa", "Duy Nghĩa", "Duy Phú", "Duy Phước", "Duy Sơn", "Duy Tân",
                      "Duy Thành", "Duy Thu", "Duy Trinh", "Duy Vinh"),
        "Thăng Bình": ("Bình Đào", "Bình Dương", "Bình Giang", "Bình Hải", "Bình Lãnh", "Bình Minh", "Bình Nguyên",
                       "Bình Phục", "Bình Quý", "Bình Sa", "Bình Trị", "Bình Triều", "Bình Tú"),
        "Đại Lộc": ("Đại An", "Đại Chánh", "Đại Cường", "Đại Đồng", "Đại Hiệp", "Đại Hòa", "Đại Lãnh", "Đại Minh",
                    "Đại Phong", "Đại Quang", "Đại Tân", "Đại Thạnh"),
        "Núi Thành": ("Tam Anh Bắc", "Tam Anh Nam", "Tam Giang", "Tam Hải", "Tam Hòa", "Tam Mỹ Đông", "Tam Nghĩa",
                      "Tam Quang", "Tam Sơn", "Tam Thạnh", "Tam Tiến", "Tam Trà"),
    },
    "Bình Định": {
        "Phù Cát": ("Cát Chánh", "Cát Hải", "Cát Hanh", "Cát Hiệp", "Cát Hưng", "Cát Khánh", "Cát Lâm", "Cát Minh",
                    "Cát Nhơn", "Cát Sơn", "Cát Tân", "Cát Thắng", "Cát Thành", "Cát Tiến", "Cát Trinh", "Cát Tường"),
        "Phù Mỹ": ("Mỹ An", "Mỹ Cát", "Mỹ Chánh", "Mỹ Châu", "Mỹ Đức", "Mỹ Hiệp", "Mỹ Hòa", "Mỹ Lộc", "Mỹ Lợi",
                   "Mỹ Phong", "Mỹ Quang", "Mỹ Tài", "Mỹ Thắng", "Mỹ Thành", "Mỹ Thọ", "Mỹ Trinh"),
        "Tuy Phước": ("Phước An", "Phước Hiệp", "Phước Hòa", "Phước Hưng", "Phước Lộc", "Phước Nghĩa",
                      "Phước Quang", "Phước Sơn", "Phước Thắng", "Phước Thành", "Phước Thuận"),
        "Hoài Ân": ("Ân Đức", "Ân Hảo Đông", "Ân Hảo Tây", "Ân Hữu", "Ân Mỹ", "Ân Nghĩa", "Ân Phong", "Ân Sơn",
                    "Ân Thạnh", "Ân Tín", "Ân Tường Đông", "Ân Tường Tây"),
    },
    "Nghệ An": {
        "Nam Đàn": ("Hùng Tiến", "Khánh Sơn", "Kim Liên", "Nam Anh", "Nam Giang", "Nam Hưng", "Nam Kim", "Nam Lĩnh",
                    "Nam Nghĩa", "Nam Thái", "Nam Thanh", "Xuân Hòa"),
        "Đô Lương": ("Bắc Sơn", "Đà Sơn", "Đặng Sơn", "Hòa Sơn", "Lạc Sơn", "Lưu Sơn", "Nam Sơn", "Thịnh Sơn",
                     "Thuận Sơn", "Tràng Sơn", "Văn Sơn", "Yên Sơn"),
    },
}  # fmt: skip

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Đinh")
MIDDLE_NAMES = ("Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Hữu", "Đức", "Thu", "Công", "Kim")
GIVEN_NAMES = (
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Long", "Mai",
    "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Trung", "Tuấn", "Vinh", "Yến",
)  # fmt: skip
