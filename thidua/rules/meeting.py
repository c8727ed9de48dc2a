"""The council meeting's vote: who may be voted on, what the count says for each candidate,
and counts that cannot be (TD412). The share that decides is taken over **all** members of
the council, those present and those who sent a written opinion alike. Pure."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from thidua.diagnostics import Diagnostic, make
from thidua.model import entities as m
from thidua.model import vocab
from thidua.model.law import ParamId

# The titles whose award needs a minimum share of the council's agreement, with the law
# parameter that holds the share (the criterion's rule id is the parameter's name).
VOTE_SHARE = {vocab.CSTDCS.name: ParamId.CSTDCS_TY_LE_PHIEU_TOI_THIEU}
VOTE_RULES = frozenset(p.value for p in VOTE_SHARE.values())


class CountedVote(NamedTuple):
    """One candidate's agreements for one title: from the ballots (or raised hands) and from
    the written opinions, over all members of the council."""

    vote: m.Vote
    ballots: int
    written: int
    src: m.Src
    meeting: m.Meeting
    method: str


def voting_meeting(yr: m.Year, title: str) -> tuple[m.Meeting, m.TitleVote] | None:
    """The latest meeting of the year that voted on ``title``, with that vote."""
    found = None
    for mt in sorted(yr.meetings, key=lambda x: x.day):
        for tv in mt.votes:
            if tv.title == title:
                found = (mt, tv)
    return found


def council_votes(yr: m.Year) -> dict[tuple[str, str], CountedVote]:
    """(candidate, title) → the council's count for every candidate the meeting data counts:
    the ballots (or the show of hands for the whole list) plus the written opinions."""
    out: dict[tuple[str, str], CountedVote] = {}
    titles = {tv.title for mt in yr.meetings for tv in mt.votes}
    for title in sorted(titles):
        found = voting_meeting(yr, title)
        assert found is not None
        mt, tv = found
        written: dict[str, int] = {}
        for op in mt.opinions:
            if op.title == title:
                for sid in op.agree:
                    written[sid] = written.get(sid, 0) + 1
        total = len(mt.members)
        present = sum(1 for mb in mt.members if mb.present)
        counted = {c.candidate: c for c in tv.counts}
        candidates = set(counted) | set(written)
        if tv.everyone is not None:
            candidates |= proposed(yr).get(title, set())
        for sid in candidates:
            c = counted.get(sid)
            ballots = c.agree if c is not None else tv.everyone
            if ballots is None:
                continue  # counted by ballot but not on the count: no result for them
            n = ballots + written.get(sid, 0)
            out[(sid, title)] = CountedVote(m.Vote(title, n, total, present), ballots,
                                            written.get(sid, 0), c.src if c else tv.src, mt,
                                            tv.method)
    return out


def proposed(yr: m.Year) -> dict[str, set[str]]:
    """Title → who was proposed for it in the year (people and units)."""
    out: dict[str, set[str]] = {}
    for r in yr.person_results.values():
        for t in r.proposals:
            out.setdefault(t, set()).add(r.person)
    for u in yr.unit_results.values():
        for t in u.proposals:
            out.setdefault(t, set()).add(u.unit)
    return out


def _bad(src: m.Src, *more: str | int, detail: str, hint: str) -> Diagnostic:
    return make("TD412", src.file, path=(*src.path, *more), detail=detail, hint=hint)


FIX_COUNT = "Đối chiếu với biên bản kiểm phiếu đã ký và sửa số liệu cho đúng."


def _ballot_numbers(tv: m.TitleVote, present: int) -> Iterator[Diagnostic]:
    """A secret ballot's numbers: all given, and possible together."""
    if tv.method != vocab.BO_PHIEU_KIN:
        if tv.everyone is not None and tv.everyone > present:
            yield _bad(tv.src, "dong_y_ca_danh_sach", hint=FIX_COUNT,
                       detail=f"{tv.everyone} thành viên đồng ý nhưng chỉ {present} thành viên "
                              "có mặt")
        return
    if tv.everyone is not None:
        yield _bad(tv.src, "dong_y_ca_danh_sach", hint="Bỏ phiếu kín ghi số phiếu đồng ý của "
                                                       "từng người ở ket_qua.",
                   detail="bỏ phiếu kín không có \"đồng ý cả danh sách\"")
    numbers = (("phieu_phat_ra", tv.issued), ("phieu_thu_ve", tv.returned),
               ("phieu_hop_le", tv.valid))
    missing = [k for k, v in numbers if v is None]
    if len(missing) == len(numbers) and not tv.counts and tv.invalid is None:
        return  # the method set before the meeting; not counted yet
    if missing:
        yield _bad(tv.src, hint="Ghi đủ số phiếu phát ra, thu về, hợp lệ như biên bản kiểm "
                                "phiếu.", detail="bỏ phiếu kín thiếu " + ", ".join(missing))
        return
    assert tv.issued is not None and tv.returned is not None and tv.valid is not None
    if tv.issued > present:
        yield _bad(tv.src, "phieu_phat_ra", hint=FIX_COUNT,
                   detail=f"{tv.issued} phiếu phát ra nhưng chỉ {present} thành viên có mặt")
    if tv.returned > tv.issued:
        yield _bad(tv.src, "phieu_thu_ve", hint=FIX_COUNT,
                   detail=f"{tv.returned} phiếu thu về, nhiều hơn {tv.issued} phiếu phát ra")
    invalid = tv.invalid if tv.invalid is not None else tv.returned - tv.valid
    if tv.valid + invalid != tv.returned or invalid < 0:
        yield _bad(tv.src, "phieu_hop_le", hint=FIX_COUNT,
                   detail=f"{tv.valid} phiếu hợp lệ và {invalid} phiếu không hợp lệ không "
                          f"bằng {tv.returned} phiếu thu về")


