"""Finding a campaign repository and its files on disk (the only I/O of the load layer)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import NamedTuple

from thidua.layout import CAMPAIGNS, ORG_FILE, POLICY_FILE, ROSTER_FOLDER, YEARLY_FOLDERS

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
    "to_chuc.yaml, chinh_sach.yaml, nhan_su/<đơn vị>.yaml hoặc <năm>/{"
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
    """Every YAML file of one organisation, classified by kind (sorted, deterministic)."""
    refs: list[FileRef] = []
    _walk(str(org), display_path(org), (), refs)
    return refs


def _walk(folder: str, shown: str, rel: tuple[str, ...], refs: list[FileRef]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_dir():
            _walk(entry.path, os.path.join(shown, name), (*rel, name), refs)
        elif _is_yaml(name):
            size = 0
            with contextlib.suppress(OSError):  # unreadable files are reported when read
                size = entry.stat().st_size
            refs.append(_classify(entry.path, os.path.join(shown, name), rel, name, size))


def _classify(path: str, shown: str, rel: tuple[str, ...], name: str, size: int) -> FileRef:
    stem = name.rsplit(".", 1)[0]
    if not rel and name in (ORG_FILE, "to_chuc.yml"):
        return FileRef(path, shown, "to_chuc", None, stem, size=size)
    if not rel and name in (POLICY_FILE, "chinh_sach.yml"):
        return FileRef(path, shown, "chinh_sach", None, stem, size=size)
    if rel == (ROSTER_FOLDER,):
        return FileRef(path, shown, "nhan_su", None, stem, size=size)
    if len(rel) == 2 and rel[1] in YEARLY_FOLDERS:
        if rel[0].isdigit() and len(rel[0]) == 4:
            return FileRef(path, shown, rel[1], int(rel[0]), stem, size=size)
        return FileRef(path, shown, None, None, stem, bad_year_folder=rel[0], size=size)
    return FileRef(path, shown, None, None, stem, size=size)


def read_bytes(path: str | Path, max_bytes: int) -> bytes | int | OSError:
    """The file's bytes; its size (int) when larger than ``max_bytes``; or the OSError."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                return size
            return fh.read()
    except OSError as exc:
        return exc
