#!/usr/bin/env bash
# Times one benchmark of two simroi_bench binaries in alternation, pinned to
# one core, and prints each round's CPU time (ns) and the ratio NEW / OLD,
# then the median ratio. Alternating rounds keep the ratio meaningful when
# the (virtual) machine's speed drifts (docs/performance.md).
#
#   bench/alternate.sh OLD_BENCH NEW_BENCH [BENCHMARK] [ROUNDS]
#
# BENCHMARK is one benchmark's exact name (default BM_ModelRun), ROUNDS the
# number of pairs (default 11); MIN_TIME in the environment is each round's
# --benchmark_min_time in seconds (default 0.3; 2 narrows the spread of the
# ratios on a noisy machine, at 7x the time). OLD_BENCH may be a binary of an older commit,
# built from `git archive COMMIT | tar -x -C DIR` with the default preset; it
# reads its own scenarios/ (SIMROI_SOURCE_DIR of its build).
set -euo pipefail
old=$1
new=$2
name=${3:-BM_ModelRun}
rounds=${4:-11}
cpu_ns() {
  taskset -c 0 "$1" --benchmark_filter="^${name}\$" --benchmark_min_time="${MIN_TIME:-0.3}" \
    --benchmark_format=csv 2>/dev/null | awk -F, -v n="\"$name\"" '$1 == n { print $4 }'
}
ratios=()
printf 'round  old_ns  new_ns  new/old\n'
for ((r = 1; r <= rounds; ++r)); do
  a=$(cpu_ns "$old")
  b=$(cpu_ns "$new")
  q=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')
  ratios+=("$q")
  printf '%5d  %6.1f  %6.1f  %s\n' "$r" "$a" "$b" "$q"
done
printf '%s\n' "${ratios[@]}" | sort -n |
  awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
         printf "median new/old %.3f (min %.3f, max %.3f, %d rounds)\n", m, v[1], v[NR], NR }'
