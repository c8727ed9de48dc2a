"""The files of a new campaign repository (`thidua init`). Pure: answers in, texts out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thidua.layout import CAMPAIGNS
from thidua.model.law import POLICY_ONLY
from thidua.yamlout import dumps


@dataclass(frozen=True)
class InitSpec:
    org_id: str  # ma
    name: str  # ten, e.g. "Sở Tư pháp"
    parent: str  # co_quan_chu_quan
    abbr: str  # ten_viet_tat
    place: str  # dia_danh
    units: tuple[tuple[str, str], ...]  # (ma, ten) in official order
    year: int
    reviewers: dict[str, str] = field(default_factory=dict)  # unit id -> "@a @b"
    office_reviewers: str = ""


def _header(kind: str, depth: int) -> str:
    return f"# yaml-language-server: $schema={'../' * (depth + 2)}schema/{kind}.schema.json\n"


def repository_files(spec: InitSpec, delegated: dict[str, str]) -> dict[str, str]:
    """Relative path -> text. ``delegated``: policy parameters the law leaves to the
    ministry or province (id -> description), listed in the policy file as guidance."""
    base = f"{CAMPAIGNS}/{spec.org_id}"
    files: dict[str, str] = {}
    org: dict[str, Any] = {
        "ma": spec.org_id, "ten": spec.name, "co_quan_chu_quan": spec.parent,
        "ten_viet_tat": spec.abbr, "dia_danh": spec.place,
        "don_vi": [{"ma": uid, "ten": name, "loai": "phòng chuyên môn"}
                   for uid, name in spec.units],
    }
    files[f"{base}/to_chuc.yaml"] = dumps(org, header=_header("to_chuc", 0))
    for uid, _name in spec.units:
        files[f"{base}/nhan_su/{uid}.yaml"] = dumps(
            {"don_vi": uid, "nhan_su": []}, header=_header("nhan_su", 1))
    guidance = "".join(f"#   {pid}: {desc}\n" for pid, desc in sorted(delegated.items()))
    files[f"{base}/chinh_sach.yaml"] = (
        _header("chinh_sach", 0)
        + "# Những điều luật giao bộ, ngành, tỉnh quy định. Mỗi giá trị cần căn cứ (văn bản,\n"
        + "# Điều/khoản) và có thể có tu_ngay, den_ngay. Các tham số có thể khai báo:\n"
        + guidance
        + dumps({"ten": f"Quy chế thi đua, khen thưởng áp dụng cho {spec.name} (cần điền)",
                 "tham_so": []}))
    files[f"{base}/{spec.year}/ke_hoach/ke-hoach-thi-dua.yaml"] = dumps(
        first_plan(spec), header=_header("ke_hoach", 2) + PLAN_NOTE)
    files[".pre-commit-config.yaml"] = PRE_COMMIT
    files[".github/workflows/thidua.yml"] = GITHUB_WORKFLOW
    files[".gitlab-ci.yml"] = GITLAB_CI
    files["ci/thidua.sh"] = CI_SCRIPT
    files["CODEOWNERS"] = codeowners(spec)
    files["README.md"] = readme(spec)
    files[".gitignore"] = "build/\n.venv/\n__pycache__/\n"
    return files


PLAN_NOTE = (
    "# Dự thảo kế hoạch năm đầu: thay các đoạn \"(cần điền)\", thêm so_hieu, ngay_ban_hanh,\n"
    "# nguoi_ky khi ban hành. Lời văn gọi dữ liệu bằng {…} (xem README: Lời văn tham chiếu dữ\n"
    "# liệu): số năm kỷ niệm, ngày của các đợt và các thời hạn do thidua viết ra.\n")


def first_plan(spec: InitSpec) -> dict[str, Any]:
    """A draft regular plan that renders and validates as it is: two phases, the emulation
    tradition day, the usual deadlines, and sections that refer to them."""
    y = spec.year
    return {
        "trich_yeu": f"Phát động phong trào thi đua năm {y}",
        "muc": [
            {"tieu_de": "Mục đích, yêu cầu", "muc": ["(cần điền)"]},
            {"tieu_de": "Nội dung thi đua", "muc": ["(cần điền)"]},
            {"tieu_de": "Các đợt thi đua", "doan": [
                f"Phong trào thi đua năm {y} được chia thành {{so_dot}} đợt:"],
             "kieu_so": "-", "muc": [
                "{dot.dot_1.ten}: từ đầu năm đến ngày {dot.dot_1.den_ngay}, lập thành tích "
                "chào mừng {dot.dot_1.ky_niem};",
                f"{{dot.dot_2.ten}}: từ ngày {{dot.dot_2.tu_ngay}} đến hết năm {y}."]},
            {"tieu_de": "Tổ chức thực hiện", "muc": [
                "Các phòng, đơn vị gửi đăng ký thi đua về Văn phòng trước ngày "
                "{thoi_han.dang_ky}; hồ sơ đề nghị công nhận sáng kiến trước ngày "
                "{thoi_han.sang_kien}; hồ sơ đề nghị khen thưởng trước ngày "
                "{thoi_han.khen_thuong}."]},
        ],
        "noi_nhan": ["Các phòng, đơn vị", f"Lưu: VT, {spec.abbr}"],
        "ky_niem": [{"ma": "loi_keu_goi", "ngay_goc": date(1948, 6, 11),
                     "su_kien": "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"}],
        "dot_thi_dua": [
            {"ma": "dot_1", "ten": "Đợt thứ nhất", "tu_ngay": date(y, 1, 1),
             "den_ngay": date(y, 6, 11), "ky_niem": ["loi_keu_goi"]},
            {"ma": "dot_2", "ten": "Đợt thứ hai", "tu_ngay": date(y, 6, 12),
             "den_ngay": date(y, 12, 31)}],
        "thoi_han": [
            {"ma": "dang_ky", "loai": "đăng ký thi đua", "ngay": date(y, 1, 15)},
            {"ma": "sang_kien", "loai": "hồ sơ sáng kiến", "ngay": date(y, 11, 1)},
            {"ma": "khen_thuong", "loai": "hồ sơ khen thưởng", "ngay": date(y, 11, 20)}],
    }


def codeowners(spec: InitSpec) -> str:
    base = f"/{CAMPAIGNS}/{spec.org_id}"
    lines = ["# Ai duyệt thay đổi nào. Dòng sau ghi đè dòng trước (quy tắc của GitHub, GitLab).",
             f"* {spec.office_reviewers}".rstrip()]
    for uid, name in spec.units:
        who = spec.reviewers.get(uid, "").strip()
        if not who:
            lines.append(f"# {name}: chưa có người duyệt (thêm --nguoi-duyet {uid}=@tên)")
            continue
        lines += [f"# {name}",
                  f"{base}/nhan_su/{uid}.yaml {who}",
                  f"{base}/*/dang_ky/{uid}.yaml {who}",
                  f"{base}/*/ket_qua/{uid}.yaml {who}"]
    return "\n".join(lines) + "\n"


def readme(spec: InitSpec) -> str:
    units = "\n".join(f"- `{uid}`: {name}" for uid, name in spec.units)
    return f"""# Dữ liệu thi đua, khen thưởng — {spec.name}

