"""The files of a new campaign repository (`thidua init`). Pure: answers in, texts out."""

from __future__ import annotations

import re
import shlex
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
    install: str = ""  # where the office installs thidua from, pinned (see install_source)
    head_name: str = ""  # the head who signs (Giám đốc …); empty: to be added later
    head_title: str = "Giám đốc"


class BadSource(ValueError):
    """The install source is not pinned or not understood (the message says how to fix)."""


@dataclass(frozen=True)
class InstallSource:
    """How CI and pre-commit install thidua: always a pinned version from the office's own
    source (a name on the public index could be taken by anyone)."""

    pip_args: tuple[str, ...]  # arguments of "pip install"
    hook_repo: str | None  # a git address for a pre-commit hook pinned by rev
    hook_rev: str | None
    requirement: str  # what pre-commit installs for a local hook


_GIT = re.compile(r"^git\+(?P<url>(?:https|ssh|file)://[^@\s]+?(?:\.git)?)@(?P<rev>[\w.\-/]+)$")
_WHEEL = re.compile(r"^(?:https://|file://|/)\S+/thidua-(?P<v>[\w.]+)-py3-none-any\.whl$")
_INDEX = re.compile(r"^(?P<url>https://\S+)\s+thidua==(?P<v>\d+(?:\.\d+)*)$")


def install_source(text: str) -> InstallSource:
    """Parse the answer to "where is thidua installed from": ``git+https://…/thidua.git@v0.2``
    (a tag or commit), the address of a wheel ``…/thidua-0.2.0-py3-none-any.whl``, or an
    index the office controls and a version: ``https://pypi.noi-bo.vn/simple thidua==0.2.0``."""
    text = " ".join(text.split())
    if m := _GIT.match(text):
        url, rev = m["url"], m["rev"]
        return InstallSource((f"thidua @ git+{url}@{rev}",), url, rev,
                             f"thidua @ git+{url}@{rev}")
    if m := _WHEEL.match(text):
        return InstallSource((text,), None, None, text)
    if m := _INDEX.match(text):
        return InstallSource(("--index-url", m["url"], f"thidua=={m['v']}"), None, None,
                             f"thidua=={m['v']}")
    raise BadSource(
        "nguồn cài thidua phải cố định phiên bản và thuộc quyền của cơ quan: "
        "git+https://…/thidua.git@<thẻ phiên bản>, địa chỉ tệp thidua-<phiên bản>-py3-none-any"
        ".whl, hoặc \"<địa chỉ kho gói nội bộ> thidua==<phiên bản>\" (không dùng \"thidua\" "
        "trần: trên kho gói công cộng ai cũng có thể đăng một gói trùng tên)")


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
    if spec.head_name:
        org["nguoi_ky"] = [{"ma": "nguoi-dung-dau", "ho_ten": spec.head_name,
                            "chuc_vu": spec.head_title}]
    files[f"{base}/to_chuc.yaml"] = dumps(org, header=_header("to_chuc", 0)) + ORG_NOTE
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
    source = install_source(spec.install)
    files[".pre-commit-config.yaml"] = pre_commit(source)
    files[".github/workflows/thidua.yml"] = GITHUB_WORKFLOW.replace("@PIP@", _pip(source))
    files[".gitlab-ci.yml"] = GITLAB_CI.replace("@PIP@", _pip(source))
    files["ci/thidua.sh"] = CI_SCRIPT
    files["CODEOWNERS"] = codeowners(spec)
    files["README.md"] = readme(spec)
    files[".gitignore"] = "build/\n.venv/\n__pycache__/\n"
    return files


