#!/usr/bin/env python3
"""The seed queries' result checksum (shared/bench/README.md) of a CSV result file:

    python3 scripts/result_checksum.py result.csv      ->  <rows> <sha256>

Every value as text (null as empty), a row's values joined with U+001F in column
order, the lines sorted by code point, each ended with a newline, SHA-256 of UTF-8.
"""
import csv
import hashlib
import sys


def checksum(rows):
    lines = sorted("\x1f".join(r) for r in rows)
    return len(lines), hashlib.sha256("".join(l + "\n" for l in lines).encode("utf-8")).hexdigest()


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    n, h = checksum(rows)
    print(n, h)


if __name__ == "__main__":
    main()
