#!/usr/bin/env python3
"""Score near-duplicate clusters against make-synthetic-news.py's truth.

  python3 score_dedup.py TRUTH.jsonl PREDICTED [--json]

TRUTH: one {"path", "cluster", "kind"} line per document (cluster null = singleton;
kind "original" | "near" | "exact" | null).
PREDICTED: either
  - a JSONL file of {"path", "cluster"} lines (documents missing from it are singletons;
    a null cluster is a singleton too), or
  - a Sluice corpus directory: its part-*.jsonl records, cluster = meta.dup_cluster
    (absent or null = singleton), path = the record's "path" (provenance, relative to the
    input root); records listed in tombstones.jsonl are skipped.
Predicted paths are normalised (file:// and backslashes, "./", "..") and matched to truth
paths exactly, else by their longest suffix that is a truth path (so absolute paths under
the corpus root match); unmatched ones are counted and ignored.

Reports pair precision / recall / F1, where a pair is two documents in one cluster:
  all      every pair
  near     pairs with at least one "near" copy in them
  exact    pairs with at least one "exact" copy in them
and, per document, how many near / exact copies share a predicted cluster with their
original (the exact-copy check: every exact copy must). Reads both inputs line by line.
"""
import argparse, glob, json, os, posixpath, sys
from collections import Counter, defaultdict
from urllib.parse import unquote

from sluice_tombstones import read_tombstones


def norm(p):
    p = str(p)
    if p.startswith("file://"):
        p = unquote(p[7:])
    p = posixpath.normpath(p.replace("\\", "/"))
    return p[2:] if p.startswith("./") else p


class Matcher:
    def __init__(self, truth_paths):
        self.truth = truth_paths
        self.unmatched = 0
        self.examples = []

    def __call__(self, path):
        p = norm(path)
        if p in self.truth:
            return p
        parts = p.lstrip("/").split("/")
        for i in range(1, len(parts)):
            q = "/".join(parts[i:])
            if q in self.truth:
                return q
        self.unmatched += 1
        if len(self.examples) < 3:
            self.examples.append(path)
        return None


def read_truth(path):
    cluster, kind = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                p = norm(r["path"])
                cluster[p] = r.get("cluster")
                kind[p] = r.get("kind")
    return cluster, kind


def predicted_rows(pred):
    """(path, cluster) pairs; cluster None = singleton."""
    if not os.path.isdir(pred):
        with open(pred, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    yield r.get("path"), r.get("cluster")
        return
    dead = read_tombstones(pred)
    shards = sorted(glob.glob(os.path.join(pred, "part-*.jsonl")))
    if not shards:
        sys.exit(f"{pred}: no part-*.jsonl records")
    for shard in shards:
        name = os.path.basename(shard)
        with open(shard, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                if dead and (name, r.get("id")) in dead:
                    continue
                yield r.get("path"), (r.get("meta") or {}).get("dup_cluster")


def c2(n):
    return n * (n - 1) // 2


def prf(tp, npred, ntrue):
    p = tp / npred if npred else 1.0
    r = tp / ntrue if ntrue else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "true_pairs": ntrue, "predicted_pairs": npred, "correct_pairs": tp}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("truth")
    ap.add_argument("predicted", help="JSONL of {path, cluster}, or a Sluice corpus directory")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args()

    t_cluster, t_kind = read_truth(a.truth)
    match = Matcher(t_cluster)
    pred, conflicts, seen = {}, 0, 0
    for path, c in predicted_rows(a.predicted):
        seen += 1
        p = match(path) if path is not None else None
        if p is None or c is None or c == -1:
            continue
        c = str(c)
        if p in pred and pred[p] != c:
            conflicts += 1  # several records of one document in different clusters: keep the first
            continue
        pred.setdefault(p, c)

    # Contingency of (truth cluster, predicted cluster) over all truth documents; a singleton gets a unique key.
    # Per cell: (documents, near documents, exact documents); pairs with >= 1 of a kind = C(n,2) - C(n - k, 2).
    def counts():
        return [0, 0, 0]
    cell, tcl, pcl = defaultdict(counts), defaultdict(counts), defaultdict(counts)
    for p, tc in t_cluster.items():
        tk = ("t", tc) if tc is not None else ("s", p)
        pk = ("p", pred[p]) if p in pred else ("s", p)
        k = t_kind[p]
        for table, key in ((cell, (tk, pk)), (tcl, tk), (pcl, pk)):
            v = table[key]
            v[0] += 1
            v[1] += k == "near"
            v[2] += k == "exact"

    def pairs(table, j):
        return sum(c2(v[0]) - (c2(v[0] - v[j]) if j else 0) for v in table.values())

    res = {"documents": len(t_cluster), "predicted_rows": seen, "predicted_in_clusters": len(pred),
           "unmatched_paths": match.unmatched, "conflicting_records": conflicts,
           "predicted_clusters": len({c for c in pred.values()})}
    for name, j in (("all", 0), ("near", 1), ("exact", 2)):
        res[name] = prf(pairs(cell, j), pairs(pcl, j), pairs(tcl, j))

    # Per copy: does it share a predicted cluster with its cluster's original?
    original = {tc: p for p, tc in t_cluster.items() if t_kind[p] == "original"}
    with_orig = Counter()
    total = Counter()
    for p, k in t_kind.items():
        if k in ("near", "exact"):
            total[k] += 1
            o = original.get(t_cluster[p])
            if o is not None and p in pred and pred.get(o) == pred[p]:
                with_orig[k] += 1
    res["copies_with_original"] = {k: {"found": with_orig[k], "of": total[k],
                                       "share": with_orig[k] / total[k] if total[k] else 1.0} for k in ("near", "exact")}

    if a.json:
        print(json.dumps(res))
        return
    print(f"{a.predicted}: {res['documents']} truth documents, {seen} predicted rows, "
          f"{len(pred)} documents in {res['predicted_clusters']} predicted clusters")
    if match.unmatched:
        print(f"  WARNING {match.unmatched} predicted paths match no truth path, e.g. {match.examples}")
    if conflicts:
        print(f"  WARNING {conflicts} records disagree with an earlier record of the same path")
    print(f"  {'pairs':6s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'correct':>8s} {'predicted':>9s} {'true':>7s}")
    for name in ("all", "near", "exact"):
        r = res[name]
        print(f"  {name:6s} {r['precision']:9.4f} {r['recall']:7.4f} {r['f1']:6.4f} {r['correct_pairs']:8d} "
              f"{r['predicted_pairs']:9d} {r['true_pairs']:7d}")
    for k in ("near", "exact"):
        c = res["copies_with_original"][k]
        print(f"  {k} copies in their original's cluster: {c['found']}/{c['of']} ({c['share']:.4f})")


if __name__ == "__main__":
    main()
