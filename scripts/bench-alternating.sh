#!/usr/bin/env bash
# Two ways of ingesting the same generated crawl, run ROUNDS times each,
# alternating (so a busy moment of a shared host hits both), then the medians
# of wall and CPU time (user + system, worker processes included) and their
# ratio. Usage:
#   scripts/bench-alternating.sh SLUICE_BINARY N ROUNDS LABEL_A "ARGS_A" LABEL_B "ARGS_B" [WORKDIR]
# e.g. what isolation costs:  ... 10000 7 "in process" "--no-isolate" "isolated" ""
#      what a second core buys: ... 10000 5 "jobs 1" "--no-isolate --jobs 1" "jobs 2" "--no-isolate --jobs 2"
set -euo pipefail
bin=$1; n=$2; rounds=$3; label_a=$4; args_a=$5; label_b=$6; args_b=$7
work=${8:-/tmp/sluice-bench-alternating-$n}
rm -rf "$work"; mkdir -p "$work"
python3 "$(dirname "$0")/generate-crawl.py" "$n" "$work/crawl" > /dev/null
run() {  # args (one word-split string): prints wall seconds and CPU seconds
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" ingest "$work/crawl" --out "$work/out" --overwrite \
    --progress none $1 > /dev/null
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"
}
: > "$work/a"; : > "$work/b"
for r in $(seq "$rounds"); do
  read -r wa ca < <(run "$args_a"); echo "$wa $ca" >> "$work/a"
  read -r wb cb < <(run "$args_b"); echo "$wb $cb" >> "$work/b"
  echo "round $r: $label_a ${wa} s wall, ${ca} s CPU; $label_b ${wb} s wall, ${cb} s CPU"
done
python3 - "$work/a" "$work/b" "$label_a" "$label_b" <<'PY'
import statistics, sys
def load(p): return [tuple(map(float, l.split())) for l in open(p)]
a, b, la, lb = load(sys.argv[1]), load(sys.argv[2]), sys.argv[3], sys.argv[4]
for i, name in ((0, "wall"), (1, "CPU")):
    ma, mb = statistics.median(x[i] for x in a), statistics.median(x[i] for x in b)
    print(f"median {name}: {la} {ma:.2f} s, {lb} {mb:.2f} s: {lb} takes {100 * (mb / ma - 1):+.1f}% ({la} / {lb} = {ma / mb:.2f}x)")
PY
rm -rf "$work"
