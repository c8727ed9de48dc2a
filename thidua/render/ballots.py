"""The council meeting's papers: ballots (phiếu bầu, secret and unsigned), the written-opinion
form for absent members (phiếu lấy ý kiến), and the counting committee's record (biên bản
kiểm phiếu). Candidates are those the data makes eligible to be voted on (every criterion
but the council's vote holds or is still open), in the order of the decision's annex; the
count comes from the meeting data, its share over all members of the council. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from thidua.decide.outcome import Entry, EntryStatus
from thidua.decide.year import PERSON_TITLES, UNIT_TITLES, YearDecision
from thidua.model import entities as m
from thidua.model import vocab
from thidua.render.base import (
    AnnexRow,
    DocumentError,
    Letterhead,
    council_member,
    grouped_annex,
    held_meeting,
    letterhead,
    official_date,
    place_date,
    refuse_unlawful,
    roman,
)
from thidua.rules import meeting as votes

BALLOTS = "phieu-bau"
COUNT = "bien-ban-kiem-phieu"
COUNCIL = "Hội đồng Thi đua - Khen thưởng"
# Titles voted by secret ballot when the meeting data does not say (the offices' practice
# for "Chiến sĩ thi đua" at every level); the meeting's hinh_thuc decides.
SECRET_BY_DEFAULT = frozenset(t.name for t in vocab.TITLES if t.name.startswith("Chiến sĩ"))
# Considered once per title: the statuses that exclude a proposal from the vote whatever the
# count (another body decides it, the person is under review, no law applies).
_NOT_VOTED = frozenset({EntryStatus.ELSEWHERE, EntryStatus.DEFERRED, EntryStatus.NO_LAW})


@dataclass(frozen=True)
class Ballot:
    """One title's candidates (a ballot, or one part of a combined one)."""

    title: str
    collective: bool
    method: str
    candidates: tuple[tuple[str, str, str], ...]  # (id, name, "position, unit")


def params(kind: str, year: int, as_of: date, *, combined: bool = False,
           copies: int | None = None) -> dict[str, object]:
    out: dict[str, object] = {"loai": kind, "nam": year, "ngay_xet": str(as_of)}
    if kind == BALLOTS:
        out["gop"] = "co" if combined else "khong"
        out["so_ban"] = "" if copies is None else str(copies)
    return out


def method_of(mt: m.Meeting, title: str) -> str:
    """How the meeting votes on ``title``: as its data says, else the usual way."""
    for tv in mt.votes:
        if tv.title == title:
            return tv.method
    return vocab.BO_PHIEU_KIN if title in SECRET_BY_DEFAULT else vocab.GIO_TAY


def votable(d: YearDecision, e: Entry) -> bool:
    """Whether the council votes on this proposal: the data makes it eligible but for the
    council's own vote (every other criterion holds or is still open)."""
    if e.status in _NOT_VOTED:
        return False
    if e.status in (EntryStatus.RECOGNISED, EntryStatus.NOT_CHOSEN):
        return True
    verdict = d.detail(e.id, e.title)
    return not any((c.met is False or c.defers) and c.rule not in votes.VOTE_RULES
                   for c in verdict.criteria)


def ballots(d: YearDecision, *, secret_only: bool = True) -> list[Ballot]:
    """Every title with candidates, in the order of the decision step's titles: only those
    voted by secret ballot unless ``secret_only`` is False (the written-opinion form covers
    every title the council votes on)."""
    if d.choice is None:
        raise DocumentError(d.no_law.explanation() if d.no_law else "chưa có quy định",
                            d.no_law.hint if d.no_law else None)
    refuse_unlawful(d)
    mt = held_meeting(d)
    org = d.repo.org
    units = {u.id: u.name for u in org.units} if org else {}
    out = []
    for collective, titles in ((False, PERSON_TITLES), (True, UNIT_TITLES)):
        for title in titles:
            method = method_of(mt, title)
            if secret_only and method != vocab.BO_PHIEU_KIN:
                continue
            rows = []
            for e in d.outcome(title, collective).entries:
                if not votable(d, e):
                    continue
                if collective:
                    rows.append((e.id, e.name, ""))
                else:
                    person = d.repo.people.get(e.id)
                    where = units.get(e.unit, e.unit)
                    rows.append((e.id, e.name,
                                 f"{person.title}, {where}" if person and person.title
                                 else where))
            if rows:
                out.append(Ballot(title, collective, method, tuple(rows)))
    return out


