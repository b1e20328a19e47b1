#!/usr/bin/env bash
# Overnight-run throughput: N generated inputs, --jobs 1 and 2, in process
# (--no-isolate) and isolated (the default), and an unchanged re-run. Prints wall time, docs/s, MB/s
# and peak RSS per run. Usage: scripts/bench-overnight.sh SLUICE_BINARY N [WORKDIR]
set -euo pipefail
bin=$1; n=$2; work=${3:-/tmp/sluice-bench-$n}
rm -rf "$work"; mkdir -p "$work"
python3 "$(dirname "$0")/generate-crawl.py" "$n" "$work/crawl"
bytes=$(du -sb "$work/crawl" | cut -f1)
echo "N=$n inputs, $bytes bytes"
run() {  # label, extra args
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" ingest "$work/crawl" --out "$work/out" --progress none "$@" > "$work/summary"
  read -r secs rss < "$work/time"
  docs=$(grep -oE '^  inputs +[0-9]+' "$work/summary" | grep -oE '[0-9]+$')
  echo "$label: ${secs}s, $(python3 -c "print(f'{$docs/$secs:.0f} inputs/s, {$bytes/1e6/$secs:.1f} MB/s')"), peak RSS $((rss / 1024)) MB"
}
run "--no-isolate --jobs 1" --overwrite --no-isolate --jobs 1
run "--no-isolate --jobs 2" --overwrite --no-isolate --jobs 2
run "isolated --jobs 1" --overwrite --jobs 1
run "isolated --jobs 2" --overwrite --jobs 2
run "default (isolated, 2 workers per core)" --overwrite
run "unchanged re-run (default)"
rm -rf "$work"
