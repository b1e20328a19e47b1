#!/usr/bin/env bash
# Scale-out overhead on one machine: a 4-task Slurm job array (Docs/Distributed/ingest.sbatch)
# plus `sluice merge`, against one `--jobs 2` run over the same generated crawl.
# Needs root and ../shared/tools/slurm. Usage: scripts/bench-distributed.sh SLUICE_BINARY N [WORKDIR]
set -euo pipefail
bin=$(realpath "$1"); n=$2; work=${3:-/tmp/sluice-bench-dist-$n}
here=$(cd "$(dirname "$0")/.." && pwd)
slurm=$here/../shared/tools/slurm
rm -rf "$work"; mkdir -p "$work"
python3 "$here/scripts/generate-crawl.py" "$n" "$work/crawl" >/dev/null
echo "N=$n inputs, $(du -sb "$work/crawl" | cut -f1) bytes"
bash "$slurm/start-slurm.sh" >/dev/null 2>&1
trap 'bash "$slurm/stop-slurm.sh" >/dev/null 2>&1' EXIT
now() { date +%s.%N; }

t0=$(now); "$bin" ingest "$work/crawl" --out "$work/single" --jobs 2 --progress none >/dev/null; t1=$(now)
single=$(python3 -c "print(f'{$t1-$t0:.2f}')")
echo "one run, --jobs 2: ${single} s"

: > "$work/sluice.toml"
export_vars="ALL,SHARDS=4,CRAWL=$work/crawl,RUN=$work/run,CONFIG=$work/sluice.toml,SLUICE=$bin"
t0=$(now)
job=$(sbatch --parsable --array=0-3 --mem=0 --cpus-per-task=1 --export="$export_vars" \
  --output="$work/ingest-%A_%a.out" "$here/Docs/Distributed/ingest.sbatch")
while [ -n "$(squeue -h -j "$job" 2>/dev/null)" ]; do sleep 0.2; done
t1=$(now)
"$bin" merge "$work"/run/shard-*-of-4 --out "$work/final" >/dev/null
t2=$(now)
python3 - "$work" "$t0" "$t1" "$t2" "$single" <<'PY'
import json, sys
work, t0, t1, t2, single = sys.argv[1], *map(float, sys.argv[2:])
tasks = [json.load(open(f"{work}/run/shard-{k}-of-4/manifest.json"))["elapsed_seconds"] for k in range(4)]
merged = json.load(open(f"{work}/final/manifest.json"))
records = merged["corpus"]["records"]
array, merge = t1 - t0, t2 - t1
print(f"array of 4 (2 at a time on 2 cores, --jobs 1 each): {array:.2f} s; tasks' own elapsed: "
      + ", ".join(f"{t:.2f}" for t in tasks) + " s")
print(f"merge: {merge:.2f} s for {records} records ({records / merge:,.0f} records/s), files {merged['merge']['files']}")
total = array + merge
print(f"array + merge: {total:.2f} s = {total / single:.2f} x the single run; merge is {merge / total:.1%} of it;"
      f" scheduling and start-up (array wall - slowest pair of tasks) about {array - (sorted(tasks)[-1] + sorted(tasks)[-2]):.2f} s")
PY
