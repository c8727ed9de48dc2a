"""The render-* commands (decision, proposal, minutes, registrations) and `thidua verify`."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from thidua.commands.tally import (
    TallyError,
    bundled_law,
    latest_year,
    load_repository,
    pick_org,
)
from thidua.model import entities as m
from thidua.render.decision import (
    Content,
    DecisionError,
    DecisionRequest,
    build_content,
    render,
    template_name,
)
from thidua.render.minutes import MinutesContent
from thidua.render.plan import PlanText
from thidua.render.proposal import ProposalContent, ProposalRequest
from thidua.render.registrations import Summary
from thidua.render.templates import check, default_template, default_templates
from thidua.tally.compute import TallyResult, tally
from thidua.textutil import parse_date, year_end


def git_commit(root: Path) -> str:
    """The commit the data comes from ("+thay-doi" when the work tree differs)."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"],
                              capture_output=True, text=True, check=False)
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--",
                                "campaigns"], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return "không có git"
    if head.returncode != 0:
        return "không có git"
    return head.stdout.strip() + ("+thay-doi" if dirty.stdout.strip() else "")


T = TypeVar("T")


def _from_tally(repo_root: Path, year: int | None, org: str | None, as_of: date, what: str,
                build: Callable[[m.Repository, TallyResult], T]) -> tuple[T, int]:
    """Load the organisation, tally the year and build a document's content from it."""
    folder = pick_org(repo_root, org)
    if year is None:
        year = latest_year(folder)
    repo, errors = load_repository(folder, year)
    if errors:
        raise TallyError(f"dữ liệu còn lỗi: chạy thidua validate và sửa trước khi in {what}")
    if year not in repo.years:
        raise TallyError(f"không có dữ liệu năm {year}")
    result = tally(repo, bundled_law(), year, as_of)
    try:
        return build(repo, result), year
    except DecisionError as exc:
        raise TallyError(str(exc)) from None


def decision_content(repo_root: Path, year: int | None, req: DecisionRequest, *,
                     org: str | None, as_of: date) -> tuple[Content, int]:
    return _from_tally(repo_root, year, org, as_of, "quyết định",
                       lambda repo, result: build_content(repo, result, bundled_law(), req))


def proposal_content(repo_root: Path, year: int | None, req: ProposalRequest, *,
                     org: str | None, as_of: date) -> tuple[ProposalContent, int]:
    from thidua.render.proposal import build_content as build_proposal

    return _from_tally(repo_root, year, org, as_of, "tờ trình",
                       lambda repo, result: build_proposal(repo, result, bundled_law(), req))


def render_proposal(repo_root: Path, year: int | None, req: ProposalRequest, *,
                    org: str | None, as_of: date) -> tuple[bytes, ProposalContent]:
    from thidua.render.proposal import render as render_doc
    from thidua.render.templates import PROPOSAL

    content, year = proposal_content(repo_root, year, req, org=org, as_of=as_of)
    day = req.day or as_of
    data = render_doc(content, load_template(repo_root, PROPOSAL),
                      keywords=req.keywords(year, as_of), commit=git_commit(repo_root),
                      created=datetime(day.year, day.month, day.day))
    return data, content


def minutes_content(repo_root: Path, year: int | None, *, org: str | None,
                    as_of: date) -> tuple[MinutesContent, int]:
    from thidua.render.minutes import build_content as build_minutes

    return _from_tally(repo_root, year, org, as_of, "biên bản", build_minutes)


def render_minutes(repo_root: Path, year: int | None, *, org: str | None,
                   as_of: date) -> tuple[bytes, MinutesContent]:
    from thidua.render.minutes import keywords
    from thidua.render.minutes import render as render_doc
    from thidua.render.templates import MINUTES

    content, year = minutes_content(repo_root, year, org=org, as_of=as_of)
    data = render_doc(content, load_template(repo_root, MINUTES),
                      keywords=keywords(year, as_of), commit=git_commit(repo_root),
                      created=datetime(as_of.year, as_of.month, as_of.day))
    return data, content


