#!/usr/bin/env python3
"""Times `kql run` of both seed queries over an EmailEvents file, end to end (process
start to exit: wall clock and peak RSS of the child) and per phase (`--stats`), and
prints each result's checksum (shared/bench/README.md) to compare with the published
ones or with DuckDB's (`bench_duckdb.py`).

    cargo build --release -p kql-cli -p kql-bench
    target/release/gen-email-events --rows 1000000 --format jsonl --out /tmp/ee_1m.jsonl
    python3 scripts/bench.py /tmp/ee_1m.jsonl [--runs 3] [--kql target/release/kql]

Prints one line per query: best wall time, peak memory, load and execute (the query
alone) from --stats, result rows and checksum. `KQL_THREADS=1` makes kql load on one
core.
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from result_checksum import checksum  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUERIES = {
    "conversation takeover": os.path.join(ROOT, "queries", "conversation_takeover.kql"),
    "partner BEC": os.path.join(ROOT, "queries", "partner_bec_top_domains.kql"),
}
NOW = "2026-05-10T00:00:00Z"


def measure(argv, env=None):
    """(wall s, peak RSS MB, stdout bytes, stderr bytes) of one run, via wait4."""
    # The child writes to files, not pipes: a full stderr pipe would block it while we
    # read stdout, and wait4 (for the peak memory) must reap it itself.
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out_f, stderr=err_f, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"{argv[0]} failed ({p.returncode}):\n{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024.0, out, err


def phase(stats, name):
    m = re.search(rf"^\s+{re.escape(name)}\s+([0-9.]+) ms", stats, re.M)
    return float(m.group(1)) / 1000.0 if m else float("nan")


def best_of(runs, run):
    """The result (a dict with `wall`) of the fastest of `runs` calls of `run`."""
    return min((run() for _ in range(runs)), key=lambda r: r["wall"])


def bench_kql(kql, path, runs):
    """{query: dict(wall, rss, load, execute, rows, sha)} (best of `runs` by wall)."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, query in QUERIES.items():
            out_csv = os.path.join(tmp, "result.csv")
            argv = [kql, "run", "--table", f"EmailEvents={path}", "--now", NOW, "--stats",
                    "--format", "csv", "--output", out_csv, query]

            def run():
                wall, rss, _, err = measure(argv)
                stats = err.decode()
                return dict(wall=wall, rss=rss, load=phase(stats, "load"), execute=phase(stats, "execute"))

            best = best_of(runs, run)
            with open(out_csv, newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))[1:]
            best["rows"], best["sha"] = checksum(rows)
            results[name] = best
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--kql", default=os.path.join(ROOT, "target", "release", "kql"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    res = bench_kql(a.kql, a.file, a.runs)
    print(f"{'query':<24}{'wall':>8}{'peak MB':>9}{'load':>8}{'execute':>9}{'rows':>7}  sha256")
    for name, r in res.items():
        print(f"{name:<24}{r['wall']:>7.2f}s{r['rss']:>9.0f}{r['load']:>7.2f}s{r['execute']:>8.3f}s"
              f"{r['rows']:>7}  {r['sha']}")


if __name__ == "__main__":
    main()
