"""Many reports at once: each file's records, in input order, on one or several processes.

A batch of thousands of reports is CPU-bound and every report is independent, so ``jobs`` worker
processes give close to ``jobs`` times the throughput (each worker loads spaCy and jieba once; see
``bench/run_bench.py`` for figures). Whatever the number of jobs, the output order is the order of
the inputs, and a file that cannot be read becomes an ``Outcome`` with an ``error`` instead of
records while the others go on: the worker catches everything, so one report's failure never
costs the batch the rest.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from .errors import InputError

#: One record: a dict for the commands' JSON lines, a ``ReasonRecord`` for ``api.reasons``.
R = TypeVar("R")

#: ``records(path)`` → the file's records; must be a module-level function (it is sent to workers).
RecordsOf = Callable[[str], Iterable[R]]


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """One input file: its records, or why it could not be read."""

    path: str
    records: list[R] = field(default_factory=list)
    error: str | None = None


def internal_error(err: BaseException) -> str:
    """The error text of an unexpected failure, with the place it happened (for a bug report)."""
    where = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"internal error ({type(err).__name__}: {err}{at}); please report it with this file"


def run_one(records: RecordsOf[R], path: str) -> Outcome[R]:
    """One file's outcome; never raises for a problem of the file."""
    try:
        return Outcome(path, list(records(path)))
    except InputError as err:
        return Outcome(path, error=err.reason)
    except Exception as err:  # noqa: BLE001 - a bug on one report must not cost the batch the others
        return Outcome(path, error=internal_error(err))


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_reports(paths: Iterable[str], records: RecordsOf[R], jobs: int = 1) -> Iterator[Outcome[R]]:
    """Each path's ``Outcome`` in input order. ``jobs`` > 1 reads that many files at a time in worker
    processes; ``jobs`` = 0 means one per CPU. With one job (or one file) nothing is forked."""
    paths = list(paths)
    jobs = default_jobs() if jobs == 0 else jobs
    if jobs <= 1 or len(paths) <= 1:
        yield from (run_one(records, p) for p in paths)
        return
    yield from _in_workers(paths, records, jobs)


WORKER_DIED = ("the worker process reading this file died (out of memory, or a crash inside a PDF "
               "library); please report it with this file")


def _in_workers(paths: list[str], records: RecordsOf[R], jobs: int) -> Iterator[Outcome[R]]:
    """``map_reports`` on worker processes. A worker that dies (killed by the system, or a crash in
    native code that no ``except`` can catch) breaks the whole pool and every file in flight with
    it: the first of those is read again alone, to learn whether it is the culprit (then it gets an
    error record) or a bystander, and the rest go on in a fresh pool."""
    pending = list(paths)
    while pending:
        broken_at = None
        with ProcessPoolExecutor(max_workers=min(jobs, len(pending))) as pool:
            futures = [pool.submit(_RunOne(records), p) for p in pending]
            for i, future in enumerate(futures):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    broken_at = i
                    break
        if broken_at is None:
            return
        yield _alone(pending[broken_at], records)
        pending = pending[broken_at + 1:]


def _alone(path: str, records: RecordsOf[R]) -> Outcome[R]:
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_RunOne(records), path).result()
        except BrokenProcessPool:
            return Outcome(path, error=WORKER_DIED)


@dataclass(frozen=True)
class _RunOne(Generic[R]):
    """``run_one`` with its records function bound, as a picklable callable for the workers."""

    records: RecordsOf[R]

    def __call__(self, path: str) -> Outcome[R]:
        return run_one(self.records, path)
