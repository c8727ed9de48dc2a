"""The one place where thidua spreads work over processes or threads.

Everything here only splits work and merges results: a worker runs the *same* function the
sequential path runs, on its slice, so the answer cannot depend on how it was computed (the
tests compare both paths byte for byte, on clean and dirty data).

- :func:`workers` — how many processes may be used. A Python caller of the library gets 1
  (sequential) unless it says otherwise with :func:`use`; the command line uses the machine's
  cores (at most :data:`MAX_WORKERS`). ``THIDUA_WORKERS=1`` (environment) turns processes off
  everywhere; ``THIDUA_WORKERS=N`` allows N.
- :func:`worth_splitting` — the thresholds below which a split costs more than it saves (one
  table, :data:`MIN_SIZE`). ``THIDUA_SPLIT_ALWAYS=1`` splits whatever the size (the tests use
  it to run the parallel path on small, dirty data).
- :func:`map_parts` — ``fn(state, part)`` for each part, in order. The first part runs in this
  process, the others in processes forked from it: they inherit ``state`` (copy-on-write,
  never pickled) and only their results travel back. Without ``fork`` (Windows, macOS'
  default) or with one worker, every part runs here, one after the other. A worker that dies
  is an error (:class:`WorkerDied`), never a hang.
- :func:`meanwhile` — one piece of work in a forked worker while this process goes on;
  :func:`meanwhile_parts` — several, their results taken in as each is ready.
- :func:`collector_paused` — the cycle collector off while a large acyclic model is built;
  :func:`collector_off_for_good` — off to the end of a process that ends with its command.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

S = TypeVar("S")
P = TypeVar("P")
R = TypeVar("R")

WORKERS_ENV = "THIDUA_WORKERS"
SPLIT_ALWAYS_ENV = "THIDUA_SPLIT_ALWAYS"
# More processes than this gain nothing measurable: the work splits in two halves that each
# need the whole model (copy-on-write), and the machines offices use have 2–4 cores.
MAX_WORKERS = 2

# Below these sizes, forking a worker costs more than it saves (measured on a 2-core
# machine; see README, "Hiệu năng").
MIN_SIZE = {
    "people": 5000,  # people whose verdicts a tally computes
    "yearly_files": 64,  # yearly files validate checks
    "reports": 40,  # achievement reports in a dossier
    "forms_people": 5000,  # people on the forms built at once
    "forms_read": 8,  # filled forms imported at once
}

_default: ContextVar[int] = ContextVar("thidua_workers", default=1)
# True while this process runs its part of a split (and in the workers): both cores are
# busy, so nothing nested is spread again.
_split: ContextVar[bool] = ContextVar("thidua_split", default=False)


class WorkerDied(RuntimeError):
    """A worker process ended without an answer (killed, out of memory, crashed)."""


def _env_workers() -> int | None:
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if not raw:
        return None
    try:
        n = int(raw)
    except ValueError:
        return 1
    return max(1, n)


def workers() -> int:
    """How many processes this call may use (1: sequential)."""
    if _split.get():
        return 1
    env = _env_workers()
    return env if env is not None else _default.get()


@contextmanager
def use(n: int | None = None) -> Iterator[None]:
    """Within the block, allow ``n`` processes (default: the machine's cores, at most
    :data:`MAX_WORKERS`). The environment's ``THIDUA_WORKERS`` still wins."""
    if n is None:
        n = min(os.cpu_count() or 1, MAX_WORKERS)
    token = _default.set(max(1, n))
    try:
        yield
    finally:
        _default.reset(token)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def worth_splitting(kind: str, size: int) -> bool:
    """Whether work of this kind and size is worth spreading over processes now."""
    if workers() < 2 or not can_fork():
        return False
    return size >= MIN_SIZE[kind] or os.environ.get(SPLIT_ALWAYS_ENV) == "1"


