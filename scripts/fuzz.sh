#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ with the address sanitizer and runs
# each for SECONDS (default 30), seeded from Corpus/ and the hostile inputs.
# A crash, a sanitizer report or a leak fails the script; libFuzzer leaves the
# input that did it as crash-* in the work directory.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(html text archive warc office toml)
work=${FUZZ_WORK:-/tmp/sluice-fuzz}
mkdir -p "$work"

swift build --package-path Fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library

# Seeds: the demo corpus, the hostile inputs, config files.
seeds="$work/seeds"
rm -rf "$seeds"; mkdir -p "$seeds"/{html,text,archive,warc,office,toml}
python3 scripts/make-hostile-inputs.py "$work/hostile" >/dev/null
find Corpus "$work/hostile" -type f \( -name '*.htm*' \) -size -512k -exec cp {} "$seeds/html/" \;
find Corpus "$work/hostile" -type f -name '*.txt' -size -512k -exec cp {} "$seeds/text/" \;
find Corpus "$work/hostile" -type f \( -name '*.zip' -o -name '*.tar*' -o -name '*.gz' -o -name '*.7z' -o -name '*.cpio' \) -size -512k -exec cp {} "$seeds/archive/" \;
find Corpus "$work/hostile" -type f -name '*.warc*' -size -512k -exec cp {} "$seeds/warc/" \;
find Corpus "$work/hostile" -type f \( -name '*.docx' -o -name '*.xlsx' -o -name '*.odt' -o -name '*.ods' \) -size -512k -exec cp {} "$seeds/office/" \;
find . -path ./.build -prune -o -name '*.toml' -print | grep -v '^./.build' | xargs -I{} cp {} "$seeds/toml/" 2>/dev/null || true

for target in "${targets[@]}"; do
  corpus="$work/corpus-$target"; mkdir -p "$corpus"
  log="$work/fuzz-$target.log"
  status=0
  (cd "$work" && ASAN_OPTIONS=detect_leaks=0 "$OLDPWD/.build-fuzz/debug/fuzz-$target" "$corpus" "$seeds/$target" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1) >"$log" 2>&1 || status=$?
  runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  peak=$(grep -oE "stat::peak_rss_mb: +[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
  echo "fuzz-$target: ${seconds}s, $runs executions, peak RSS ${peak} MB, exit $status"
  if [ "$status" -ne 0 ]; then
    grep -E 'ERROR|SUMMARY|Test unit written|deadly signal|timeout' "$log" | head -20 >&2
    echo "fuzz-$target found a failure; the input is in $work (crash-*, timeout-*, oom-*)" >&2
    exit 1
  fi
done
