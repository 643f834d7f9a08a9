"""Many reports at once: each file's records, in input order, each file within its budget.

A batch of thousands of reports is CPU-bound and every report is independent, so ``jobs`` worker
processes give close to ``jobs`` times the throughput (each worker loads spaCy and jieba once; see
``bench/run_bench.py`` for figures). Whatever the number of jobs, the output order is the order of
the inputs, and a file that cannot be read becomes an ``Outcome`` with an ``error`` instead of
records while the others go on.

Every file has a ``Budget``: wall-clock seconds and memory. A file is read in a worker process
(even with one job) that is killed when the file takes longer than its seconds; a file that needs
more memory than its budget fails its allocation inside the worker (``RLIMIT_AS``). Either way the
file becomes its error record (``took longer than 120 s``), a fresh worker takes the next file,
and a slow file holds the output back no longer than its budget. A worker that dies (the OOM
killer, a crash in native code) costs only the file it was reading. Workers ignore Ctrl-C, are
killed when the batch stops for any reason, and die with their parent (``PR_SET_PDEATHSIG``), so
a killed batch leaves no orphan workers.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Generic, TypeVar

from .errors import InputError
from .settings import DEFAULT_SETTINGS, Settings

#: One record: a dict for the commands' JSON lines, a ``ReasonRecord`` for ``api.reasons``.
R = TypeVar("R")

#: ``records(path)`` → the file's records; a module-level function (workers run it).
RecordsOf = Callable[[str], Iterable[R]]


@dataclass(frozen=True)
class Outcome(Generic[R]):
    """One input file: its records, or why it could not be read."""

    path: str
    records: list[R] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class Budget:
    """What reading one file may cost: wall-clock seconds and memory in MB (None: no limit)."""

    seconds: float | None = DEFAULT_SETTINGS.file_seconds
    memory_mb: int | None = DEFAULT_SETTINGS.file_memory_mb

    @classmethod
    def of(cls, settings: Settings) -> Budget:
        return cls(settings.file_seconds, settings.file_memory_mb)

    @property
    def limited(self) -> bool:
        return self.seconds is not None or self.memory_mb is not None

    def too_long(self) -> str:
        return f"took longer than {self.seconds:g} s"

    def too_big(self) -> str:
        return f"needed more than {self.memory_mb} MB of memory"


DEFAULT_BUDGET = Budget()
NO_BUDGET = Budget(None, None)

WORKER_DIED = ("the worker process reading this file died (out of memory, or a crash inside a PDF "
               "library); please report it with this file")


def internal_error(err: BaseException) -> str:
    """The error text of an unexpected failure, with the place it happened (for a bug report)."""
    where = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"internal error ({type(err).__name__}: {err}{at}); please report it with this file"


OUT_OF_MEMORY = "ran out of memory"


def run_one(records: RecordsOf[R], path: str) -> Outcome[R]:
    """One file's outcome; never raises for a problem of the file."""
    try:
        return Outcome(path, list(records(path)))
    except InputError as err:
        return Outcome(path, error=err.reason)
    except MemoryError:
        return Outcome(path, error=OUT_OF_MEMORY)
    except Exception as err:  # noqa: BLE001 - a bug on one report must not cost the batch the others
        return Outcome(path, error=internal_error(err))


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_reports(paths: Iterable[str], records: RecordsOf[R], jobs: int = 1,
                budget: Budget = DEFAULT_BUDGET) -> Iterator[Outcome[R]]:
    """Each path's ``Outcome`` in input order. ``jobs`` files are read at a time in worker processes
    (0: one per CPU), each within ``budget``. With one job and no budget, nothing is forked."""
    paths = list(paths)
    jobs = default_jobs() if jobs == 0 else jobs
    if not paths:
        return
    if jobs <= 1 and not budget.limited:
        yield from (run_one(records, p) for p in paths)
        return
    yield from _in_workers(paths, records, min(max(jobs, 1), len(paths)), budget)


# ------------------------------------------------------------------ the workers


def _serve(conn: Connection, records: RecordsOf[Any], memory_mb: int | None, parent: int) -> None:
    """A worker: read the files the parent sends, one at a time, and send back their outcomes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills us
    _die_with_parent(parent)
    if memory_mb is not None:
        limit = memory_mb * 2**20
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent has gone
            return
        if task is None:
            return
        index, path = task
        outcome = run_one(records, path)
        if outcome.error == OUT_OF_MEMORY:
            conn.send((index, None))  # None: over the memory budget; this worker is spent, a new one goes on
            return
        conn.send((index, outcome))


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies, so that no worker outlives its batch."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux: the pipe's EOF still ends an idle worker
        pass
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


class _Worker:
    """One worker process and the file it is reading (``task``) with its deadline."""

    def __init__(self, records: RecordsOf[Any], budget: Budget):
        ctx = multiprocessing.get_context()
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, records, budget.memory_mb, os.getpid()), daemon=True)
        self.proc.start()
        child.close()  # the parent keeps only its end, so that the child's death reads as EOF
        self.task: tuple[int, str] | None = None
        self.deadline: float | None = None

    def give(self, task: tuple[int, str], seconds: float | None) -> None:
        self.task = task
        self.deadline = None if seconds is None else time.monotonic() + seconds
        try:
            self.conn.send(task)
        except OSError:  # it died idle: its pipe reads as EOF and the file gets WORKER_DIED
            pass

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


def _in_workers(paths: list[str], records: RecordsOf[R], jobs: int, budget: Budget) -> Iterator[Outcome[R]]:
    """``map_reports`` on ``jobs`` worker processes, each killed and replaced when its file goes over
    budget or when it dies; outcomes that arrive early wait for those before them."""
    todo = deque(enumerate(paths))
    done: dict[int, Outcome[R]] = {}
    workers: list[_Worker] = []
    ahead = 0  # the next index to yield
    try:
        while ahead < len(paths):
            while todo and len(workers) < jobs:  # a worker for each file that can start now
                workers.append(_Worker(records, budget))
            for w in workers:
                if w.task is None and todo:
                    w.give(todo.popleft(), budget.seconds)
            while ahead in done:
                yield done.pop(ahead)
                ahead += 1
            if ahead == len(paths):
                break
            busy = [w for w in workers if w.task is not None]
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = set(wait([w.conn for w in busy], timeout))
            for w in busy:
                finished = _collect(w, w.conn in ready, budget)
                if finished is None:
                    continue
                done[finished[0]] = finished[1]
                w.task = w.deadline = None
                if not w.proc.is_alive() or finished[2]:
                    w.stop()
                    workers.remove(w)
    finally:
        for w in workers:
            w.stop()


def _collect(w: _Worker, readable: bool, budget: Budget) -> tuple[int, Outcome[Any], bool] | None:
    """The outcome of ``w``'s file if it has one now — read, died, out of memory or over time — and
    whether the worker must be replaced; None while it is still within its budget."""
    assert w.task is not None
    index, path = w.task
    if readable:
        try:
            got, outcome = w.conn.recv()
        except (EOFError, OSError):
            return index, Outcome(path, error=WORKER_DIED), True
        assert got == index
        if outcome is None:
            return index, Outcome(path, error=budget.too_big() if budget.memory_mb else OUT_OF_MEMORY), True
        return index, outcome, False
    if w.deadline is not None and time.monotonic() >= w.deadline:
        return index, Outcome(path, error=budget.too_long()), True
    return None
