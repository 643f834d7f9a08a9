"""The progress bar of ``corpus build`` on a terminal (rich): reports done of those to do, errors so
far, reports and pages (of PDF reports) per second, time left. Nothing is shown when standard error
is not a terminal."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from .build import Progress as Done


class BuildProgress:
    """Context manager; ``plan`` and ``__call__`` are the ``on_plan``/``on_progress`` of ``corpus_build``."""

    def __init__(self, enabled: bool | None = None, console: Console | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.console = console or Console(stderr=True)
        self.errors = self.pages = self.done = 0
        self.start = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Self:
        if self.enabled:
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[errors]} errors  {task.fields[rate]}"),
                                 TimeRemainingColumn(), console=self.console, transient=False)
            self._bar.__enter__()
        return self

    def plan(self, todo: int, skipped: int) -> None:
        self.start = time.monotonic()
        if self._bar is not None:
            self._task = self._bar.add_task(f"reports ({skipped} unchanged)", total=todo, errors=0, rate="")

    def __call__(self, done: Done) -> None:
        self.errors += done.error is not None
        self.pages += done.pages
        if self._bar is not None and self._task is not None:
            elapsed = max(time.monotonic() - self.start, 1e-6)
            self.done += 1
            rate = f"{self.done / elapsed:.2f} reports/s" + (f", {self.pages / elapsed:.1f} pages/s" if self.pages else "")
            self._bar.update(self._task, advance=1, errors=self.errors, rate=rate)

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, err, tb)