def _candidates(yr: m.Year, tv: m.TitleVote, present: int,
                wanted: dict[str, set[str]]) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    most = tv.valid if tv.method == vocab.BO_PHIEU_KIN and tv.valid is not None else present
    what = "phiếu hợp lệ" if tv.method == vocab.BO_PHIEU_KIN else "thành viên có mặt"
    for c in tv.counts:
        if c.candidate in seen:
            yield _bad(c.src, "ma", hint="Mỗi người, tập thể một dòng.",
                       detail=f"\"{c.candidate}\" được ghi hai lần cho \"{tv.title}\"")
        seen.add(c.candidate)
        if c.candidate not in wanted.get(tv.title, set()) and _has_results(yr, c.candidate):
            yield _bad(c.src, "ma", hint="Chỉ ghi kết quả của những người, tập thể đã được đề "
                                         "nghị (de_nghi trong ket_qua/).",
                       detail=f"\"{c.candidate}\" không được đề nghị \"{tv.title}\" năm "
                              f"{yr.year}")
        if c.agree > most:
            yield _bad(c.src, "dong_y", hint=FIX_COUNT,
                       detail=f"{c.agree} đồng ý cho \"{c.candidate}\", nhiều hơn {most} {what}")


def _opinions(yr: m.Year, mt: m.Meeting, wanted: dict[str, set[str]]) -> Iterator[Diagnostic]:
    members = {mb.person: mb for mb in mt.members}
    seen: set[tuple[str, str]] = set()
    for op in mt.opinions:
        mb = members.get(op.member)
        if mb is None:
            yield _bad(op.src, "ma", hint="Chỉ thành viên Hội đồng (thanh_vien) có ý kiến.",
                       detail=f"\"{op.member}\" không phải thành viên Hội đồng của phiên họp")
        elif mb.present:
            yield _bad(op.src, "ma", hint="Thành viên có mặt bỏ phiếu hoặc biểu quyết tại phiên "
                                          "họp; chỉ thành viên vắng mặt gửi ý kiến bằng văn bản.",
                       detail=f"\"{op.member}\" có mặt tại phiên họp mà lại có ý kiến bằng văn "
                              "bản")
        if (op.member, op.title) in seen:
            yield _bad(op.src, "ma", hint="Mỗi thành viên một phiếu lấy ý kiến cho mỗi danh "
                                          "hiệu.",
                       detail=f"\"{op.member}\" có hai ý kiến cho \"{op.title}\"")
        seen.add((op.member, op.title))
        both = sorted(set(op.agree) & set(op.disagree))
        if both:
            yield _bad(op.src, hint="Mỗi người, tập thể chỉ ở một trong hai danh sách.",
                       detail=f"\"{both[0]}\" vừa đồng ý vừa không đồng ý")
        for key, ids in (("dong_y", op.agree), ("khong_dong_y", op.disagree)):
            for j, sid in enumerate(ids):
                if sid not in wanted.get(op.title, set()) and _has_results(yr, sid):
                    yield _bad(op.src, key, j, hint="Chỉ cho ý kiến về người, tập thể đã được "
                                                    "đề nghị.",
                               detail=f"\"{sid}\" không được đề nghị \"{op.title}\" năm "
                                      f"{yr.year}")


