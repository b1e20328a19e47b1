#!/usr/bin/env python3
"""The gap the threshold sits in (Docs/Dedup.md, "Why 20 x 5 and 0.5"): on a corpus `sluice
dedupe` ran on, the estimated similarity (share of equal signature positions) of every original
and its near copies, and of every candidate pair (sharing a band bucket of at most 50) that the
generator's truth says is not a pair.

  python3 Benchmarks/dedup/similarity_gap.py CORPUS TRUTH.jsonl
"""
import array, collections, json, sqlite3, sys

corpus, truth_path = sys.argv[1:3]
truth = {}
with open(truth_path, encoding="utf-8") as fh:
    for line in fh:
        t = json.loads(line)
        truth[t["path"]] = t
db = sqlite3.connect(f"file:{corpus}/dedup.sqlite?mode=ro", uri=True)
docs = {}
for doc, path, sig in db.execute("SELECT doc, path, signature FROM docs"):
    a = array.array("I")
    a.frombytes(sig)
    docs[doc] = (path, a)


def similarity(x, y):
    return sum(1 for i in range(len(x)) if x[i] == y[i]) / len(x)


def quantile(values, q):
    return values[int(q * (len(values) - 1))]


members = collections.defaultdict(list)
for doc, (path, _) in docs.items():
    t = truth.get(path)
    if t and t["cluster"] is not None:
        members[t["cluster"]].append((t["kind"], doc))
near = []
for m in members.values():
    originals = [d for k, d in m if k == "original"]
    near += [similarity(docs[originals[0]][1], docs[d][1]) for k, d in m if k == "near" and originals]
near.sort()
print(f"original and near copy: {len(near)} pairs, min {near[0]:.2f}, p1 {quantile(near, .01):.2f}, "
      f"p5 {quantile(near, .05):.2f}, median {quantile(near, .5):.2f}")

false = []
bucket, current = [], None


def check(b):
    if not 1 < len(b) <= 50:
        return
    for i in range(len(b)):
        for j in range(i + 1, len(b)):
            ci, cj = (truth[docs[d][0]]["cluster"] for d in (b[i], b[j]))
            if ci is None or ci != cj:
                false.append(similarity(docs[b[i]][1], docs[b[j]][1]))


for key, doc in db.execute("SELECT key, doc FROM bands ORDER BY key, doc"):
    if key != current:
        check(bucket)
        bucket, current = [], key
    bucket.append(doc)
check(bucket)
false.sort()
if false:
    print(f"candidates that are not copies: {len(false)} pairs, max {false[-1]:.2f}, "
          f"p99 {quantile(false, .99):.2f}, median {quantile(false, .5):.2f}")