def _label(b: Ballot) -> str:
    return f"\"{b.title}\"" + (" (tập thể)" if b.collective and b.title in PERSON_TITLES
                               else "")


@dataclass(frozen=True)
class BallotPaper:
    """One paper to print (a ballot or a written-opinion form) and how many copies."""

    kind: str  # "PHIẾU BẦU" | "PHIẾU LẤY Ý KIẾN"
    subject: str
    instructions: tuple[str, ...]
    member: str  # the absent member's line on a written-opinion form; "" on a ballot
    signer: tuple[str, str]  # ("NGƯỜI CHO Ý KIẾN", name) on a written-opinion form
    rows: tuple[tuple[str, ...], ...]
    group_rows: tuple[int, ...]
    copies: int


@dataclass(frozen=True)
class BallotsContent:
    parent: str
    issuer: str
    place_date: str
    papers: tuple[BallotPaper, ...]
    titles: int
    candidates: int


def _rows(parts: list[Ballot], grouped: bool) -> tuple[list[tuple[str, ...]], list[int]]:
    rows: list[tuple[str, ...]] = []
    groups: list[int] = []
    for b in parts:
        if grouped:
            groups.append(len(rows))
            rows.append((roman(len(groups)), f"Danh hiệu {_label(b)}", "", "", ""))
        for i, (_sid, name, where) in enumerate(b.candidates, 1):
            rows.append((str(i), name, where, "", ""))
    return rows, groups


BALLOT_RULES = ("Đồng ý: đánh dấu X vào ô \"Đồng ý\"; không đồng ý: đánh dấu X vào ô \"Không "
                "đồng ý\" (mỗi dòng đánh dấu một ô).",
                "Phiếu không ghi tên người bầu, không ký. Phiếu hợp lệ là phiếu do Ban kiểm phiếu "
                "phát ra; dòng đánh dấu cả hai ô hoặc không đánh dấu ô nào không được tính là "
                "đồng ý.")
OPINION_RULES = ("Thành viên Hội đồng vắng mặt tại phiên họp cho ý kiến bằng văn bản: đánh dấu "
                 "X vào ô \"Đồng ý\" hoặc \"Không đồng ý\" ở mỗi dòng, ký, ghi rõ họ tên và gửi "
                 "Thường trực Hội đồng trước phiên họp.",
                 "Ý kiến bằng văn bản được tính vào số thành viên đồng ý trên tổng số thành viên "
                 "Hội đồng.")


def build_ballots(d: YearDecision, *, combined: bool = False,
                  copies: int | None = None) -> BallotsContent:
    """The ballots (one per secret-ballot title, or one combined), ``copies`` of each (default:
    one per member present), then a written-opinion form for each absent member."""
    org = d.repo.org
    if org is None:
        raise DocumentError("thiếu to_chuc.yaml")
    mt = held_meeting(d)
    names = org.names_on(mt.day)
    secret = ballots(d)
    everything = ballots(d, secret_only=False)
    if not everything:
        raise DocumentError(f"năm {d.year} không có đề nghị nào để Hội đồng biểu quyết",
                            "Ghi đề nghị (de_nghi) trong ket_qua/ của các đơn vị.")
    present = sum(1 for mb in mt.members if mb.present)
    n = copies if copies is not None else max(present, 1)
    papers: list[BallotPaper] = []
    subject = f"Xét thi đua, khen thưởng năm {d.year}"
    if secret:
        groups = [secret] if combined else [[b] for b in secret]
        for part in groups:
            rows, group_rows = _rows(part, combined)
            what = (subject if combined else
                    f"Xét {'tặng' if vocab.TITLE_BY_NAME[part[0].title].is_award else 'công nhận'}"
                    f" {_label(part[0])} năm {d.year}")
            papers.append(BallotPaper("PHIẾU BẦU", what, BALLOT_RULES, "", ("", ""),
                                      tuple(rows), tuple(group_rows), n))
    for mb in mt.members:
        if mb.present:
            continue
        name, title = council_member(d.repo, mb.person)
        rows, group_rows = _rows(everything, True)
        papers.append(BallotPaper(
            "PHIẾU LẤY Ý KIẾN", f"Thành viên Hội đồng vắng mặt cho ý kiến: {subject.lower()}",
            OPINION_RULES, f"Họ và tên: {name}" + (f", {title}" if title else "")
            + f"; {mb.role}.", ("NGƯỜI CHO Ý KIẾN", name), tuple(rows), tuple(group_rows), 1))
    if not papers:
        raise DocumentError(f"năm {d.year} không có danh hiệu nào bỏ phiếu kín và không có "
                            "thành viên vắng mặt",
                            "Ghi hinh_thuc: bỏ phiếu kín cho danh hiệu đó trong bieu_quyet của "
                            "phiên họp (hoi_dong/).")
    return BallotsContent(names.name, COUNCIL,
                          place_date(names.place, mt.day), tuple(papers), len(secret),
                          sum(len(b.candidates) for b in secret))