# State handed to forked workers, by call (so that calls from several threads do not mix).
# Written before the fork, read by the worker from its inherited copy; never pickled.
_STATE: dict[int, Any] = {}
_calls = itertools.count()


def _run_part(call: int, fn: Callable[[Any, Any], Any], part: Any) -> Any:
    _split.set(True)
    return fn(_STATE[call], part)


def map_parts(fn: Callable[[S, P], R], state: S, parts: Sequence[P]) -> list[R]:
    """``[fn(state, part) for part in parts]``, the parts after the first in forked workers
    when allowed (see the module's notes). ``fn`` must be a module-level function."""
    n = min(workers(), len(parts))
    if n < 2 or not can_fork():
        return [fn(state, part) for part in parts]
    call = next(_calls)
    _STATE[call] = state
    try:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=n - 1, mp_context=ctx) as pool:
            pending = [pool.submit(_run_part, call, fn, part) for part in parts[1:]]
            token = _split.set(True)
            try:
                first = fn(state, parts[0])
            finally:
                _split.reset(token)
            try:
                rest = [f.result() for f in pending]
            except BrokenProcessPool as exc:
                raise WorkerDied("một tiến trình con dừng đột ngột") from exc
    finally:
        del _STATE[call]
    return [first, *rest]


def halves(items: Sequence[P], cut: int | None = None) -> list[Sequence[P]]:
    """``items`` in two parts at ``cut`` (default: the middle); one part when either would
    be empty."""
    cut = len(items) // 2 if cut is None else cut
    if cut <= 0 or cut >= len(items):
        return [items]
    return [items[:cut], items[cut:]]


def chunks(items: Sequence[P], n: int) -> list[Sequence[P]]:
    """``items`` in ``n`` contiguous parts of about equal length (no empty part)."""
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


@contextmanager
def meanwhile(fn: Callable[[S, P], R], state: S, part: P) -> Iterator[Callable[[], R]]:
    """``fn(state, part)`` computed in a forked worker while the block runs, when allowed;
    the block gets a function that returns the result (computing it here, then, when no
    worker was used). ``fn`` must be a module-level function; its result travels back
    pickled, so it should be worth more than its size."""
    with meanwhile_parts(fn, state, [part]) as results:
        yield lambda: next(results())


@contextmanager
def meanwhile_parts(fn: Callable[[S, P], R], state: S,
                    parts: Sequence[P]) -> Iterator[Callable[[], Iterator[R]]]:
    """Like :func:`meanwhile` for several parts, worked through one after the other by one
    worker: the block gets a function that yields ``fn(state, part)`` for each part in
    order, each as soon as it is ready (so this process can take in the first results while
    the worker computes the next)."""
    if workers() < 2 or not can_fork():
        yield lambda: (fn(state, part) for part in parts)
        return
    call = next(_calls)
    _STATE[call] = state
    try:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
            pending = [pool.submit(_run_part, call, fn, part) for part in parts]

            def results() -> Iterator[R]:
                for future in pending:
                    try:
                        got: R = future.result()
                    except BrokenProcessPool as exc:
                        raise WorkerDied("một tiến trình con dừng đột ngột") from exc
                    yield got
            yield results
            for future in pending:
                future.cancel()
    finally:
        del _STATE[call]


@contextmanager
def collector_paused() -> Iterator[None]:
    """While a large model is built or read: the data is acyclic, so the cycle collector
    would only rescan it again and again (restored as it was afterwards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collector_off_for_good() -> None:
    """For a process that ends with the command (the console entry point): the collector
    stays off to the end. Turning it back on when the command returns would have it scan the
    whole campaign model once (a quarter of a second for 50,000 people) just before exit."""
    gc.disable()


@contextmanager
def collector_running() -> Iterator[None]:
    """Within a paused stretch, for work that leaves reference cycles (python-docx, lxml
    proxies): the collector runs over the new objects only (what exists now is frozen out
    of its scans)."""
    paused = not gc.isenabled()
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.unfreeze()
        if paused:
            gc.disable()