ORG_NOTE = (
    "# Cần bổ sung trước khi in văn bản (xem README: Ví dụ từng loại tệp):\n"
    "#   nguoi_ky: người ký (ma, ho_ten, chuc_vu; cấp phó ghi quyen_han: KT.)\n"
    "#   can_cu_tham_quyen: văn bản quy định chức năng, nhiệm vụ của cơ quan và quy chế thi\n"
    "#     đua, khen thưởng của tỉnh (mỗi dòng: can_cu, tu_ngay, den_ngay)\n"
    "#   bo_nganh: bộ quản lý ngành (cho tờ trình cấp bộ), ví dụ Bộ Tư pháp\n")

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
   `thidua validate` trên các tệp vừa sửa (cài một lần: `{_pip(install_source(spec.install))}`,
   `python -m pip install pre-commit`, rồi `pre-commit install`).
3. CI (`ci/thidua.sh`) kiểm tra lại, ghi lỗi ngay tại dòng sai và bảng "còn được đề nghị"
   của năm vào phần tóm tắt. Người duyệt của đơn vị (tệp `CODEOWNERS`) và Văn phòng duyệt.
4. `thidua diff origin/main` cho biết thay đổi có nghĩa gì: ai đăng ký hay rút đăng ký danh
   hiệu nào, kết luận và số lượng tối đa thay đổi ra sao.

Các lệnh hay dùng: `thidua validate`, `thidua tally`, `thidua explain NĂM MÃ`,
`thidua diff NHÁNH`. Xem hướng dẫn đầy đủ trong README của thidua.

## Đơn vị

{units}
"""


def _pip(source: InstallSource) -> str:
    return "python -m pip install " + " ".join(shlex.quote(a) for a in source.pip_args)


def pre_commit(source: InstallSource) -> str:
    """The pre-commit hook, pinned: thidua's own hook at a tag of its repository, or a local
    hook that installs the pinned requirement."""
    head = "# Kiểm tra dữ liệu thi đua trước mỗi commit (cài một lần: pre-commit install).\n"
    if source.hook_repo and source.hook_rev:
        return head + (f"repos:\n  - repo: {source.hook_repo}\n    rev: {source.hook_rev}\n"
                       "    hooks:\n      - id: thidua-validate\n")
    index = ""
    if "--index-url" in source.pip_args:
        url = source.pip_args[source.pip_args.index("--index-url") + 1]
        index = f"# Kho gói nội bộ: đặt biến môi trường PIP_INDEX_URL={url} trước khi chạy.\n"
    return head + index + (
        "repos:\n  - repo: local\n    hooks:\n      - id: thidua-validate\n"
        "        name: thidua validate\n        entry: thidua validate\n"
        "        language: python\n"
        f"        additional_dependencies: [\"{source.requirement}\"]\n"
        "        files: ^campaigns/.*\\.ya?ml$\n        pass_filenames: true\n")


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
# Kiểm tra dữ liệu thi đua cho mỗi pull request. Chỉ đọc kho (permissions), cài thidua ở một
# phiên bản cố định từ nguồn của cơ quan; một lần chạy mới của cùng pull request hủy lần cũ
# (concurrency), không lần nào chạy quá 15 phút (timeout-minutes).
name: thidua
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
concurrency:
  group: thidua-${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}
jobs:
  kiem-tra:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Cài thidua
        run: @PIP@
      - name: Kiểm tra và tổng hợp
        run: sh ci/thidua.sh
"""

GITLAB_CI = """\
# Kiểm tra dữ liệu thi đua cho mỗi merge request; thidua ở một phiên bản cố định. Lần chạy
# mới của cùng merge request thay lần cũ (interruptible), không quá 15 phút.
thidua:
  image: python:3.11
  interruptible: true
  timeout: 15 minutes
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - @PIP@
    - sh ci/thidua.sh
"""


def delegated_parameters(law_params: dict[str, Any]) -> dict[str, str]:
    """Parameters a policy may set: those the law delegates in some regime, and policy-only."""
    out = {pid: p.description for pid, p in law_params.items()
           if any(v.delegated for v in p.values.values())}
    out.update({str(pid): desc for pid, (desc, _kind) in POLICY_ONLY.items()})
    return out
