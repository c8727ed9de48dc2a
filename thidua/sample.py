"""Synthetic campaign repositories: fictional people, realistic shares, reproducible.

Pure: :func:`generate` yields (relative path, YAML text) pairs; the same arguments always
give the same bytes. Names are assembled from common Vietnamese name parts at random, so
they belong to nobody in particular.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from thidua.layout import CAMPAIGNS
from thidua.yamlout import dumps

ORG_ID = "stp-ninh-thuan"

_FAMILY = (("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 3),
           ("Phan", 4), ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1),
           ("Ngô", 1), ("Dương", 1), ("Lý", 1), ("Đinh", 1), ("Trương", 1), ("Đào", 1))
_MIDDLE = {"nam": ("Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Ngọc"),
           "nữ": ("Thị", "Ngọc", "Thu", "Thanh", "Phương", "Kim", "Thị Thu", "Bích", "Hồng")}
_GIVEN = {"nam": ("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh",
                  "Long", "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn",
                  "Việt", "Vinh", "Duy", "Đông", "Lộc", "Tài"),
          "nữ": ("Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh",
                 "Mai", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Thảo", "Trang", "Uyên",
                 "Yến", "Ánh", "Diệp", "Đào", "Ý")}

# (id, name, kind, abbreviation, head title, deputy title, staff titles)
_CORE_UNITS = (
    ("van-phong", "Văn phòng", "phòng chuyên môn", "VP", "Chánh Văn phòng",
     "Phó Chánh Văn phòng", ("Chuyên viên", "Kế toán viên", "Văn thư")),
    ("thanh-tra", "Thanh tra", "phòng chuyên môn", "TTr", "Chánh Thanh tra",
     "Phó Chánh Thanh tra", ("Thanh tra viên", "Thanh tra viên chính")),
    ("phong-xdkt", "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật",
     "phòng chuyên môn", "XDKT", "Trưởng phòng", "Phó Trưởng phòng",
     ("Chuyên viên", "Chuyên viên chính")),
    ("phong-pbgdpl", "Phòng Phổ biến, giáo dục pháp luật", "phòng chuyên môn", "PBGDPL",
     "Trưởng phòng", "Phó Trưởng phòng", ("Chuyên viên",)),
    ("phong-hctp", "Phòng Hành chính tư pháp", "phòng chuyên môn", "HCTP", "Trưởng phòng",
     "Phó Trưởng phòng", ("Chuyên viên", "Chuyên viên chính")),
    ("phong-bttp", "Phòng Bổ trợ tư pháp", "phòng chuyên môn", "BTTP", "Trưởng phòng",
     "Phó Trưởng phòng", ("Chuyên viên",)),
    ("trung-tam-tgpl", "Trung tâm Trợ giúp pháp lý nhà nước", "đơn vị sự nghiệp trực thuộc",
     "TGPL", "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm",
     ("Trợ giúp viên pháp lý", "Chuyên viên", "Kế toán viên")),
    ("phong-cong-chung-1", "Phòng Công chứng số 1", "đơn vị sự nghiệp trực thuộc", "PCC1",
     "Trưởng phòng", "Phó Trưởng phòng", ("Công chứng viên", "Chuyên viên")),
    ("trung-tam-dau-gia", "Trung tâm Dịch vụ đấu giá tài sản", "đơn vị sự nghiệp trực thuộc",
     "ĐGTS", "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm",
     ("Đấu giá viên", "Chuyên viên")),
    ("ptp-phan-rang", "Phòng Tư pháp thành phố Phan Rang - Tháp Chàm",
     "phòng tư pháp cấp huyện", "PTP", "Trưởng phòng", "Phó Trưởng phòng", ("Chuyên viên",)),
)

RATINGS = (("Hoàn thành xuất sắc nhiệm vụ", 20), ("Hoàn thành tốt nhiệm vụ", 65),
           ("Hoàn thành nhiệm vụ", 12), ("Không hoàn thành nhiệm vụ", 3))
UNIT_RATINGS = (("Hoàn thành xuất sắc nhiệm vụ", 35), ("Hoàn thành tốt nhiệm vụ", 55),
                ("Hoàn thành nhiệm vụ", 10))
_TOPICS = ("Số hóa hồ sơ", "Quy trình tiếp nhận", "Mẫu biểu điện tử cho",
           "Giải pháp rút ngắn thời gian giải quyết", "Sổ tay hướng dẫn",
           "Phần mềm theo dõi", "Cách thức phối hợp trong")
_MATTERS = ("chứng thực", "hộ tịch", "lý lịch tư pháp", "trợ giúp pháp lý", "công chứng",
            "phổ biến pháp luật", "kiểm tra văn bản", "đấu giá tài sản", "bồi thường nhà nước")


def unit_count(people: int) -> int:
    """About 8 people per unit for small offices, about 100 for very large ones."""
    return max(3, min(people // 8, 10 + people // 100))


@dataclass
class _P:
    id: str
    name: str
    gender: str
    unit: int
    title: str
    leader: bool
    rank: int | None
    kind: str
    recruited: date
    left: date | None = None
    transfers: list[tuple[int, date]] = field(default_factory=list)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


class _Gen:
    def __init__(self, people: int, years: tuple[int, int], seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = people
        self.first, self.last = years
        self.units = self._units(unit_count(people))
        self.people = self._people()

    def _units(self, n: int) -> list[dict[str, Any]]:
        out = []
        for i in range(n):
            if i < len(_CORE_UNITS):
                uid, name, kind, abbr, head, deputy, staff = _CORE_UNITS[i]
            else:
                k = i - len(_CORE_UNITS) + 2
                uid, name, kind, abbr = (f"phong-cong-chung-{k}", f"Phòng Công chứng số {k}",
                                         "đơn vị sự nghiệp trực thuộc", f"PCC{k}")
                head, deputy, staff = "Trưởng phòng", "Phó Trưởng phòng", ("Công chứng viên",
                                                                           "Chuyên viên")
            out.append({"ma": uid, "ten": name, "loai": kind, "ten_viet_tat": abbr,
                        "_head": head, "_deputy": deputy, "_staff": staff})
        return out

    def _name(self, gender: str) -> str:
        rng = self.rng
        return " ".join((_pick(rng, _FAMILY), rng.choice(_MIDDLE[gender]),
                         rng.choice(_GIVEN[gender])))

    def _day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def _people(self) -> list[_P]:
        rng, out = self.rng, []
        n_units = len(self.units)
        for i in range(self.n):
            u = i % n_units
            unit = self.units[u]
            slot = i // n_units
            gender = "nữ" if rng.random() < 0.55 else "nam"
            if slot == 0:
                title, leader, rank = unit["_head"], True, 1
            elif slot == 1 and self.n >= 3 * n_units:
                title, leader, rank = unit["_deputy"], True, 2
            else:
                title, leader, rank = rng.choice(unit["_staff"]), False, None
            civil = unit["loai"] != "đơn vị sự nghiệp trực thuộc"
            kind = "công chức" if civil else "viên chức"
            r = rng.random()
            if not leader and r < 0.05:
                kind = "hợp đồng lao động"
            elif not leader and r < 0.08:
                kind = "tập sự"
            if kind == "tập sự" or (not leader and rng.random() < 0.04):
                recruited = self._day(date(self.last, 1, 1), date(self.last, 9, 30))
            else:
                recruited = self._day(date(1995, 1, 1), date(self.first - 1, 12, 31))
            p = _P(f"NV{i + 1:06d}", self._name(gender), gender, u, title, leader, rank, kind,
                   recruited)
            if not leader and n_units > 1 and rng.random() < 0.03:
                day = self._day(date(self.first, 2, 1), date(self.last, 11, 30))
                if day > recruited:
                    p.transfers.append(((u + 1 + rng.randrange(n_units - 1)) % n_units, day))
            if not leader and rng.random() < 0.02 and recruited.year < self.last:
                p.left = self._day(date(self.last, 3, 1), date(self.last, 11, 30))
            out.append(p)
        return out

    # -- files -------------------------------------------------------------------------------
    def files(self) -> Iterator[tuple[str, str]]:
        base = f"{CAMPAIGNS}/{ORG_ID}"
        yield f"{base}/to_chuc.yaml", dumps(self._org(), header=_header("to_chuc", 0))
        yield f"{base}/chinh_sach.yaml", dumps(_POLICY, header=_header("chinh_sach", 0))
        for u, unit in enumerate(self.units):
            roster = {"don_vi": unit["ma"],
                      "nhan_su": [self._person(p) for p in self.people if p.unit == u]}
            yield (f"{base}/nhan_su/{unit['ma']}.yaml",
                   dumps(roster, header=_header("nhan_su", 1)))
        for year in range(self.first, self.last + 1):
            yield from self._year(base, year)

    def _org(self) -> dict[str, Any]:
        return {
            "ma": ORG_ID,
            "ten": "Sở Tư pháp",
            "co_quan_chu_quan": "Ủy ban nhân dân tỉnh Ninh Thuận",
            "ten_viet_tat": "STP",
            "dia_danh": "Ninh Thuận",
            "thay_doi": [{
                "tu_ngay": date(2025, 7, 1),
                "co_quan_chu_quan": "Ủy ban nhân dân tỉnh Khánh Hòa",
                "dia_danh": "Khánh Hòa",
                "can_cu": "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc "
                          "sắp xếp đơn vị hành chính cấp tỉnh",
            }],
            "don_vi": [{k: v for k, v in u.items() if not k.startswith("_")}
                       | ({"den_ngay": date(2025, 6, 30)} if u["ma"] == "ptp-phan-rang" else {})
                       for u in self.units],
            "bo_nganh": "Bộ Tư pháp",
            "can_cu_tham_quyen": [{
                "can_cu": "Quyết định số 99/2021/QĐ-UBND ngày 15 tháng 3 năm 2021 của Ủy ban "
                          "nhân dân tỉnh Ninh Thuận quy định chức năng, nhiệm vụ, quyền hạn và "
                          "cơ cấu tổ chức của Sở Tư pháp",
            }],
            "nguoi_ky": [
                {"ma": "giam-doc", "ho_ten": "Trần Văn Minh", "chuc_vu": "Giám đốc"},
                {"ma": "pho-giam-doc", "ho_ten": "Lê Thị Hồng Nhung", "chuc_vu": "Phó Giám đốc",
                 "quyen_han": "KT.", "chuc_vu_cap_truong": "Giám đốc"},
            ],
        }

    def _person(self, p: _P) -> dict[str, Any]:
        d: dict[str, Any] = {"ma": p.id, "ho_ten": p.name, "gioi_tinh": p.gender,
                             "chuc_vu": p.title, "lanh_dao": p.leader}
        if p.rank is not None:
            d["thu_tu_chuc_vu"] = p.rank
        d["loai"] = p.kind
        d["ngay_tuyen_dung"] = p.recruited
        if p.left:
            d["ngay_nghi_viec"] = p.left
        if p.transfers:
            d["dieu_chuyen"] = [{"tu_don_vi": self.units[u]["ma"], "ngay": day}
                                for u, day in p.transfers]
        return d

    def _unit_on(self, p: _P, day: date) -> int:
        for u, d in p.transfers:
            if day < d:
                return u
        return p.unit

    def _active(self, year: int) -> list[_P]:
        return [p for p in self.people
                if p.recruited <= date(year, 12, 31) and (p.left is None or p.left.year >= year)]

    def _year(self, base: str, year: int) -> Iterator[tuple[str, str]]:
        rng = self.rng
        active = self._active(year)
        end = date(year, 12, 31)
        by_unit: dict[int, list[_P]] = {u: [] for u in range(len(self.units))}
        for p in active:
            by_unit[self._unit_on(p, min(end, p.left) if p.left else end)].append(p)
        yield (f"{base}/{year}/ke_hoach/ke-hoach-thi-dua.yaml",
               dumps(self._plan(year), header=_header("ke_hoach", 2)))
        registered: dict[str, list[str]] = {}
        granted: dict[str, list[str]] = {"Lao động tiên tiến": [], "Chiến sĩ thi đua cơ sở": [],
                                         "Tập thể lao động tiên tiến": [],
                                         "Tập thể lao động xuất sắc": []}
        for u, unit in enumerate(self.units):
            members = [p for p in by_unit[u] if p.recruited < date(year, 1, 10)]
            reg_day = date(year, 1, 5 + rng.randrange(10))
            unit_title = ("Tập thể lao động xuất sắc" if rng.random() < 0.4
                          else "Tập thể lao động tiên tiến")
            rows = []
            for p in members:
                titles = ["Lao động tiên tiến"]
                if rng.random() < 0.22:
                    titles.append("Chiến sĩ thi đua cơ sở")
                registered[p.id] = titles
                rows.append({"ma": p.id, "danh_hieu": titles})
            reg = {"don_vi": unit["ma"], "ngay_dang_ky": reg_day,
                   "tap_the": [{"danh_hieu": unit_title}], "ca_nhan": rows}
            yield f"{base}/{year}/dang_ky/{unit['ma']}.yaml", dumps(reg, header=_header(
                "dang_ky", 2))
            yield (f"{base}/{year}/ket_qua/{unit['ma']}.yaml",
                   dumps(self._results(year, unit, by_unit[u], registered, granted),
                         header=_header("ket_qua", 2)))
        if year < self.last:
            yield from self._awards(base, year, granted)

    def _plan(self, year: int) -> dict[str, Any]:
        return {
            "so_hieu": f"{3 + year % 7:02d}/KH-STP",
            "trich_yeu": f"Phát động phong trào thi đua năm {year}",
            "thoi_han": [
                {"loai": "đăng ký thi đua", "ngay": date(year, 1, 15)},
                {"loai": "hồ sơ sáng kiến", "ngay": date(year, 11, 1)},
                {"loai": "hồ sơ khen thưởng", "ngay": date(year, 11, 20)},
                {"loai": "báo cáo", "ngay": date(year + 1, 2, 10),
                 "noi_dung": "Báo cáo tổng kết công tác thi đua, khen thưởng"},
            ],
            # The numbers of the 2018 Ninh Thuận plan (seed 003).
            "chi_tieu": [
                {"noi_dung": "100% cá nhân đạt danh hiệu \"Lao động tiên tiến\"",
                 "danh_hieu": "Lao động tiên tiến", "so_sanh": ">=", "ty_le": 100,
                 "loai": "mục tiêu"},
                {"noi_dung": "15% cá nhân đạt \"Chiến sĩ thi đua cơ sở\" trên số đạt \"Lao "
                             "động tiên tiến\"",
                 "danh_hieu": "Chiến sĩ thi đua cơ sở", "so_sanh": "<=", "ty_le": 15,
                 "tren": "Lao động tiên tiến", "loai": "trần"},
                {"noi_dung": "Trong đó cán bộ lãnh đạo, quản lý dưới 70%",
                 "danh_hieu": "Chiến sĩ thi đua cơ sở", "nhom": "lãnh đạo", "so_sanh": "<",
                 "ty_le": 70, "tren": "Chiến sĩ thi đua cơ sở", "loai": "trần"},
                {"noi_dung": "Trong đó cá nhân không giữ chức vụ lãnh đạo trên 30%",
                 "danh_hieu": "Chiến sĩ thi đua cơ sở", "nhom": "không lãnh đạo",
                 "so_sanh": ">", "ty_le": 30, "tren": "Chiến sĩ thi đua cơ sở",
                 "loai": "mục tiêu"},
                {"noi_dung": "100% đơn vị đạt \"Tập thể lao động tiên tiến\"",
                 "danh_hieu": "Tập thể lao động tiên tiến", "so_sanh": ">=", "ty_le": 100,
                 "loai": "mục tiêu"},
                {"noi_dung": "Ít nhất 30% đơn vị đạt \"Tập thể lao động xuất sắc\"",
                 "danh_hieu": "Tập thể lao động xuất sắc", "so_sanh": ">=", "ty_le": 30,
                 "loai": "mục tiêu"},
            ],
        }

    def _results(self, year: int, unit: dict[str, Any], members: list[_P],
                 registered: dict[str, list[str]], granted: dict[str, list[str]]
                 ) -> dict[str, Any]:
        rng = self.rng
        rows: list[dict[str, Any]] = []
        facts: list[tuple[_P, dict[str, Any], bool, bool, list[str]]] = []
        for p in members:
            rating = _pick(rng, RATINGS)
            row: dict[str, Any] = {"ma": p.id, "xep_loai": rating}
            good = rating in ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ")
            if good and rng.random() < 0.15:
                row["sang_kien"] = [{
                    "ten": f"{rng.choice(_TOPICS)} {rng.choice(_MATTERS)}",
                    "quyet_dinh": f"{rng.randrange(10, 300)}/QĐ-HĐSK",
                    "ngay": date(year, 11, 10 + rng.randrange(15)),
                    "pham_vi": "cấp tỉnh" if rng.random() < 0.1 else "cơ sở",
                }]
            disciplined = rng.random() < 0.01
            if disciplined:
                day = date(year, 2 + rng.randrange(9), 1 + rng.randrange(28))
                row["ky_luat"] = [{"hinh_thuc": _pick(rng, (("Khiển trách", 70),
                                                             ("Cảnh cáo", 25),
                                                             ("Hạ bậc lương", 5))),
                                   "quyet_dinh": f"{rng.randrange(10, 200)}/QĐ-STP",
                                   "ngay": day, "den_ngay": day + timedelta(days=365)}]
            if p.gender == "nữ" and rng.random() < 0.04:
                start = date(year, 1 + rng.randrange(6), 1 + rng.randrange(28))
                row["nghi"] = [{"loai": "thai sản", "tu_ngay": start,
                                "den_ngay": start + timedelta(days=182)}]
            titles = registered.get(p.id, [])
            if "Chiến sĩ thi đua cơ sở" in titles and good:
                row["bieu_quyet"] = [{"danh_hieu": "Chiến sĩ thi đua cơ sở",
                                      "dong_y": 7 + rng.randrange(5), "tong_so": 11,
                                      "co_mat": 11}]
            rows.append(row)
            facts.append((p, row, good, disciplined, titles))
        # The unit's own bình xét, as a clerk would do it (not the rules engine): propose
        # "Lao động tiên tiến" for good ratings without discipline, recruited before March;
        # "Chiến sĩ thi đua cơ sở" for registered people with an initiative and enough votes,
        # about one for every eight "Lao động tiên tiến".
        # A district office's staff are recognised by the district (its own decisions): the
        # department records their results but proposes nothing for them.
        own = unit["loai"] != "phòng tư pháp cấp huyện"
        ldtt_ids = [p.id for p, row, good, disc, _ in facts
                    if own and good and not disc and p.recruited < date(year, 3, 1)]
        budget = len(ldtt_ids) // 8
        cstdcs_ids: list[str] = []
        for p, row, _good, _disc, titles in facts:
            if p.id in ldtt_ids and "sang_kien" in row and "Chiến sĩ thi đua cơ sở" in titles \
                    and row["bieu_quyet"][0]["dong_y"] >= 9 and len(cstdcs_ids) < budget:
                cstdcs_ids.append(p.id)
        for p, row, *_ in facts:
            proposals = (["Lao động tiên tiến"] if p.id in ldtt_ids else []) + (
                ["Chiến sĩ thi đua cơ sở"] if p.id in cstdcs_ids else [])
            if proposals:
                row["de_nghi"] = proposals
        granted["Lao động tiên tiến"] += ldtt_ids
        granted["Chiến sĩ thi đua cơ sở"] += cstdcs_ids
        unit_rating = _pick(rng, UNIT_RATINGS)
        tap_the: dict[str, Any] = {"xep_loai": unit_rating}
        severe = any(row.get("ky_luat", [{}])[0].get("hinh_thuc") in ("Cảnh cáo", "Hạ bậc lương")
                     for _, row, *_ in facts)
        all_done = all(row["xep_loai"] != "Không hoàn thành nhiệm vụ" for _, row, *_ in facts)
        if own and members and not severe and len(ldtt_ids) * 10 >= 7 * len(members):
            if unit_rating != "Hoàn thành nhiệm vụ":
                tap_the["de_nghi"] = ["Tập thể lao động tiên tiến"]
                granted["Tập thể lao động tiên tiến"].append(unit["ma"])
            if unit_rating == "Hoàn thành xuất sắc nhiệm vụ" and cstdcs_ids and all_done:
                tap_the["de_nghi"].append("Tập thể lao động xuất sắc")
                granted["Tập thể lao động xuất sắc"].append(unit["ma"])
        return {"don_vi": unit["ma"], "tap_the": tap_the, "ca_nhan": rows}

    def _awards(self, base: str, year: int, granted: dict[str, list[str]]
                ) -> Iterator[tuple[str, str]]:
        slugs = {"Lao động tiên tiến": "ldtt", "Chiến sĩ thi đua cơ sở": "cstdcs",
                 "Tập thể lao động tiên tiến": "ttldtt", "Tập thể lao động xuất sắc": "ttldxs"}
        for n, (title, ids) in enumerate(granted.items(), 1):
            if not ids:
                continue
            collective = title.startswith("Tập thể")
            decision = {
                "so_quyet_dinh": f"{n:02d}/QĐ-STP",
                "ngay": date(year + 1, 1, 20),
                "nguoi_quyet_dinh": "Giám đốc Sở Tư pháp",
                "danh_hieu": title,
                "tap_the" if collective else "ca_nhan": ids,
            }
            yield (f"{base}/{year}/khen_thuong/qd-{slugs[title]}-{year}.yaml",
                   dumps(decision, header=_header("khen_thuong", 2)))


_ILLUSTRATIVE = ("Ví dụ minh họa (thay bằng văn bản thật): Quy chế công tác thi đua, khen "
                 "thưởng của UBND tỉnh, Điều …, khoản …")
_POLICY: dict[str, Any] = {
    "ten": "Quy chế công tác thi đua, khen thưởng tỉnh (ví dụ minh họa)",
    "ghi_chu": "Các giá trị và căn cứ trong tệp này chỉ minh họa cách khai báo những điều luật "
               "giao bộ, ngành, tỉnh quy định. Trước khi dùng thật, thay bằng quy chế thi đua, "
               "khen thưởng hiện hành của tỉnh và của Bộ Tư pháp.",
    "tham_so": [
        {"ma": "cstdcs_ty_le_phieu_toi_thieu", "gia_tri": 80, "can_cu": _ILLUSTRATIVE},
        {"ma": "lam_tron_ty_le", "gia_tri": "xuống", "can_cu": _ILLUSTRATIVE},
        {"ma": "ldtt_thang_cong_tac_toi_thieu", "gia_tri": 10, "tu_ngay": date(2024, 1, 1),
         "can_cu": _ILLUSTRATIVE},
        {"ma": "ldtt_ky_luat_loai_tru", "gia_tri": "Khiển trách", "tu_ngay": date(2024, 1, 1),
         "can_cu": _ILLUSTRATIVE},
        {"ma": "chua_ban_hanh_quy_dinh_theo_nd152", "gia_tri": False,
         "tu_ngay": date(2025, 7, 1), "can_cu": _ILLUSTRATIVE},
    ],
}


def _header(kind: str, depth: int) -> str:
    """The editor hint pointing at the JSON Schema (schema/ at the repository root)."""
    up = "../" * (depth + 2)
    return f"# yaml-language-server: $schema={up}schema/{kind}.schema.json\n"


def generate(people: int, years: tuple[int, int], seed: int) -> Iterator[tuple[str, str]]:
    """Yield (path relative to the repository root, file text)."""
    yield from _Gen(people, years, seed).files()
