"""`thidua sample`: write a synthetic repository atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from thidua import io
from thidua.sample import generate


class TargetNotEmpty(Exception):
    """The output folder already holds files."""


def write_sample(
    target: Path,
    *,
    people: int,
    years: tuple[int, int],
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TargetNotEmpty(str(target))
    files = generate(people, years, seed)
    total = 0  # not known in advance: progress shows the count of files written

    def counted() -> Iterator[tuple[str, str]]:
        for n, item in enumerate(files, 1):
            if progress is not None:
                progress(n, total)
            yield item

    return io.write_tree_atomic(target, counted())