def _has_results(yr: m.Year, sid: str) -> bool:
    """Whether the year's results hold ``sid`` (a record dropped for its own error is not
    reported again as "not proposed")."""
    return sid in yr.person_results or sid in yr.unit_results


def check(yr: m.Year) -> list[Diagnostic]:
    """Counts that cannot be, each at its line: more agreements than valid ballots (or members
    present), more ballots returned than issued, valid + invalid ≠ returned, a candidate not
    proposed, a written opinion from a member who attended or from someone not on the
    council, a counting committee member not on the council, and a vote recorded both here
    and in a unit's results."""
    out: list[Diagnostic] = []
    if not any(mt.votes or mt.opinions or mt.counters for mt in yr.meetings):
        return out
    wanted = proposed(yr)
    for mt in yr.meetings:
        if not mt.whole:
            continue  # a member could not be read (reported where): the counts cannot be
        present = sum(1 for mb in mt.members if mb.present)
        members = {mb.person for mb in mt.members}
        titles: set[str] = set()
        for tv in mt.votes:
            if tv.title in titles:
                out.append(_bad(tv.src, "danh_hieu", hint="Mỗi danh hiệu một mục bieu_quyet.",
                                detail=f"\"{tv.title}\" được ghi hai lần"))
            titles.add(tv.title)
            out += _ballot_numbers(tv, present)
            out += _candidates(yr, tv, present, wanted)
        out += _opinions(yr, mt, wanted)
        for i, k in enumerate(mt.counters):
            if k.person not in members:
                out.append(_bad(mt.src, "ban_kiem_phieu", i, "ma",
                                hint="Ban kiểm phiếu gồm các thành viên Hội đồng.",
                                detail=f"\"{k.person}\" không phải thành viên Hội đồng"))
    out += _twice(yr)
    return out


def _twice(yr: m.Year) -> list[Diagnostic]:
    """A vote counted at the meeting and also written in a unit's results (one truth)."""
    voted = {tv.title: tv for mt in yr.meetings for tv in mt.votes}
    out = []
    results: list[m.PersonResult | m.UnitResult] = [*yr.person_results.values(),
                                                    *yr.unit_results.values()]
    for res in results:
        for i, v in enumerate(res.votes):
            tv = voted.get(v.title)
            if tv is not None:
                out.append(make(
                    "TD412", res.src.file, path=(*res.src.path, "bieu_quyet", i),
                    detail=f"kết quả biểu quyết \"{v.title}\" đã ghi trong {tv.src.file}",
                    hint="Ghi kết quả biểu quyết ở một nơi: bỏ bieu_quyet ở đây, số liệu của "
                         "phiên họp (hoi_dong/) được dùng."))
    return out
