#!/usr/bin/env bash
# The Swift half of Docs/WritingAPlugin.md, followed as a user would: build the
# example package (it depends on Sluice by path), run its tests, then its own
# `memo-sluice` binary over the samples, and check what came out. Run by .ci/run
# as a step of its own (it builds Sluice a second time, in .build-examples).
set -euo pipefail
cd "$(dirname "$0")/.."
package=Docs/Examples/MemoPlugin
scratch=.build-examples

swift test --package-path "$package" --scratch-path "$scratch"
bin="$(swift build --package-path "$package" --scratch-path "$scratch" --show-bin-path | tail -n 1)/memo-sluice"

plugins="$("$bin" plugins)"
case "$plugins" in
  "memo 1.0.0 (leaf)"*) ;;
  *) echo "memo-sluice plugins: the memo plugin is not asked first:" >&2; echo "$plugins" >&2; exit 1 ;;
esac
grep -q "option:  keep_signature (boolean)" <<<"$plugins" || { echo "memo-sluice plugins: no keep_signature option" >&2; exit 1; }
"$bin" --help | grep -q "USAGE: memo-sluice" || { echo "memo-sluice --help does not say its own name" >&2; exit 1; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$bin" ingest "$package/samples" --out "$out" --overwrite --progress none
python3 - "$out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
records = {}
for shard in sorted(out.glob("part-*.jsonl")):
    for line in shard.read_text().splitlines():
        r = json.loads(line)
        records[r["path"]] = r
problems = []
gate = records.get("notes/gate-inspection.memo")
if not gate:
    problems.append("no record for notes/gate-inspection.memo")
else:
    if gate["title"] != "Gate inspection at the east sluice": problems.append(f"title {gate['title']!r}")
    if gate["published"] != "2024-04-02": problems.append(f"published {gate['published']!r}")
    if gate["extractor"] != "memo": problems.append(f"extractor {gate['extractor']!r}")
    if "The next inspection is due in May." not in gate["text"]: problems.append("body missing")
    if "Duty officer" in gate["text"]: problems.append("signature kept")
if records.get("notes/闸门巡查.memo", {}).get("published") != "2024-04-03": problems.append("闸门巡查.memo date")
if records.get("readme.txt", {}).get("extractor") != "text": problems.append("readme.txt not through the text plugin")
# No MEMO line and CR LF line ends: the name brings it to the memo plugin.
headless = records.get("notes/valve-log.memo", {})
if headless.get("extractor") != "memo" or headless.get("title") != "Valve log":
    problems.append(f"valve-log.memo: {headless.get('extractor')!r} {headless.get('title')!r}")
skipped = [json.loads(l) for l in (out / "skipped.jsonl").read_text().splitlines()]
if [(s["path"], s["reason"]) for s in skipped] != [("notes/unfinished.memo", "memo:no-body")]:
    problems.append(f"skipped {skipped}")
if problems:
    sys.exit("tutorial package: " + "; ".join(problems))
print(f"tutorial package: {len(records)} records as the tutorial says")
PY
