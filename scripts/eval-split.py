#!/usr/bin/env python3
"""Scores Sluice on every dev set of ../shared/eval, split by site into a
tuning half and a checking half (Docs/Benchmarks.md, "HTML accuracy").

    scripts/eval-split.py SLUICE_BINARY [--eval ../shared/eval] [--work /tmp/sluice-eval] [--json]
                          [--peers DIR]

--peers DIR scores the peers' predictions beside Sluice's, from DIR/<set>/<peer>.jsonl as
../shared/eval/peers/run_peer.py writes them (Docs/Benchmarks.md gives the commands).

A page's site is the registrable domain of its truth URL; for pages whose truth
has no URL, the domain most of the page's own absolute links point to; failing
that, the page itself. The half is the first byte of SHA-256(site), even: tune,
odd: check; so a site never straddles the halves and the split never moves.
"""
import argparse, collections, glob, hashlib, json, os, re, subprocess, sys, urllib.parse

SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "ac", "co", "mil"}

def registrable(host):
    labels = host.lower().split(":")[0].strip(".").split(".")
    if len(labels) >= 3 and (labels[-2] in SECOND_LEVEL or len(labels[-1]) == 2 and len(labels[-2]) <= 3):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])

def site_of(truth, page_path):
    host = urllib.parse.urlparse(truth.get("url") or "").netloc
    if host:
        return registrable(host)
    raw = open(page_path, "rb").read().decode("utf-8", "replace")
    hosts = collections.Counter(registrable(h) for h in re.findall(r'href=["\']https?://([^/"\'>]+)', raw))
    return hosts.most_common(1)[0][0] if hosts else "page:" + truth["id"]

def half(site):
    return "tune" if hashlib.sha256(site.encode()).digest()[0] % 2 == 0 else "check"

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sluice")
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    ap.add_argument("--work", default="/tmp/sluice-eval")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--peers", help="folder of peer predictions, DIR/<set>/<peer>.jsonl")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    halves = {"tune": [], "check": []}
    preds = []
    for name in sorted(os.listdir(args.eval)):
        truth_file = os.path.join(args.eval, name, "truth.jsonl")
        if not os.path.isfile(truth_file):
            continue
        out = os.path.join(args.work, name)
        subprocess.run([args.sluice, "ingest", os.path.join(args.eval, name, "pages"), "--out", out,
                        "--overwrite", "--progress", "none"], check=True, stdout=subprocess.DEVNULL)
        preds += glob.glob(os.path.join(out, "part-*.jsonl"))
        if args.peers:
            preds += sorted(glob.glob(os.path.join(args.peers, name, "*.jsonl")))
        for line in open(truth_file):
            t = json.loads(line)
            site = site_of(t, os.path.join(args.eval, name, t["file"]))
            t["set"], t["site"] = name, site
            halves[half(site)].append(t)
    report = {}
    for h, rows in halves.items():
        path = os.path.join(args.work, h + ".jsonl")
        with open(path, "w") as f:
            for t in rows:
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
        result = subprocess.run([sys.executable, os.path.join(args.eval, "score.py"), "--truth", path, "--pred"]
                                + preds + ["--json"], check=True, capture_output=True, text=True)
        report[h] = {"pages": len(rows), "sites": len({t["site"] for t in rows}),
                     "by_set": dict(collections.Counter(t["set"] for t in rows)), "score": json.loads(result.stdout)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    for h, r in report.items():
        print(f"== {h}: {r['pages']} pages from {r['sites']} sites {r['by_set']}")
        subprocess.run([sys.executable, os.path.join(args.eval, "score.py"), "--truth",
                        os.path.join(args.work, h + ".jsonl"), "--pred"] + preds)

main()
