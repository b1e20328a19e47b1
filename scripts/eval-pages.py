#!/usr/bin/env python3
"""Per-page view of a dev-set run, for finding what the extractor gets wrong.

  python3 scripts/eval-pages.py /tmp/dev [../shared/eval]

Prints, worst first, each page's P/R/F1 and whether title and date match.
Uses the shared scorer's own tokenizer, so the numbers agree with score.py."""
import json, os, sys
corpus = sys.argv[1]
evaldir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../../shared/eval")
sys.path.insert(0, evaldir)
import score  # noqa: E402

truth = {r["id"]: r for r in score.read_jsonl(os.path.join(evaldir, "dev/truth.jsonl"))}
pred = {}
for name in sorted(os.listdir(corpus)):
    if name.startswith("part-") and name.endswith(".jsonl"):
        for r in score.read_jsonl(os.path.join(corpus, name)):
            pred[score.stem_of(r["path"])] = r
rows = []
for id, t in truth.items():
    r = pred.get(id)
    p, rc, f = score.prf(r["text"], t["text"]) if r else (0, 0, 0)
    date = "" if not t.get("published") else ("ok" if r and score.norm_date(r.get("published")) == score.norm_date(t["published"]) else f"date {r and r.get('published')} != {t['published']}")
    title = "" if not t.get("title") else ("ok" if r and score.norm_title(r.get("title")) == score.norm_title(t["title"]) else f"title {r and r.get('title')!r}")
    rows.append((f, id, p, rc, date, title, r and r.get("encoding")))
for f, id, p, rc, date, title, enc in sorted(rows):
    print(f"{f:.3f} P={p:.2f} R={rc:.2f} {id:22} {enc} {date} {title}")
