"""The council meeting: ballots, the written-opinion form, the vote count record, and the
minutes and the tally taking the same count."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from thidua.render.docx_writer import extract

from .conftest import ROOT, run_cli

ORG = "campaigns/stp-ninh-thuan"
AS_OF = ("--ngay-xet", "2024-01-20")
MEETING = f"{ORG}/2023/hoi_dong/hop-xet-2023.yaml"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A copy of the bundled example under git."""
    repo = tmp_path / "kho"
    shutil.copytree(ROOT / "campaigns", repo / "campaigns")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit",
                 "-qm", "a"]):
        subprocess.run(cmd, cwd=repo, check=True)
    return repo


def _render(repo: Path, command: str, name: str, *more: str) -> list[str]:
    out = repo / "build" / name
    r = run_cli(command, "2023", *AS_OF, *more, "-o", str(out), cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    return extract(out.read_bytes())


def _text(lines: list[str]) -> str:
    """The words of a document, without the layout marks extract() puts before each."""
    return "\n".join(re.sub(r"\[[^\]]*\] ?", "", line) for line in lines)


def _edit(repo: Path, old: str, new: str) -> None:
    path = repo / MEETING
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CSTDCS_COUNT = "    ket_qua:\n      - ma: NV000021\n        dong_y: 9\n"


def test_ballots_list_the_candidates_without_a_voter(office: Path) -> None:
    """One ballot per title voted by secret ballot, one copy per member present, the
    candidates by name, position and unit; no voter's name; then the written-opinion form of
    the absent member, naming them."""
    lines = _render(office, "render-ballots", "pb.docx")
    text = _text(lines)
    present = 10
    assert text.count("PHIẾU BẦU") == 4 * present  # CSTĐCS, CSTĐ tỉnh, Bằng khen, TTLĐXS
    assert text.count("Xét công nhận \"Chiến sĩ thi đua cơ sở\" năm 2023") == present
    assert "Nguyễn Hữu Bình" in text and "Văn thư, Văn phòng" in text
    assert text.count("PHIẾU LẤY Ý KIẾN") == 1 and "Họ và tên: Đặng Đức Việt" in text
    ballots = text.split("PHIẾU LẤY Ý KIẾN")[0]
    assert "Đặng Đức Việt" not in ballots and "NGƯỜI CHO Ý KIẾN" not in ballots
    one = _text(_render(office, "render-ballots", "pb1.docx", "--so-ban", "1", "--gop"))
    assert one.count("PHIẾU BẦU") == 1 and "II. Danh hiệu \"Chiến sĩ thi đua cấp tỉnh\"" in one


def test_the_count_the_minutes_and_the_tally_agree(office: Path) -> None:
    """NV000021, Chiến sĩ thi đua cơ sở: 9 ballots and 1 written opinion, 10 of the council's
    11 members (90,91 %, at least 80 % needed): the same figures in the vote count record, the
    minutes' annex and the tally's explanation."""
    count = _text(_render(office, "render-vote-count", "kp.docx"))
    assert "số phiếu phát ra 10, thu về 10, hợp lệ 10, không hợp lệ 00" in count
    assert "Nguyễn Hữu Bình || 09 || 01 || 10 || 90,91% || Đạt" in count, count
    assert "Tổng số thành viên Hội đồng: 11; có mặt: 10; vắng mặt: 01 (có ý kiến bằng văn bản: " \
           "01)." in count
    assert "TRƯỞNG BAN KIỂM PHIẾU" in count and "Phạm Thanh Ngân" in count
    minutes = _text(_render(office, "render-minutes", "bb.docx"))
    assert "bỏ phiếu kín: 10 phiếu phát ra, 10 thu về, 10 hợp lệ, 01 ý kiến bằng văn bản" in minutes
    assert "đồng chí Đặng Đức Việt (đi công tác), có ý kiến bằng văn bản" in minutes
    assert "biểu quyết giơ tay: 10/10 thành viên có mặt đồng ý cả danh sách" in minutes
    assert "—" not in minutes.split("DANH SÁCH", 1)[1]  # every title's vote is recorded
    # another body's proposals: one line each, passed on, not listed; Nơi nhận (Mẫu 1.9)
    passed = ("08 đề nghị \"Lao động tiên tiến\" thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân "
              "thành phố Phan Rang - Tháp Chàm: Thường trực Hội đồng chuyển đến cơ quan đó")
    assert passed in minutes
    assert "Phạm Hữu Nam" not in minutes and "Nơi nhận:\n- Giám đốc (để báo cáo);" in minutes
    explained = run_cli("explain", "2023", "NV000021", *AS_OF, "--danh-hieu",
                        "Chiến sĩ thi đua cơ sở", cwd=office)
    assert "Hội đồng biểu quyết 10/11 thành viên đồng ý" in explained.stdout
    assert "hop-xet-2023.yaml" in explained.stdout


def test_one_count_changed_changes_every_document(office: Path) -> None:
    """7 ballots instead of 9: 8 of 11 (72,73 %) is below 80 %: the tally, the count record
    and the minutes say so; verify finds the earlier minutes no longer match; diff shows it."""
    first = office / "build" / "bb.docx"
    assert run_cli("render-minutes", "2023", *AS_OF, "-o", str(first), cwd=office).returncode == 0
    _edit(office, CSTDCS_COUNT, CSTDCS_COUNT.replace("dong_y: 9", "dong_y: 7"))
    count = _text(_render(office, "render-vote-count", "kp.docx"))
    assert "Nguyễn Hữu Bình || 07 || 01 || 08 || 72,73% || Không đạt" in count, count
    minutes = _text(_render(office, "render-minutes", "bb2.docx"))
    assert "Nguyễn Hữu Bình || Văn phòng || 8/11 || 73% || Không đủ điều kiện" in minutes, minutes
    verified = run_cli("verify", str(first), cwd=office)
    assert verified.returncode == 1 and "Không khớp: dữ liệu đã thay đổi" in verified.stdout
    diff = run_cli("diff", cwd=office)
    assert "Chiến sĩ thi đua cơ sở" in diff.stdout and "Nguyễn Hữu Bình" in diff.stdout


@pytest.mark.parametrize("command", ["render-ballots", "render-vote-count", "render-minutes",
                                     "render-decision", "tally"])
def test_an_impossible_count_is_refused_with_its_line(office: Path, command: str) -> None:
    _edit(office, CSTDCS_COUNT, CSTDCS_COUNT.replace("dong_y: 9", "dong_y: 12"))
    checked = run_cli("validate", cwd=office)
    assert checked.returncode == 1
    assert re.search(r"hop-xet-2023\.yaml:\d+:\d+: lỗi TD412: Kết quả biểu quyết: 12 đồng ý cho "
                     r"\"NV000021\", nhiều hơn 10 phiếu hợp lệ", checked.stdout), checked.stdout
    out = ("-f", "json", "-o", str(office / "build" / "x.json")) if command == "tally" else (
        "-o", str(office / "build" / "x.docx"))
    r = run_cli(command, "2023", *AS_OF, *out, cwd=office)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "TD412" in r.stdout + r.stderr or "không thể có" in r.stderr
    if command != "tally":  # (the tally is a report: it says what it found, exit 1)
        assert not (office / "build" / "x.docx").exists()


def test_ballots_are_deterministic(office: Path) -> None:
    a = run_cli("render-ballots", "2023", *AS_OF, "-o", "a.docx", cwd=office)
    b = run_cli("render-ballots", "2023", *AS_OF, "-o", "b.docx", cwd=office)
    assert a.returncode == b.returncode == 0
    assert (office / "a.docx").read_bytes() == (office / "b.docx").read_bytes()
    assert run_cli("verify", "a.docx", cwd=office).returncode == 0


def test_each_paper_starts_its_own_page(office: Path, tmp_path: Path) -> None:
    """Converted by LibreOffice (skipped without it): 41 papers, each from a new page with
    no page number, a paper's next page numbered 2; the count record signed by the committee
    on the page that ends it."""
    from .test_layout import PAPERS, _pages, _pdfs, check_paper_pages

    _render(office, "render-ballots", "pb.docx")
    _render(office, "render-vote-count", "kp.docx")
    ballots, count = _pdfs([office / "build" / "pb.docx", office / "build" / "kp.docx"],
                           tmp_path)
    pages = _pages(ballots)
    check_paper_pages("phieu-bau", pages)
    assert sum(1 for p in pages if any(t in PAPERS for t in p[:8])) == 41
    last = " ".join(_pages(count)[-1])
    for words in ("TRƯỞNG BAN KIỂM PHIẾU", "Phạm Thanh Ngân", "Nguyễn Bích Phượng",
                  "Lê Bích Quyên"):
        assert words in last, words


def test_before_the_meeting_the_method_alone_is_enough(office: Path) -> None:
    """The method set and the count not yet in: the data is valid, the ballots print, the
    count record says what is missing, the verdict waits for the vote."""
    start = (office / MEETING).read_text(encoding="utf-8").index("bieu_quyet:")
    text = (office / MEETING).read_text(encoding="utf-8")[:start]
    (office / MEETING).write_text(
        text + "bieu_quyet:\n  - danh_hieu: Chiến sĩ thi đua cơ sở\n"
               "    hinh_thuc: bỏ phiếu kín\n", encoding="utf-8")
    assert run_cli("validate", cwd=office).returncode == 0
    ballots = _text(_render(office, "render-ballots", "pb.docx", "--so-ban", "1"))
    assert ballots.count("PHIẾU BẦU") == 2  # (CSTĐ tỉnh is secret by default)
    r = run_cli("render-vote-count", "2023", *AS_OF, cwd=office)
    assert r.returncode == 1 and "chưa ghi kết quả kiểm phiếu" in r.stderr
    explained = run_cli("explain", "2023", "NV000021", *AS_OF, "--danh-hieu",
                        "Chiến sĩ thi đua cơ sở", cwd=office)
    assert "Chưa ghi kết quả biểu quyết của Hội đồng" in explained.stdout