class BallotContext(Letterhead):
    """The variables a ballot template may use."""

    loai_phieu: str
    trich_yeu: str
    huong_dan: list[str]
    thanh_vien: str
    chuc_danh_ky: str
    nguoi_ky: str


def ballot_context(c: BallotsContent, paper: BallotPaper) -> BallotContext:
    return BallotContext(**letterhead(c.parent, c.issuer, "", c.place_date),
                         loai_phieu=paper.kind, trich_yeu=paper.subject,
                         huong_dan=list(paper.instructions), thanh_vien=paper.member,
                         chuc_danh_ky=paper.signer[0], nguoi_ky=paper.signer[1])


def ballot_annex(paper: BallotPaper) -> list[AnnexRow]:
    return grouped_annex(("stt", "ten", "chuc_vu_don_vi", "dong_y", "khong_dong_y"),
                         paper.rows, paper.group_rows)


# --- biên bản kiểm phiếu -------------------------------------------------------------------
@dataclass(frozen=True)
class CountContent:
    parent: str
    issuer: str
    place_date: str
    subject: str
    opening: str
    committee: tuple[str, ...]
    lines: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    group_rows: tuple[int, ...]
    closing: str
    head: tuple[str, str]  # ("TRƯỞNG BAN KIỂM PHIẾU", name)
    members: tuple[str, ...]  # the other members' names


def _share(n: int, total: int) -> str:
    """"90,91%": the share with two decimals at most (half up), a decimal comma."""
    if not total:
        return "—"
    hundredths = (n * 20000 + total) // (2 * total)
    whole, part = divmod(hundredths, 100)
    return f"{whole}" + (f",{part:02d}".rstrip("0") if part else "") + "%"


