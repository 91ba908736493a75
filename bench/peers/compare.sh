#!/usr/bin/env bash
# Time simroi against the vectorised NumPy peer on the same scenario and run count.
#
#   bench/peers/compare.sh [SCENARIO] [RUNS]      (defaults: scenarios/salon.yaml 10000000)
#
# Environment:
#   SIMROI   the simroi binary (default: build/simroi under the repository root)
#   REPS     repetitions per tool, the median is reported (default 3)
#   PYTHON   the Python with numpy/scipy/yaml (default /usr/bin/python3, Debian's)
#
# Each command runs under /usr/bin/time -v (wall clock and maximum RSS).
# Rows: numpy (single process), simroi on all cores, and simroi -j 1 (one
# thread, the like-for-like row against single-threaded NumPy).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scenario="${1:-$root/scenarios/salon.yaml}"
runs="${2:-10000000}"
reps="${REPS:-3}"
python="${PYTHON:-/usr/bin/python3}"
simroi="${SIMROI:-$root/build/simroi}"
model="$here/numpy_model.py"

die() { echo "compare.sh: $*" >&2; exit 1; }

[[ -f "$scenario" ]] || die "no scenario file '$scenario'"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, got '$runs'"
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive whole number, got '$reps'"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: apt-get install -y time"
[[ -x "$python" ]] || die "no Python at '$python' (Debian's: apt-get install -y python3)"
"$python" -c 'import numpy, scipy, yaml' 2>/dev/null ||
  die "$python lacks numpy/scipy/yaml: apt-get install -y python3-numpy python3-scipy python3-yaml"
[[ -f "$model" ]] || die "missing $model"
[[ -x "$simroi" ]] || die "no simroi binary at '$simroi' (build it, or set SIMROI=/path/to/simroi)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# time_one LOGFILE CMD... : run CMD under /usr/bin/time -v, stdout discarded;
# prints "WALL_SECONDS MAXRSS_KIB".
time_one() {
  local log="$1"; shift
  if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$log.stderr"; then
    echo "compare.sh: command failed: $*" >&2
    sed 's/^/  | /' "$log.stderr" >&2 || true
    exit 1
  fi
  awk -F': ' '
    /Elapsed \(wall clock\) time/ {
      n = split($NF, p, ":"); s = 0
      for (i = 1; i <= n; i++) s = s * 60 + p[i]
      wall = s
    }
    /Maximum resident set size/ { rss = $NF }
    END { printf "%.3f %d\n", wall, rss }' "$log"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# bench NAME CMD... : REPS timed runs; writes "$tmp/NAME.wall" / ".rss"
bench() {
  local name="$1"; shift
  local i out wall rss
  : >"$tmp/$name.wall"; : >"$tmp/$name.rss"
  for ((i = 1; i <= reps; i++)); do
    out="$(time_one "$tmp/$name.$i.log" "$@")" || exit 1
    read -r wall rss <<<"$out"
    echo "  $name rep $i: ${wall} s, $((rss / 1024)) MiB" >&2
    echo "$wall" >>"$tmp/$name.wall"
    echo "$rss" >>"$tmp/$name.rss"
  done
}

echo "scenario: $scenario" >&2
echo "runs: $runs, repetitions: $reps, cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The OpenBLAS overrides of this environment slow a current numpy: unset them
# for the numpy command only (they are never touched elsewhere).
bench numpy env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
  "$python" "$model" "$scenario" --runs "$runs" --json
bench simroi "$simroi" "$scenario" -n "$runs" -f json
bench simroi_j1 "$simroi" "$scenario" -n "$runs" -j 1 -f json

np_wall="$(median <"$tmp/numpy.wall")"
printf '\n%-12s %14s %14s %16s\n' tool "median wall s" "peak RSS MiB" "numpy / tool"
for name in numpy simroi simroi_j1; do
  wall="$(median <"$tmp/$name.wall")"
  rss_kib="$(sort -g "$tmp/$name.rss" | tail -1)"
  label="$name"; [[ "$name" == simroi_j1 ]] && label="simroi -j 1"
  ratio="$(awk -v a="$np_wall" -v b="$wall" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')"
  printf '%-12s %14.3f %14.1f %16s\n' "$label" "$wall" "$(awk -v k="$rss_kib" 'BEGIN { print k / 1024 }')" "$ratio"
done
echo "(peak RSS: the largest of the $reps repetitions, in MiB; wall: median)"
