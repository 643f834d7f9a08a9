"""The reports of a build read on a Dask distributed cluster (``corpus build --scheduler ADDRESS``).

The same per-report function as on local processes (``batch.run_one`` over ``rows.report_rows``)
is submitted once per report; results are taken as they complete and handed back to the caller,
which alone writes the database. Workers must see the files under the same paths as the client
(a shared or copied file system): they are handed absolute paths, and the rows come back under the
path the user gave. A report whose worker died again and again (Dask retries it on others first)
becomes an error, the others go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..batch import Outcome, RecordsOf, internal_error, run_one


def absolute(doc: str) -> str:
    """The report's path(s) made absolute, so that a worker started in another folder finds them."""
    if Path(doc).exists() or "+" not in doc:
        return str(Path(doc).resolve())
    return "+".join(str(Path(part).resolve()) for part in doc.split("+"))


def on_cluster(scheduler: str, paths: list[str], records: RecordsOf) -> Iterator[Outcome]:
    """Each path's ``Outcome``, in the order they complete, computed on the cluster at ``scheduler``."""
    if not paths:
        return
    from distributed import Client, as_completed

    with Client(scheduler, set_as_default=False) as client:
        futures = {client.submit(run_one, records, absolute(p), pure=False, key=f"report-{i}-{absolute(p)}"): p
                   for i, p in enumerate(paths)}
        for future in as_completed(futures, loop=client.loop):
            path = futures.pop(future)
            try:
                got: Outcome = future.result()
            except Exception as err:  # noqa: BLE001 - KilledWorker, a lost connection: this report only
                yield Outcome(path, error=internal_error(err))
            else:
                yield Outcome(path, got.records, got.error)
            future.release()