def render_decision(repo_root: Path, year: int | None, req: DecisionRequest, *,
                    org: str | None, as_of: date) -> tuple[bytes, Content]:
    content, year = decision_content(repo_root, year, req, org=org, as_of=as_of)
    day = req.day or as_of
    data = render(content, load_template(repo_root, template_name(content)),
                  keywords=req.keywords(year, as_of), commit=git_commit(repo_root),
                  created=datetime(day.year, day.month, day.day))
    return data, content


def load_template(repo_root: Path, name: str) -> bytes:
    """The repository's own templates/<name> if it has one, else the default."""
    own = repo_root / "templates" / name
    if own.is_file():
        return own.read_bytes()
    return default_template(name)


def export_templates(target: Path, *, overwrite: bool = False) -> list[tuple[Path, str]]:
    from thidua import io

    out = []
    for name, data in default_templates().items():
        path = target / name
        if path.exists() and not overwrite:
            out.append((path, "giữ nguyên"))
            continue
        io.write_bytes_atomic(path, data)
        out.append((path, "đã ghi"))
    return out


def check_templates(folder: Path | None) -> list[tuple[str, list[str]]]:
    """Problems per template: the folder's .docx files, or the defaults."""
    if folder is None:
        items = sorted(default_templates().items())
    else:
        items = [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.docx"))]
    return [(name, check(name, data)) for name, data in items]


def verify(repo_root: Path, docx: bytes, *, org: str | None) -> tuple[bool, str]:
    """Whether the repository still yields the same document. Returns (same, explanation)."""
    try:
        core = zipfile.ZipFile(BytesIO(docx)).read("docProps/core.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError):
        raise TallyError("tệp không phải .docx do thidua tạo") from None
    from docx import Document

    props = Document(BytesIO(docx)).core_properties
    try:
        params = json.loads(props.keywords)
    except ValueError:
        raise TallyError("tệp .docx không có thông tin nguồn gốc của thidua") from None
    del core
    try:
        content, again = _rebuild(repo_root, params, org)
    except (KeyError, TypeError, AttributeError, ValueError):
        raise TallyError("thông tin nguồn gốc trong tệp .docx không đầy đủ hoặc đã bị sửa") \
            from None
    same = content.digest() == props.identifier
    source = props.version or "không rõ"
    if same:
        return True, f"Khớp: kho dữ liệu hiện tại cho cùng nội dung (tạo từ commit {source})."
    return False, (f"Không khớp: dữ liệu đã thay đổi so với lúc tạo văn bản (commit {source}); "
                   f"in lại bằng thidua {again}.")


def _rebuild(repo_root: Path, params: dict[str, Any], org: str | None
             ) -> tuple[Content | ProposalContent | MinutesContent | Summary | PlanText, str]:
    """The content the repository yields today for the parameters stored in a document."""
    day = parse_date(params["ngay"]) if params.get("ngay") else None
    as_of = (parse_date(params["ngay_xet"]) if params.get("ngay_xet")
             else year_end(int(params.get("nam") or 1)))
    content: Content | ProposalContent | MinutesContent | Summary | PlanText
    if params.get("loai") == "ke-hoach":
        content, _ = plan_text(repo_root, repo_root / params["tep"])
        again = "render-plan"
    elif params.get("loai") == "bang-tong-hop-dang-ky":
        content = registrations_summary(repo_root, params["nam"], org=org, day=day)
        again = "render-registrations"
    elif params.get("loai") == "bien-ban":
        content, _ = minutes_content(repo_root, params["nam"], org=org, as_of=as_of)
        again = "render-minutes"
    elif params.get("loai") == "to-trinh":
        content, _ = proposal_content(repo_root, params["nam"], ProposalRequest(
            level=params["cap"], addressee=params["kinh_gui"], number=params["so"], day=day,
            signer=params["nguoi_ky"]), org=org, as_of=as_of)
        again = "render-proposal"
    else:
        content, _ = decision_content(repo_root, params["nam"], DecisionRequest(
            title=params["danh_hieu"], number=params["so"], day=day,
            proposer=params["theo_de_nghi"], signer=params["nguoi_ky"],
            collective=params.get("tap_the")), org=org, as_of=as_of)
        again = "render-decision"
    return content, again


def registrations_summary(repo_root: Path, year: int | None, *, org: str | None,
                          day: date | None) -> Summary:
    from thidua.render.registrations import summarise

    folder = pick_org(repo_root, org)
    if year is None:
        year = latest_year(folder)
    repo, errors = load_repository(folder, year)
    if errors:
        raise TallyError("dữ liệu còn lỗi: chạy thidua validate và sửa trước khi in")
    return summarise(repo, year, day or date(year, 12, 31))


def render_registrations(repo_root: Path, year: int | None, *, org: str | None,
                         day: date | None, fmt: str) -> tuple[bytes, int]:
    from thidua.render.registrations import to_docx, to_xlsx
    from thidua.render.templates import REGISTRATIONS

    summary = registrations_summary(repo_root, year, org=org, day=day)
    if fmt == "xlsx":
        return to_xlsx(summary), summary.year
    return to_docx(summary, load_template(repo_root, REGISTRATIONS), day,
                   git_commit(repo_root)), summary.year


def plan_text(repo_root: Path, plan_file: Path) -> tuple[PlanText, date]:
    """The words of a plan file and the date its document carries (or 1 January)."""
    from thidua.load import files
    from thidua.render.plan import build_text

    folders = files.org_folders(plan_file) or []
    year_folder = plan_file.resolve().parent.parent.name
    if len(folders) != 1 or not year_folder.isdigit():
        raise TallyError("tệp kế hoạch phải nằm trong campaigns/<tổ chức>/<năm>/ke_hoach/")
    year = int(year_folder)
    repo, errors = load_repository(folders[0], year)
    if errors:
        raise TallyError("dữ liệu còn lỗi: chạy thidua validate và sửa trước khi in kế hoạch")
    wanted = plan_file.resolve()
    plans = [p for p in (repo.years.get(year) or m.Year(year)).plans
             if Path(p.src.file).resolve() == wanted]
    if not plans or "muc" not in plans[0].document:
        raise TallyError("tệp này chưa có nội dung kế hoạch để in (khóa muc)")
    try:
        text = build_text(repo, plans[0].document, year)
    except DecisionError as exc:
        raise TallyError(str(exc)) from None
    return text, plans[0].document.get("ngay_ban_hanh") or date(year, 1, 1)


def render_plan(repo_root: Path, plan_file: Path, fmt: str) -> bytes:
    """A plan file rendered as .docx, Markdown or PDF (through LibreOffice)."""
    from thidua.render.plan import to_docx, to_markdown
    from thidua.render.templates import PLAN

    text, day = plan_text(repo_root, plan_file)
    if fmt == "md":
        return to_markdown(text).encode("utf-8")
    try:
        where = plan_file.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        where = str(plan_file.resolve())
    keywords = json.dumps({"loai": "ke-hoach", "tep": where}, ensure_ascii=False)
    data = to_docx(text, load_template(repo_root, PLAN), commit=git_commit(repo_root),
                   keywords=keywords, created=datetime(day.year, day.month, day.day))
    return data if fmt == "docx" else to_pdf(data)


def to_pdf(docx: bytes) -> bytes:
    """Convert with LibreOffice when it is installed."""
    import shutil
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise TallyError("xuất PDF cần LibreOffice (lệnh soffice) nhưng máy này chưa cài; "
                         "cài LibreOffice hoặc dùng --format docx")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "ke-hoach.docx"
        src.write_bytes(docx)
        done = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp,
                               str(src)], capture_output=True, timeout=300, check=False)
        pdf = Path(tmp) / "ke-hoach.pdf"
        if done.returncode != 0 or not pdf.exists():
            raise TallyError("LibreOffice không chuyển được sang PDF")
        return pdf.read_bytes()
