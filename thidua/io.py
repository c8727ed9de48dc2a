"""Atomic file output: a reader never sees a half-written file; a failure names the file
the user asked for (never the temporary one) as an :class:`OutputError`."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """An output could not be written (``path`` as the user gave it)."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(str(path))
        self.path = path
        self.cause = cause


def write_bytes_atomic(path: Path, data: bytes) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A short temporary name: a long output name must not fail because of it.
        fd, tmp = tempfile.mkstemp(prefix=".thidua-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; give the usual mode
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(path, exc) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_tree_atomic(target: Path, files: Iterable[tuple[str, str]]) -> int:
    """Write a whole folder tree next to ``target``, then move it into place.

    ``target`` must not exist or be empty. Returns the number of files written.
    """
    target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".thidua-", dir=target.parent))
    except OSError as exc:  # name what the user asked for, not our staging folder
        raise OutputError(target, exc) from None
    n = 0
    try:
        staging.chmod(0o755)
        for rel, text in files:
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
            n += 1
        if target.exists():
            target.rmdir()  # only an empty folder may be replaced
        os.replace(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(target, exc) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return n


def write_files_atomic(files: dict[Path, bytes]) -> None:
    """Write several files all or nothing: each is staged next to its target first; only
    when every one is staged are they moved into place, and a failure while moving puts
    back the files already replaced."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in files.items():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".thidua-", suffix=".tmp", dir=path.parent)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.chmod(tmp, 0o666 & ~_umask())
                staged.append((path, tmp))
            except OSError as exc:
                raise OutputError(path, exc) from None
        done: list[tuple[Path, bytes | None]] = []
        for path, tmp in staged:
            try:
                before = path.read_bytes() if path.exists() else None
                os.replace(tmp, path)
                done.append((path, before))
            except OSError as exc:
                for old_path, old in reversed(done):  # put back what was replaced
                    try:
                        if old is None:
                            old_path.unlink(missing_ok=True)
                        else:
                            old_path.write_bytes(old)
                    except OSError:
                        pass
                raise OutputError(path, exc) from None
        staged = []
    finally:
        for _path, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
