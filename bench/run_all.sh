#!/usr/bin/env bash
# Every number in the README: run all benchmarks (not part of the tests) and keep their tables.
# Needs the bench extra: pip install ".[bench]"   Takes about 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/results
mkdir -p "$out"
export PYTHONPATH=src
python bench/bench_repair.py --json "$out/repair.json" | tee "$out/repair.md"
python bench/bench_align.py | tee "$out/align.md"
python bench/bench_extract.py --json "$out/extract.json" | tee "$out/extract.md"
python bench/bench_columns.py | tee "$out/columns.md"
python bench/bench_batch.py | tee "$out/batch.md"
