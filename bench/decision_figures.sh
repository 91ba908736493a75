#!/bin/sh
# The figures of docs/performance.md, "Decisions" and "One run, one draw"
# (issue 13), in one go: run it on a QUIET machine (nothing else building or
# benchmarking; check `uptime` before and after) from the source directory:
#
#   bench/decision_figures.sh [BUILD_DIR]        (default: build, the Release preset)
#
# It builds nothing: first `cmake --preset default && cmake --build --preset default`.
# Prints, in order:
#   1. the machine and its load;
#   2. one salon run on one thread (BM_ModelRun, BM_ModelWalkOnly,
#      BM_SamplerDraw/salon), pinned to CPU 0, median of 5 repetitions;
#   3. the decision commands end to end (BM_Decide*: solve at 10^5 runs an
#      evaluation, voi at 10^5 runs, pilot 2,4,8 weeks), median of 5;
#   4. each decision command and its --precision variant under /usr/bin/time
#      (wall, user, sys, peak memory), 3 times each, with the runs the
#      report says it took.
# About 3 minutes on the 2-core development machine.
set -eu
BUILD=${1:-build}
BIN="$BUILD/simroi"
BENCH="$BUILD/bench/simroi_bench"
SALON=scenarios/salon.yaml
for f in "$BIN" "$BENCH" "$SALON"; do
  [ -e "$f" ] || { echo "decision_figures.sh: $f missing (run from the source dir, build first)" >&2; exit 2; }
done

echo "== machine"
date -u '+%Y-%m-%d %H:%M:%S UTC'
git log -1 --format='commit %h %s' 2>/dev/null || true
nproc
uptime

echo "== one salon run, one thread (taskset -c 0), median of 5"
taskset -c 0 "$BENCH" --benchmark_filter='^BM_ModelRun$|^BM_ModelWalkOnly$|^BM_SamplerDraw/salon$' \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true --benchmark_min_time=0.5

echo "== decision commands end to end (BM_Decide*), median of 5"
SIMROI_BENCH_FULL=1 "$BENCH" --benchmark_filter=BM_Decide \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

timed() {
  # $1: a label; the rest: simroi's arguments
  label=$1
  shift
  for i in 1 2 3; do
    /usr/bin/time -f "$label: wall %e s, user %U s, sys %S s, peak %M kB" \
      "$BIN" "$@" -f json >/tmp/decision_figures.json 2>/tmp/decision_figures.err || {
      cat /tmp/decision_figures.err >&2
      exit 1
    }
    tail -n 1 /tmp/decision_figures.err
  done
  # the runs the report says it took (its facts)
  python3 -c 'import json, sys
f = json.load(open(sys.argv[1]))["facts"]
print("   ", ", ".join(f"{k} {f[k]}" for k in ("evaluations", "runs", "runs_total", "data_sets") if k in f))' \
    /tmp/decision_figures.json
}

echo "== /usr/bin/time, 3 runs each, both cores"
timed "solve 10^5" solve "$SALON" --vary costs.implementation --target 'P(payback<=6) >= 90%' --runs 100000
timed "solve --precision default" solve "$SALON" --vary costs.implementation \
  --target 'P(payback<=6) >= 90%' --precision default
timed "sweep 7 points 10^5" sweep "$SALON" --vary costs.implementation=20000:140000:7 --runs 100000
timed "sweep --precision default" sweep "$SALON" --vary costs.implementation=20000:140000:7 \
  --precision default
timed "voi 10^5" voi "$SALON" --runs 100000
timed "voi --precision default" voi "$SALON" --precision default
timed "pilot 2,4,8" pilot "$SALON" --weeks 2,4,8 --cost 20000
timed "pilot --precision default" pilot "$SALON" --weeks 2,4,8 --cost 20000 --precision default
echo "== after"
uptime
