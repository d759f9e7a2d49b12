#!/usr/bin/env python3
"""Runs both seed queries through kql and through DuckDB on the same EmailEvents file
(JSONL or CSV), side by side, and prints both engines' times, peak memory and their
ratio, and whether their results agree (checksums of shared/bench/README.md).

    python3 scripts/bench_duckdb.py FILE [--runs 3] [--kql target/release/kql] [--expect-rows A,B]

Installs the `duckdb` Python package with pip when it is missing. DuckDB runs in a
fresh process per query that loads only the columns the query reads (read_json /
read_csv with explicit columns), runs the query and fetches the result: the same
work as `kql run`. "query alone" is the query over the columns already in memory
(DuckDB: a table, 2 threads and 1 thread; kql: the execute phase of --stats).
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ROOT, bench_kql, best_of, measure  # noqa: E402

CUTOFF = "2026-05-09 20:00:00+00"  # ago(4h) at --now 2026-05-10T00:00:00Z

COLUMNS = {
    "conversation takeover": ["Timestamp", "DeliveryAction", "SenderMailFromAddress",
                              "RecipientEmailAddress", "SenderFromDomain", "DeliveryLocation",
                              "EmailDirection", "OrgLevelAction", "UserLevelAction", "Subject",
                              "NetworkMessageId", "ThreatTypes", "DetectionMethods"],
    "partner BEC": ["EmailDirection", "RecipientEmailAddress", "SenderFromDomain", "ThreatTypes"],
}

# The seed queries in SQL, over a relation `e` of the columns above. KQL's `contains`
# ignores case; a left-outer join's unmatched right columns read as "" (so a match on
# SenderFromDomain == "" is kept, as KQL keeps it); split(x, "@")[1] past the end is
# null, and tostring(null) is "".
SQL = {
    "conversation takeover": f"""
WITH hist AS (SELECT * FROM e WHERE Timestamp < TIMESTAMPTZ '{CUTOFF}' AND DeliveryAction = 'Delivered'),
pairs AS (SELECT DISTINCT SenderMailFromAddress || '|' || RecipientEmailAddress AS Pair FROM hist),
doms AS (SELECT DISTINCT SenderFromDomain FROM hist),
recent AS (
  SELECT SenderMailFromAddress || '|' || RecipientEmailAddress AS Pair, NetworkMessageId, SenderFromDomain,
         SenderMailFromAddress, RecipientEmailAddress, DeliveryAction, ThreatTypes, DetectionMethods,
         NOT (contains(lower(Subject), 're:') OR contains(lower(Subject), 'fw:')) AS NewMsg, Subject
  FROM e
  WHERE Timestamp >= TIMESTAMPTZ '{CUTOFF}' AND DeliveryLocation <> 'Quarantine' AND EmailDirection = 'Inbound'
    AND OrgLevelAction <> 'Block' AND UserLevelAction <> 'Block')
SELECT DISTINCT r.* FROM recent r
WHERE NOT r.NewMsg
  AND r.Pair NOT IN (SELECT Pair FROM pairs)
  AND (r.SenderFromDomain = '' OR r.SenderFromDomain NOT IN (SELECT SenderFromDomain FROM doms))
""",
    "partner BEC": """
WITH outb AS (
  SELECT coalesce(string_split(RecipientEmailAddress, '@')[2], '') AS d, count(*) AS c
  FROM e WHERE EmailDirection = 'Outbound' GROUP BY d),
thr AS (
  SELECT SenderFromDomain AS d, count(*) AS n
  FROM e WHERE EmailDirection = 'Inbound' AND ThreatTypes <> '' GROUP BY d)
SELECT thr.d AS SenderFromDomain, outb.c AS OutboundEmails, thr.n AS IncomingEmailsWithThreats
FROM outb JOIN thr ON outb.d = thr.d ORDER BY OutboundEmails DESC
""",
}

# What each DuckDB child process runs: argv = [mode, file, query name].
CHILD = r"""
import json, sys, time, duckdb
sys.path.insert(0, sys.argv[4])
from result_checksum import checksum
from bench_duckdb import COLUMNS, SQL, source
mode, path, name = sys.argv[1:4]
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute("SET enable_progress_bar = false")
src = source(path, COLUMNS[name])
def text(v):
    return "" if v is None else ("true" if v is True else "false" if v is False else str(v))
