#!/usr/bin/env bash
# Near-duplicate detection, Sluice beside datatrove 0.10.1 MinHash, on the same corpus and
# cores, in one run (Docs/Benchmarks.md, "Near-duplicates"):
#
#   bash Benchmarks/dedup/run.sh [DOCS=100000] [WORK=/tmp/sluice-dedup-bench]
#
# 1. makes a synthetic Chinese government-news crawl with known clusters
#    (scripts/make-synthetic-news.py, 15% of documents in clusters) and ingests it with the
#    release `sluice` (not timed);
# 2. on 1 core (taskset -c 0) and on 2: `sluice dedupe` on a fresh copy of the corpus, then
#    datatrove's four MinHash stages (datatrove_minhash.py, character 5-grams, 14 x 8) on the
#    same records; each scored with score_dedup.py against the generator's truth;
# 3. incremental: a crawl of DOCS + 10% documents, first without a random tenth of them
#    (night one), then whole (night two): `sluice dedupe` timed after each night's ingest.
# Needs python3 with venv, and network access to PyPI once (datatrove into WORK/venv).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/Benchmarks/dedup
DOCS=${1:-100000}
WORK=${2:-/tmp/sluice-dedup-bench}
mkdir -p "$WORK"
SLUICE=$ROOT/.build/release/sluice
(cd "$ROOT" && swift build -c release --product sluice >/dev/null)
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q "datatrove[processing]==0.10.1" orjson
fi
PY=$WORK/venv/bin/python
timed() { /usr/bin/time -f "  wall %e s, cpu %U+%S s, peak %M KB" "$@"; }

if [ ! -f "$WORK/truth.jsonl" ]; then
  python3 "$ROOT/scripts/make-synthetic-news.py" "$WORK/crawl" --docs "$DOCS" --seed 7 --dup-share 0.15 \
    --truth "$WORK/truth.jsonl"
fi
if [ ! -f "$WORK/corpus/manifest.json" ]; then
  "$SLUICE" ingest "$WORK/crawl" --out "$WORK/corpus" --progress none --no-report-html >/dev/null
fi
[ -f "$WORK/corpus/dedup.sqlite" ] && { echo "$WORK/corpus was deduplicated: delete it to start afresh" >&2; exit 1; }

for cores in 1 2; do
  cpus=$([ "$cores" = 1 ] && echo 0 || echo 0-1)
  echo "== $cores core(s): sluice dedupe"
  # A copy: the pass rewrites the corpus it runs on.
  rm -rf "$WORK/run" && mkdir "$WORK/run" && cp -r "$WORK/corpus/." "$WORK/run/"
  timed taskset -c "$cpus" "$SLUICE" dedupe "$WORK/run" --jobs "$cores"
  "$PY" "$HERE/score_dedup.py" "$WORK/truth.jsonl" "$WORK/run" | sed -n '2,5p;7p'
  echo "== $cores core(s): datatrove MinHash"
  timed taskset -c "$cpus" "$PY" "$HERE/datatrove_minhash.py" --input "$WORK/corpus" \
    --out "$WORK/datatrove-$cores.jsonl" --workers "$cores" 2>/dev/null | grep -E "total|docs/s"
  "$PY" "$HERE/score_dedup.py" "$WORK/truth.jsonl" "$WORK/datatrove-$cores.jsonl" | sed -n '2,5p;7p'
done

echo "== incremental: night one (90% of the crawl), night two (all of it)"
N2=$((DOCS + DOCS / 10))
if [ ! -f "$WORK/truth-inc.jsonl" ]; then
  python3 "$ROOT/scripts/make-synthetic-news.py" "$WORK/crawl-inc-all" --docs "$N2" --seed 8 --dup-share 0.15 \
    --truth "$WORK/truth-inc.jsonl"
fi
rm -rf "$WORK/crawl-inc" "$WORK/corpus-inc"
# Night one leaves out the files whose path hashes to 0 mod 11 (about one in eleven: a tenth of night one).
python3 - "$WORK/crawl-inc-all" "$WORK/crawl-inc" <<'PY'
import hashlib, os, shutil, sys
src, dst = sys.argv[1:3]
for d, _, files in os.walk(src):
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), src)
        if int(hashlib.sha1(rel.encode()).hexdigest(), 16) % 11 == 0:
            continue
        os.makedirs(os.path.join(dst, os.path.dirname(rel)), exist_ok=True)
        os.link(os.path.join(src, rel), os.path.join(dst, rel))
PY
"$SLUICE" ingest "$WORK/crawl-inc" --out "$WORK/corpus-inc" --progress none --no-report-html >/dev/null
echo "night one:"
timed taskset -c 0-1 "$SLUICE" dedupe "$WORK/corpus-inc"
cp -rlf "$WORK/crawl-inc-all/." "$WORK/crawl-inc/"
"$SLUICE" ingest "$WORK/crawl-inc" --out "$WORK/corpus-inc" --progress none --no-report-html | grep -E "inputs|new"
echo "night two:"
timed taskset -c 0-1 "$SLUICE" dedupe "$WORK/corpus-inc"
"$PY" "$HERE/score_dedup.py" "$WORK/truth-inc.jsonl" "$WORK/corpus-inc" | sed -n '2,5p;7p'
