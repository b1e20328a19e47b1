#!/usr/bin/env python3
"""Per-page scores of an eval-split.py run, and the pages that changed between two runs.

    scripts/eval-split.py OLD_SLUICE --work /tmp/ev-old
    scripts/eval-split.py NEW_SLUICE --work /tmp/ev-new
    scripts/eval-diff.py /tmp/ev-old /tmp/ev-new [--half tune|check] [--eval ../shared/eval]
    scripts/eval-diff.py /tmp/ev-new --worst 30 [--half tune]      # one run: its worst pages

With two runs it prints, per half, every page whose main-text F1 moved by 0.005 or more, or
whose title, date, source or breadcrumb went from right to wrong (or back), worst first, then
the per-half totals of both runs. Uses the shared scorer's tokenizer and matching, so the
figures agree with score.py. Only the tuning half should guide a change; the checking half's
lines are there to confirm it, not to find what to fix.
"""
import argparse, glob, json, os, sys


def load_run(work, score):
    """-> {(set, id): row} for both halves, row = truth + half + the prediction's fields."""
    preds = {}
    for shard in glob.glob(os.path.join(work, "*", "part-*.jsonl")):
        name = os.path.basename(os.path.dirname(shard))
        for r in score.read_jsonl(shard):
            members = r.get("members") or []
            preds.setdefault((name, score.stem_of(members[-1] if members else r["path"])), r)
    rows = {}
    for half in ("tune", "check"):
        for t in score.read_jsonl(os.path.join(work, half + ".jsonl")):
            r = preds.get((t["set"], t["id"]))
            p, rc, f = score.prf(r["text"], t["text"]) if r else (0.0, 0.0, 0.0)
            fields = {}
            for key, norm in (("title", score.norm_title), ("published", score.norm_date),
                              ("source_org", score.norm_title), ("breadcrumb", score.norm_crumb)):
                want = norm(t.get(key))
                if want is not None:
                    fields[key] = bool(r) and norm(r.get(key)) == want
            rows[(t["set"], t["id"])] = {"half": half, "site": t["site"], "lang": t.get("lang"),
                                         "P": p, "R": rc, "F1": f, "fields": fields,
                                         "got": {k: r and r.get(k) for k in fields},
                                         "want": {k: t.get(k) for k in fields}}
    return rows


def totals(rows, half):
    sel = [r for r in rows.values() if r["half"] == half]
    f1 = sum(r["F1"] for r in sel) / max(len(sel), 1)
    fields = {}
    for r in sel:
        for k, ok in r["fields"].items():
            fields.setdefault(k, []).append(ok)
    return f1, {k: sum(v) / len(v) for k, v in fields.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="+")
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    ap.add_argument("--half", choices=("tune", "check"))
    ap.add_argument("--worst", type=int, default=0)
    args = ap.parse_args()
    sys.path.insert(0, args.eval)
    import score  # noqa: E402

    runs = [load_run(w, score) for w in args.runs]
    halves = [args.half] if args.half else ["tune", "check"]
    if len(runs) == 1:
        rows = runs[0]
        for half in halves:
            sel = sorted((r["F1"], key) for key, r in rows.items() if r["half"] == half)
            for f, key in sel[: args.worst or len(sel)]:
                r = rows[key]
                wrong = ", ".join(f"{k} {r['got'][k]!r} != {r['want'][k]!r}" for k, ok in r["fields"].items() if not ok)
                print(f"{half:5} {f:.3f} P={r['P']:.2f} R={r['R']:.2f} {key[0]}/{key[1]} {wrong}")
        return
    old, new = runs[0], runs[-1]
    for half in halves:
        changed = []
        for key, n in new.items():
            o = old.get(key)
            if not o or n["half"] != half:
                continue
            flips = [f"{k} {'now right' if ok else 'now wrong: ' + repr(n['got'][k])}"
                     for k, ok in n["fields"].items() if o["fields"].get(k) != ok]
            if abs(n["F1"] - o["F1"]) >= 0.005 or flips:
                changed.append((n["F1"] - o["F1"], key, o, n, flips))
        print(f"== {half}: {len(changed)} pages changed")
        for d, key, o, n, flips in sorted(changed, key=lambda c: c[0]):
            print(f"{d:+.3f} {o['F1']:.3f} -> {n['F1']:.3f} (P {n['P']:.2f} R {n['R']:.2f}) "
                  f"{key[0]}/{key[1]} {'; '.join(flips)}")
        for label, rows in (("old", old), ("new", new)):
            f1, fields = totals(rows, half)
            print(f"   {label}: F1 {f1:.4f} " + " ".join(f"{k} {v:.3f}" for k, v in fields.items()))


main()