if mode == "cold":
    sql = f"WITH e AS (SELECT * FROM {src}), " + SQL[name].lstrip().removeprefix("WITH ")
    rows = con.execute(sql).fetchall()
    n, sha = checksum([[text(v) for v in r] for r in rows])
    print(json.dumps({"rows": n, "sha": sha}))
else:
    con.execute(f"CREATE TABLE e AS SELECT * FROM {src}")
    out = {}
    for threads in (2, 1):
        con.execute(f"SET threads = {threads}")
        best = None
        for _ in range(5):
            t = time.perf_counter()
            con.execute(SQL[name]).fetchall()
            d = time.perf_counter() - t
            best = d if best is None else min(best, d)
        out[f"t{threads}"] = best
    print(json.dumps(out))
"""


def source(path, columns):
    """The DuckDB table function reading only `columns` of the file."""
    types = {c: ("TIMESTAMPTZ" if c == "Timestamp" else "VARCHAR") for c in columns}
    spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
    if path.endswith(".csv"):
        # read_csv reads the header; only the selected columns are materialised. An
        # empty CSV field is NULL to DuckDB and "" to KQL (strings are never null).
        cols = ", ".join(c if c == "Timestamp" else f"coalesce({c}, '') AS {c}" for c in columns)
        return (f"(SELECT {cols} FROM read_csv('{path}', header = true, all_varchar = true, "
                f"types = {{'Timestamp': 'TIMESTAMPTZ'}}))")
    return f"read_json('{path}', format = 'newline_delimited', columns = {spec})"


def last_json(out):
    """The JSON object a child printed last (anything before it is DuckDB's)."""
    return json.loads(out.decode().strip().splitlines()[-1])


def ensure_duckdb():
    if importlib.util.find_spec("duckdb") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"], check=True)


def bench_duckdb(path, runs):
    here = os.path.dirname(os.path.abspath(__file__))
    res = {}
    for name in SQL:
        def cold():
            wall, rss, out, _ = measure([sys.executable, "-c", CHILD, "cold", path, name, here])
            return dict(wall=wall, rss=rss, **last_json(out))

        best = best_of(runs, cold)
        _, _, out, _ = measure([sys.executable, "-c", CHILD, "warm", path, name, here])
        best.update(last_json(out))
        res[name] = best
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--kql", default=os.path.join(ROOT, "target", "release", "kql"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    ensure_duckdb()
    path = os.path.abspath(a.file)
    k = bench_kql(a.kql, path, a.runs)
    d = bench_duckdb(path, a.runs)
    fmt = os.path.splitext(path)[1].lstrip(".")
    print(f"{os.path.basename(path)} ({os.path.getsize(path) / 1e9:.2f} GB {fmt}), best of {a.runs}")
    print(f"{'query':<23}|{'kql':>17} |{'duckdb':>17} | ratio | {'kql query':>9} | {'duckdb 2t / 1t':>15} | same result")
    ok = True
    for name in SQL:
        kr, dr = k[name], d[name]
        same = (kr["rows"], kr["sha"]) == (dr["rows"], dr["sha"])
        ok &= same
        print(f"{name:<23}|{kr['wall']:>6.2f} s {kr['rss']:>5.0f} MB |{dr['wall']:>6.2f} s {dr['rss']:>5.0f} MB |"
              f"{kr['wall'] / dr['wall']:>6.2f} | {kr['execute'] * 1000:>6.0f} ms | {dr['t2'] * 1000:>5.0f} / {dr['t1'] * 1000:>4.0f} ms |"
              f" {'yes' if same else 'NO'} ({kr['rows']} rows, {kr['sha'][:12]})")
    if not ok:
        for name in SQL:
            print(f"  {name}: kql {k[name]['rows']} {k[name]['sha']}, duckdb {d[name]['rows']} {d[name]['sha']}")
        sys.exit(1)


if __name__ == "__main__":
    main()
