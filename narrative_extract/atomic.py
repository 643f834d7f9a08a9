"""Output files written whole or not at all (``-o``).

A batch of thousands of reports runs for hours; a run that stops half-way (Ctrl-C, a crash, a full
disk) must not leave a truncated file where the previous complete one was. So the records go to a
temporary file beside the target, which replaces the target only when everything is written. A
target that cannot be written is found before any report is read: hours of work are not lost to a
typo in a folder name.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """The output file cannot be written. ``str(err)`` names the file and says why."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _is_special(path: Path) -> bool:
    """/dev/null, /dev/stdout, a FIFO: written in place — renaming a file over them would replace them."""
    try:
        return not stat.S_ISREG(path.stat().st_mode) and not path.is_dir()
    except OSError:
        return False


def check_writable(path: Path) -> None:
    """Raise OutputError unless ``path`` can be written (or replaced) as an output file."""
    if path.is_dir():
        raise OutputError(path, "is a directory; give a file name")
    if _is_special(path):
        if not os.access(path, os.W_OK):
            raise OutputError(path, "not writable")
        return
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(path, f"folder {folder} does not exist")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(path, "the file exists and is read-only")
    # os.access does not know about read-only mounts or quotas: create (and drop) a file there
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".probe")
    except OSError as err:
        raise OutputError(path, f"cannot write in folder {folder}: {err.strerror}") from None
    os.close(fd)
    os.unlink(probe)


def _default_mode() -> int:
    """The permissions a plain ``open(path, "w")`` would give (mkstemp gives 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """A text file that becomes ``path`` when the block ends normally; on any exception the
    temporary file is removed and an existing ``path`` is left as it was. OSError while writing
    (a full disk) is raised as OutputError."""
    check_writable(path)
    if _is_special(path):
        try:
            with path.open("w", encoding="utf-8") as fh:
                yield fh
        except OSError as err:  # /dev/full
            raise OutputError(path, f"cannot write: {err.strerror or err}") from None
        return
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:  # a full disk, while writing or when the last buffer is flushed
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, f"cannot write: {err.strerror or err}") from None
    except BaseException:
        # KeyboardInterrupt included: an interrupted run leaves the previous file in place
        Path(tmp).unlink(missing_ok=True)
        raise