def build_count(d: YearDecision) -> CountContent:
    """The counting committee's record: the committee, the ballots issued, returned, valid and
    invalid for each title voted by secret ballot, and each candidate's agreements (ballots
    and written opinions) over all members, against the share the law or the office's policy
    requires."""
    org = d.repo.org
    if org is None:
        raise DocumentError("thiếu to_chuc.yaml")
    secret = ballots(d)
    mt = held_meeting(d)
    recorded = {tv.title: tv for tv in mt.votes}
    missing = [b.title for b in secret
               if b.title not in recorded or recorded[b.title].issued is None]
    if not secret:
        raise DocumentError(f"năm {d.year} không có danh hiệu nào bỏ phiếu kín",
                            "Ghi hinh_thuc: bỏ phiếu kín trong bieu_quyet của phiên họp.")
    if missing:
        raise DocumentError(f"chưa ghi kết quả kiểm phiếu \"{missing[0]}\"",
                            "Ghi số phiếu phát ra, thu về, hợp lệ, không hợp lệ và số phiếu "
                            "đồng ý của từng người trong bieu_quyet của phiên họp (hoi_dong/).")
    if not mt.counters:
        raise DocumentError("chưa ghi Ban kiểm phiếu (ban_kiem_phieu trong hoi_dong/)",
                            "Ghi các thành viên Ban kiểm phiếu, một người vai trò Trưởng ban.")
    names = org.names_on(mt.day)
    total = len(mt.members)
    present = sum(1 for mb in mt.members if mb.present)
    written = sorted({op.member for op in mt.opinions})
    counted = votes.council_votes(d.repo.years[d.year])
    committee = []
    head = next((k for k in mt.counters if k.role == "Trưởng ban"), mt.counters[0])
    for k in mt.counters:
        name, title = council_member(d.repo, k.person)
        committee.append(f"- Đồng chí {name}" + (f", {title}" if title else "")
                         + f", {'Trưởng ban' if k is head else k.role.lower()};")
    committee[-1] = committee[-1][:-1] + "."
    lines = [f"Tổng số thành viên Hội đồng: {total:02d}; có mặt: {present:02d}; vắng mặt: "
             f"{total - present:02d}" + (f" (có ý kiến bằng văn bản: {len(written):02d})"
                                         if written else "") + "."]
    rows: list[tuple[str, ...]] = []
    groups: list[int] = []
    for i, b in enumerate(secret, 1):
        tv = recorded[b.title]
        invalid = tv.invalid if tv.invalid is not None else \
            (tv.returned or 0) - (tv.valid or 0)
        share = _required(d, b.title, mt.day)
        lines.append(f"{i}. Danh hiệu {_label(b)}: số phiếu phát ra {tv.issued or 0:02d}, thu về "
                     f"{tv.returned or 0:02d}, hợp lệ {tv.valid or 0:02d}, không hợp lệ "
                     f"{invalid:02d}"
                     + (f"; tỉ lệ đồng ý tối thiểu {share[0]}% tổng số thành viên Hội đồng "
                        f"({share[1]})" if share else "; không có tỉ lệ tối thiểu theo quy "
                                                      "định, Hội đồng quyết định") + ".")
        groups.append(len(rows))
        rows.append((roman(i), f"Danh hiệu {_label(b)}", "", "", "", "", ""))
        for j, (sid, name, _where) in enumerate(b.candidates, 1):
            cv = counted.get((sid, b.title))
            if cv is None:
                rows.append((str(j), name, "", "", "", "", "Chưa ghi số phiếu"))
                continue
            n = cv.vote.agree
            result = ("Đạt" if Fraction(n * 100, total) >= Fraction(str(share[0]))
                      else "Không đạt") if share else "—"
            rows.append((str(j), name, f"{cv.ballots:02d}", f"{cv.written:02d}", f"{n:02d}",
                         _share(n, total), result))
    return CountContent(
        names.name, COUNCIL, place_date(names.place, mt.day),
        f"Kiểm phiếu bầu xét thi đua, khen thưởng năm {d.year}",
        (f"Vào {official_date(mt.day)}, tại {mt.place}, Ban kiểm phiếu của {COUNCIL} "
         f"{names.name} tiến hành kiểm phiếu bầu xét thi đua, khen thưởng năm {d.year}. Ban "
         "kiểm phiếu gồm:"),
        tuple(committee), tuple(lines), tuple(rows), tuple(groups),
        ("Tỉ lệ tính trên tổng số thành viên Hội đồng, gồm phiếu bầu hợp lệ và ý kiến bằng văn "
         "bản của thành viên vắng mặt. Biên bản được lập và công bố tại phiên họp./."),
        ("TRƯỞNG BAN KIỂM PHIẾU", council_member(d.repo, head.person)[0]),
        tuple(council_member(d.repo, k.person)[0] for k in mt.counters if k is not head))


def _required(d: YearDecision, title: str, day: date) -> tuple[str, str] | None:
    """The share of all members a title needs (value, citation) under the rules in force on
    the day the council met, when a rule sets one."""
    pid = votes.VOTE_SHARE.get(title)
    if pid is None:
        return None
    p = d.context.on(day).param(pid)
    if p.value is None:
        return None
    return str(p.value), p.citation or ""


class CountContext(Letterhead):
    """The variables a vote-count record template may use."""

    trich_yeu: str
    mo_dau: str
    ban_kiem_phieu: list[str]
    noi_dung: list[str]
    ket_thuc: str
    chuc_danh_truong_ban: str
    truong_ban: str
    thanh_vien_ky: list[str]


def count_context(c: CountContent) -> CountContext:
    return CountContext(**letterhead(c.parent, c.issuer, "", c.place_date),
                        trich_yeu=c.subject, mo_dau=c.opening, ban_kiem_phieu=list(c.committee),
                        noi_dung=list(c.lines), ket_thuc=c.closing,
                        chuc_danh_truong_ban=c.head[0], truong_ban=c.head[1],
                        thanh_vien_ky=list(c.members))


def count_annex(c: CountContent) -> list[AnnexRow]:
    return grouped_annex(("stt", "ten", "phieu_dong_y", "y_kien_dong_y", "tong_dong_y", "ty_le",
                          "ket_qua"), c.rows, c.group_rows)
