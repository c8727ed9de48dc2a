"""Whether a document thidua printed still stands (`thidua verify`): intact since it was made,
and what the repository yields today for the parameters stored in it, part for part. Every
kind of document thidua stamps is rebuilt here (so no rendering module needs to know the
others)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua.errors import DataError
from thidua.library.documents import (
    render_ballots,
    render_decision,
    render_minutes,
    render_plan,
    render_proposal,
    render_registrations,
    render_report,
    render_vote_count,
)
from thidua.render import ballots as ballots_doc
from thidua.render import decision as decision_doc
from thidua.render import minutes as minutes_doc
from thidua.render import plan as plan_doc
from thidua.render import proposal as proposal_doc
from thidua.render import registrations as registrations_doc
from thidua.render.provenance import ProvenanceError, content_hash, read_parts, read_stamp
from thidua.textutil import parse_date


@dataclass
class Verification:
    same: bool
    message: str


def verify(root: Path, docx: bytes, *, org: str | None) -> Verification:
    """Whether the document is intact (no part edited since thidua made it) and whether the
    repository still yields it, part for part."""
    try:
        parts = read_parts(docx)
        stamp = read_stamp(parts)
    except ProvenanceError as exc:
        raise DataError(str(exc)) from None
    if content_hash(parts) != stamp.identifier:
        return Verification(False, "Không khớp: nội dung văn bản đã bị sửa sau khi thidua tạo "
                                   f"(commit {stamp.commit}); in lại từ dữ liệu.")
    try:
        again, command = _rebuild(root, stamp.params, org)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DataError("thông tin nguồn gốc trong tệp .docx không đầy đủ hoặc đã bị sửa") \
            from None
    if content_hash(read_parts(again)) == stamp.identifier:
        return Verification(True, "Khớp: kho dữ liệu hiện tại cho cùng văn bản (tạo từ commit "
                                  f"{stamp.commit}).")
    return Verification(False, f"Không khớp: dữ liệu đã thay đổi so với lúc tạo văn bản (commit "
                               f"{stamp.commit}); in lại bằng thidua {command}.")


def _rebuild(root: Path, params: dict[str, Any], org: str | None) -> tuple[bytes, str]:
    """The document the repository yields today for the parameters stored in one."""
    day = parse_date(params["ngay"]) if params.get("ngay") else None
    kind = params["loai"]
    if kind == plan_doc.KIND:
        return render_plan(root, root / params["tep"], "docx"), "render-plan"
    year = int(params["nam"])
    if kind == registrations_doc.KIND:
        results = parse_date(params["ngay_xet"]) if params.get("ngay_xet") else None
        return render_registrations(root, year, org=org, day=day, fmt="docx", as_of=results,
                                    number=params.get("so")).data, "render-registrations"
    if kind == "thong-ke":
        from thidua.library.records import render_statistics

        return render_statistics(root, year, "docx", org=org)[0], "stats -f docx"
    if kind == "giay-chung-nhan":
        from thidua.library.records import render_certificates

        return render_certificates(root, year, params["danh_hieu"], number=params.get("so"),
                                   calibration=params.get("can_chinh") == "co",
                                   org=org).data, "render-certificates"
    as_of = parse_date(params["ngay_xet"])
    if kind == ballots_doc.BALLOTS:
        copies = int(params["so_ban"]) if str(params.get("so_ban") or "").isdigit() else None
        return render_ballots(root, year, org=org, as_of=as_of, combined=params["gop"] == "co",
                              copies=copies).data, "render-ballots"
    if kind == ballots_doc.COUNT:
        return render_vote_count(root, year, org=org, as_of=as_of).data, "render-vote-count"
    if kind == minutes_doc.KIND:
        return render_minutes(root, year, org=org, as_of=as_of).data, "render-minutes"
    if kind == proposal_doc.KIND:
        req = proposal_doc.ProposalRequest(level=params["cap"], addressee=params["kinh_gui"],
                                           number=params["so"], day=day,
                                           signer=params["nguoi_ky"])
        return render_proposal(root, year, req, org=org, as_of=as_of).data, "render-proposal"
    if kind == "muc-luc-ho-so":
        from thidua.library.dossier import build

        return build(root, year, level=params["cap"], as_of=as_of, org=org).files[0][1], \
            "render-dossier"
    if kind == "bao-cao-thanh-tich":
        return render_report(root, params["ma"], year, title=params["danh_hieu"], as_of=as_of,
                             day=day, org=org).data, "render-report"
    if kind == decision_doc.KIND:
        dreq = decision_doc.DecisionRequest.from_params(params, day)
        return render_decision(root, year, dreq, org=org, as_of=as_of).data, "render-decision"
    raise ValueError(kind)
