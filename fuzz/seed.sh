#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/) from the project's queries, the
# hunting corpus (../shared when present) and the pipeline tails in seeds/tails.kql.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/parse corpus/check corpus/run_datatable
n=0
for f in ../queries/*.kql ../../shared/corpus/sentinel/*.kql ../../shared/conformance/*.kql; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  cp "$f" "corpus/parse/seed-$n.kql"
  cp "$f" "corpus/check/seed-$n.kql"
done
# One tail per line; the first byte chooses 4 rows of cells (see run_datatable.rs).
i=0
while IFS= read -r tail; do
  [ -n "$tail" ] || continue
  i=$((i + 1))
  printf '\x04\x01\x12\x23\x34\x45\x56\x67\x78%s' "$tail" > "corpus/run_datatable/tail-$i"
  printf '%s\n' "T | $tail" > "corpus/check/tail-$i.kql"
done < seeds/tails.kql
echo "seeded $n queries and $i tails"