Kho này lưu danh sách nhân sự, đăng ký thi đua, kết quả cuối năm và quyết định khen thưởng của
{spec.name} ({spec.parent}) dưới dạng tệp YAML, kiểm tra bằng `thidua`.

## Cách làm việc

1. Mỗi đơn vị sửa tệp của mình: `campaigns/{spec.org_id}/nhan_su/<đơn-vị>.yaml`,
   `campaigns/{spec.org_id}/<năm>/dang_ky/<đơn-vị>.yaml`, `.../ket_qua/<đơn-vị>.yaml`.
2. Tạo nhánh, commit, mở pull request (merge request). Trước khi commit, `pre-commit` chạy
   `thidua validate` trên các tệp vừa sửa (cài một lần: `pip install pre-commit thidua`
   rồi `pre-commit install`).
3. CI (`ci/thidua.sh`) kiểm tra lại, ghi lỗi ngay tại dòng sai và bảng "còn được đề nghị"
   của năm vào phần tóm tắt. Người duyệt của đơn vị (tệp `CODEOWNERS`) và Văn phòng duyệt.
4. `thidua diff origin/main` cho biết thay đổi có nghĩa gì: ai đăng ký hay rút đăng ký danh
   hiệu nào, kết luận và số lượng tối đa thay đổi ra sao.

Các lệnh hay dùng: `thidua validate`, `thidua tally`, `thidua explain NĂM MÃ`,
`thidua diff NHÁNH`. Xem hướng dẫn đầy đủ trong README của thidua.

## Đơn vị

{units}
"""


PRE_COMMIT = """\
# Kiểm tra dữ liệu thi đua trước mỗi commit (cần cài: pip install thidua).
repos:
  - repo: local
    hooks:
      - id: thidua-validate
        name: thidua validate
        entry: thidua validate
        language: system
        files: ^campaigns/.*\\.ya?ml$
        pass_filenames: true
"""

CI_SCRIPT = """\
#!/usr/bin/env sh
# Kiểm tra một pull request / merge request: lỗi ghi ngay tại dòng sai (GitHub Actions tự
# nhận định dạng chú thích), bảng "còn được đề nghị" của năm mới nhất ghi vào phần tóm tắt.
# Mã thoát khác 0 khi dữ liệu có lỗi.
set -u
status=0
thidua validate || status=$?
if [ "$status" -eq 0 ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  thidua tally --format markdown >> "$GITHUB_STEP_SUMMARY" || status=$?
elif [ "$status" -eq 0 ]; then
  thidua tally --tom-tat || status=$?
fi
exit "$status"
"""

GITHUB_WORKFLOW = """\
# Kiểm tra dữ liệu thi đua cho mỗi pull request.
name: thidua
on:
  pull_request:
  push:
    branches: [main]
jobs:
  kiem-tra:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Cài thidua
        run: python -m pip install "${THIDUA_PIP:-thidua}"
        env:
          THIDUA_PIP: ${{ vars.THIDUA_PIP }}
      - name: Kiểm tra và tổng hợp
        run: sh ci/thidua.sh
"""

GITLAB_CI = """\
# Kiểm tra dữ liệu thi đua cho mỗi merge request.
thidua:
  image: python:3.11
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - python -m pip install "${THIDUA_PIP:-thidua}"
    - sh ci/thidua.sh
"""


def delegated_parameters(law_params: dict[str, Any]) -> dict[str, str]:
    """Parameters a policy may set: those the law delegates in some regime, and policy-only."""
    out = {pid: p.description for pid, p in law_params.items()
           if any(v.delegated for v in p.values.values())}
    out.update({str(pid): desc for pid, (desc, _kind) in POLICY_ONLY.items()})
    return out
