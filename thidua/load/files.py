"""Finding a campaign repository and its files on disk (the only I/O of the load layer)."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from thidua.layout import (
    CAMPAIGNS,
    LAW_FILE,
    ORG_FILE,
    POLICY_FILE,
    ROSTER_FOLDER,
    YEARLY_FOLDERS,
)

__all__ = [
    "CAMPAIGNS",
    "ORG_FILE",
    "FileRef",
    "display_path",
    "find_repo",
    "list_org_files",
    "org_folders",
    "read_bytes",
]

EXPECTED_PLACES = (
    "to_chuc.yaml, chinh_sach.yaml, phap_luat.yaml, nhan_su/<đơn vị>.yaml hoặc <năm>/{"
    + ",".join(YEARLY_FOLDERS) + "}/*.yaml"
)


class FileRef(NamedTuple):
    path: str  # a plain string: listing tens of thousands of files must stay cheap
    display: str
    kind: str | None  # None: not a known kind
    year: int | None
    stem: str
    bad_year_folder: str | None = None
    size: int = 0
    problem: str | None = None  # why it is not read (a link out of the repository …)
    content: bytes | None = None  # read instead of the file (what an import would write)


def display_path(path: Path) -> str:
    """Path as shown to the user: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find_repo(start: Path) -> Path | None:
    """Walk up from ``start`` to the folder holding ``campaigns/``."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CAMPAIGNS).is_dir():
            return folder
    return None


def org_folders(target: Path) -> list[Path] | None:
    """Organisation folders designated by ``target`` (repo root, campaigns/, org or file)."""
    target = target.resolve()
    if target.is_dir() and (target / CAMPAIGNS).is_dir():
        target = target / CAMPAIGNS
    if target.is_dir() and target.name == CAMPAIGNS:
        return sorted(p for p in target.iterdir() if p.is_dir() and not p.name.startswith("."))
    for folder in (target, *target.parents):
        if (folder / ORG_FILE).is_file() or folder.parent.name == CAMPAIGNS:
            return [folder] if folder.is_dir() else None
    return None


def _is_yaml(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def list_org_files(org: Path) -> list[FileRef]:
    """Every YAML file of one organisation, classified by kind (sorted, deterministic).

    Links are never followed out of the repository (the folder holding ``campaigns/``, or
    the organisation's folder): such a link, a link to a folder, a broken or looping link and
    anything that is not a regular file become a file with a ``problem``, reported, not read.
    """
    refs: list[FileRef] = []
    root = org.resolve()
    top = root.parent.parent if root.parent.name == CAMPAIGNS else root
    _walk(str(org), display_path(org), (), refs, str(top))
    return refs


def ref_for(org: Path, path: Path, *, shown: str | None = None) -> FileRef:
    """The reference of a file of the organisation ``org`` that need not exist yet, shown
    as :func:`list_org_files` shows it (below ``shown``, the folder's display path, which a
    caller making many references passes once)."""
    rel = path.relative_to(org).parts
    shown = display_path(org) if shown is None else shown
    return _classify(str(path), os.path.join(shown, *rel), tuple(rel[:-1]), rel[-1], 0)


def _walk(folder: str, shown: str, rel: tuple[str, ...], refs: list[FileRef],
          top: str) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        link = entry.is_symlink()
        if link:
            problem = _link_problem(entry.path, top)
            if problem is not None:
                if _is_yaml(name) or _points_to_dir(entry.path):
                    refs.append(_classify(entry.path, os.path.join(shown, name), rel, name, 0)
                                ._replace(problem=problem))
                continue
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, os.path.join(shown, name), (*rel, name), refs, top)
        elif _is_yaml(name):
            size, problem = 0, None
            with contextlib.suppress(OSError):  # unreadable files are reported when read
                st = entry.stat()
                size = st.st_size
                if not stat.S_ISREG(st.st_mode):
                    problem = "không phải tệp thường (thiết bị, ống dẫn …)"
            ref = _classify(entry.path, os.path.join(shown, name), rel, name, size)
            refs.append(ref._replace(problem=problem) if problem else ref)


def _points_to_dir(path: str) -> bool:
    try:
        return os.path.isdir(path)
    except OSError:
        return False


def _link_problem(path: str, top: str) -> str | None:
    """Why a symbolic link is not followed (None: it stays inside the repository and
    points to a regular file)."""
    try:
        target = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError):
        return "liên kết hỏng hoặc lặp vòng"
    if os.path.commonpath([target, top]) != top:
        return "liên kết trỏ ra ngoài kho dữ liệu (không đọc)"
    if os.path.isdir(target):
        return "liên kết tới thư mục (không đọc; đặt tệp trực tiếp trong kho)"
    if not os.path.isfile(target):
        return "liên kết tới tệp không phải tệp thường"
    return None


def _classify(path: str, shown: str, rel: tuple[str, ...], name: str, size: int) -> FileRef:
    stem = name.rsplit(".", 1)[0]
    if not rel and name in (ORG_FILE, "to_chuc.yml"):
        return FileRef(path, shown, "to_chuc", None, stem, size=size)
    if not rel and name in (POLICY_FILE, "chinh_sach.yml"):
        return FileRef(path, shown, "chinh_sach", None, stem, size=size)
    if not rel and name in (LAW_FILE, "phap_luat.yml"):
        return FileRef(path, shown, "phap_luat", None, stem, size=size)
    if rel == (ROSTER_FOLDER,):
        return FileRef(path, shown, "nhan_su", None, stem, size=size)
    if len(rel) == 2 and rel[1] in YEARLY_FOLDERS:
        if rel[0].isascii() and rel[0].isdigit() and len(rel[0]) == 4:
            return FileRef(path, shown, rel[1], int(rel[0]), stem, size=size)
        return FileRef(path, shown, None, None, stem, bad_year_folder=rel[0], size=size)
    return FileRef(path, shown, None, None, stem, size=size)


def read_bytes(path: str | Path, max_bytes: int) -> bytes | int | OSError:
    """The file's bytes; its size (int) when larger than ``max_bytes``; or the OSError.
    Only regular files are read, never more than ``max_bytes`` + 1 bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                return OSError(errno.EINVAL, "not a regular file", str(path))
            if st.st_size > max_bytes:
                return st.st_size
            # Read what the size says (a larger request allocates that much first), and one
            # byte more to notice a file that grew meanwhile.
            data = fh.read(min(st.st_size, max_bytes) + 1)
            if len(data) > st.st_size and len(data) <= max_bytes:
                data += fh.read(max_bytes + 1 - len(data))
            return len(data) if len(data) > max_bytes else data
    except OSError as exc:
        return exc


def os_error(exc: OSError) -> str:
    """Why a file could not be read, in Vietnamese."""
    if isinstance(exc, FileNotFoundError):
        return "tệp không tồn tại (có thể là liên kết hỏng)"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc"
    if isinstance(exc, IsADirectoryError):
        return "đây là thư mục, không phải tệp"
    if exc.errno == errno.EINVAL:
        return "không phải tệp thường"
    if exc.errno == errno.ELOOP:
        return "liên kết lặp vòng"
    return f"lỗi hệ thống số {exc.errno}"
