"""`make bench-corpus`: `corpus build` of ../shared/national_pdfs (132 reports) with `-j 2` and on a
two-worker Dask LocalCluster, and the scaling from one to two cluster workers.

For each run: wall time, pages per second, CPU seconds of the workers (what contention on a shared
machine does not change) and the peak RSS of each worker. The scaling is measured on a sample of
the reports (every ``--sample``-th file) run on one worker and on two, so that the one-worker run
does not take the whole corpus's time twice. The load average before and after each run is printed:
on a machine shared with other jobs the wall times mean little without it. Figures are printed and
written to bench/results/corpus_bench.json, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NATIONAL = REPO.parent / "shared" / "national_pdfs"
EXE = Path(sys.executable).with_name("narrative-extract")


class RssSampler(threading.Thread):
    """Peak RSS of every descendant process of ``root`` (sampled every 0.2 s)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peaks, self.stopped = root, {}, threading.Event()

    def run(self) -> None:
        import psutil

        parent = psutil.Process(self.root)
        while not self.stopped.is_set():
            for proc in parent.children(recursive=True):
                try:
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
            time.sleep(0.2)


def mib(n: float) -> float:
    return round(n / 2**20, 1)


def pages_of(db: Path) -> tuple[int, int, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COALESCE(SUM(pages), 0), COUNT(*), SUM(status = 'error') FROM reports").fetchone()
    finally:
        conn.close()


def local_run(files: list[str], jobs: int, out: Path) -> dict:
    """`narrative-extract corpus build -j N` as a subprocess; RSS of its worker processes sampled."""
    db = out / f"local_j{jobs}.sqlite"
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([str(EXE), "corpus", "build", *files, "--db", str(db), "-j", str(jobs), "-q"])
    sampler = RssSampler(proc.pid)
    sampler.start()
    proc.wait()
    wall = time.perf_counter() - start
    sampler.stopped.set()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    pages, reports, errors = pages_of(db)
    return {"run": f"-j {jobs}", "reports": reports, "errors": errors, "pages": pages, "wall_s": round(wall, 1),
            "pages_per_s": round(pages / wall, 2),
            "cpu_s": round(cpu := after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
            "pages_per_cpu_s": round(pages / cpu, 2) if cpu else None,
            "worker_peak_rss_mib": sorted(mib(v) for v in sampler.peaks.values()),
            "load_before": round(load, 1), "load_after": round(os.getloadavg()[0], 1)}


def _worker_usage() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def cluster_run(files: list[str], workers: int, out: Path, name: str) -> dict:
    """`corpus build --scheduler` against a fresh LocalCluster of ``workers`` single-thread processes."""
    from distributed import Client, LocalCluster

    from narrative_extract import api

    db = out / f"{name}.sqlite"
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        started = time.perf_counter() - start
        with Client(cluster) as client:
            cpu0 = dict(client.run(_worker_usage))
        t0 = time.perf_counter()
        api.corpus_build(files, str(db), scheduler=cluster.scheduler_address)
        wall = time.perf_counter() - t0
        with Client(cluster) as client:
            usage = client.run(_worker_usage)
    pages, reports, errors = pages_of(db)
    return {"run": f"LocalCluster {workers} worker(s)", "reports": reports, "errors": errors, "pages": pages,
            "cluster_start_s": round(started, 1), "wall_s": round(wall, 1), "pages_per_s": round(pages / wall, 2),
            "cpu_s": round(cpu := sum(c - cpu0.get(w, (0, 0))[0] for w, (c, _) in usage.items()), 1),
            "pages_per_cpu_s": round(pages / cpu, 2) if cpu else None,
            "worker_peak_rss_mib": sorted(mib(rss) for _, rss in usage.values()),
            "load_before": round(load, 1), "load_after": round(os.getloadavg()[0], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=8, help="scaling runs use every N-th report (default 8)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N reports (a quick try of the bench)")
    args = parser.parse_args()
    if not NATIONAL.is_dir():
        print(f"skipped: {NATIONAL} not found (the national reports are not committed)")
        return
    files = sorted(str(p) for p in NATIONAL.glob("*.pdf"))[:args.limit or None]
    sample = files[::args.sample]
    print(f"{len(files)} reports; scaling sample {len(sample)}; {os.cpu_count()} CPUs", flush=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for run in (lambda: local_run(files, 2, out), lambda: cluster_run(files, 2, out, "cluster2"),
                    lambda: cluster_run(sample, 1, out, "sample_cluster1"),
                    lambda: cluster_run(sample, 2, out, "sample_cluster2")):
            results.append(run())
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    one, two = results[2], results[3]
    scaling = {"sample_reports": len(sample), "one_worker_wall_s": one["wall_s"], "two_workers_wall_s": two["wall_s"],
               "speed_up": round(one["wall_s"] / two["wall_s"], 2) if two["wall_s"] else None}
    print("scaling 1 → 2 workers:", json.dumps(scaling))
    dest = REPO / "bench" / "results"
    dest.mkdir(exist_ok=True)
    (dest / "corpus_bench.json").write_text(json.dumps({"runs": results, "scaling": scaling}, indent=1,
                                                       ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
