#!/usr/bin/env python3
"""datatrove 0.10.1 MinHash near-duplicate detection over a Sluice corpus (part-*.jsonl).

Runs datatrove's four MinHash stages with LocalPipelineExecutor, timing each:
  1 signatures  JsonlReader(text_key="text", id_key="id", metadata {"path"}) [-> LambdaFilter dropping the
                records in tombstones.jsonl, when there are any] -> MinhashDedupSignature
  2 buckets     MinhashDedupBuckets (14 tasks: one per bucket, --workers processes)
  3 cluster     MinhashDedupCluster(save_cluster_id=True) (1 task, as datatrove requires)
  4 filter      JsonlReader -> MinhashDedupFilter(load_cluster_ids=True); removed documents go to an
                exclusion JsonlWriter and kept cluster members to a JsonlWriter, both writing only
                {"path", "cluster"}; then the shards are concatenated into --out.
--out gets one line per document in a duplicate cluster (singletons omitted).

Shingling (--tokenizer):
  char  (default) character n-grams: datatrove has no character-shingle switch, but
        MinhashDedupSignature(language=...) accepts a WordTokenizer instance
        (load_word_tokenizer passes instances through "for custom tokenizers"), so a tokenizer
        whose word_tokenize returns the characters of datatrove's simplified text (lowercased,
        digits runs -> "0", punctuation -> space, whitespace collapsed) with whitespace dropped
        gives character n-grams. --keep-spaces keeps the single spaces as characters.
  zh    datatrove's Chinese word tokenizer (spaCy blank "zh" with jieba): word n-grams.
  en    datatrove's default (Languages.english -> spaCy blank "en"): word n-grams.

  venv/bin/python datatrove_minhash.py --input out100k --out pred.jsonl --workers 2 [--tokenizer char]
"""
import argparse, glob, json, os, shutil, sys, time

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                              MinhashDedupFilter, MinhashDedupSignature)
from datatrove.pipeline.filters import LambdaFilter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from datatrove.utils.typeshelper import Languages
from datatrove.utils.word_tokenizers import WordTokenizer

from sluice_tombstones import read_tombstones


class CharTokenizer(WordTokenizer):
    """Every character is a "word", so MinHash n_grams=5 gives character 5-grams."""

    def __init__(self, keep_spaces=False):
        super().__init__("zh")
        self.keep_spaces = keep_spaces

    def word_tokenize(self, text):
        return list(text) if self.keep_spaces else list(text.replace(" ", ""))

    def sent_tokenize(self, text):
        return [text]

    def span_tokenize(self, text):
        return [(0, len(text))]


def read_record(self, data, path, id_in_file):
    """Reader adapter: text, id, and in metadata only the provenance path and the shard (for tombstones)."""
    return {"text": data.get("text", ""), "id": data.get("id", f"{path}/{id_in_file}"),
            "metadata": {"path": data.get("path"), "shard": os.path.basename(path)}}


def write_path_cluster(self, doc):
    return {"path": doc.metadata.get("path"), "cluster": doc.metadata.get("minhash_cluster_id")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="Sluice corpus directory (part-*.jsonl)")
    ap.add_argument("--out", required=True, help="JSONL of {path, cluster} for duplicate-cluster members")
    ap.add_argument("--workers", type=int, default=1, help="tasks (stages 1 and 4) and worker processes")
    ap.add_argument("--tokenizer", choices=("char", "zh", "en"), default="char")
    ap.add_argument("--keep-spaces", action="store_true", help="char tokenizer: keep spaces as characters")
    ap.add_argument("--ngrams", type=int, default=5)
    ap.add_argument("--buckets", type=int, default=14)
    ap.add_argument("--hashes", type=int, default=8)
    ap.add_argument("--work-dir", help="scratch folder, wiped first (default: OUT.work)")
    ap.add_argument("--keep-work", action="store_true", help="do not delete the scratch folder at the end")
    a = ap.parse_args()

    files = sorted(glob.glob(os.path.join(a.input, "part-*.jsonl")))
    if not files:
        sys.exit(f"no part-*.jsonl in {a.input}")
    work = os.path.abspath(a.work_dir or a.out + ".work")
    shutil.rmtree(work, ignore_errors=True)  # executors skip "completed" tasks: always start afresh
    os.makedirs(work)

    language = {"char": CharTokenizer(a.keep_spaces), "zh": Languages.mandarin_chinese,
                "en": Languages.english}[a.tokenizer]
    config = MinhashConfig(n_grams=a.ngrams, num_buckets=a.buckets, hashes_per_bucket=a.hashes)
    W = a.workers

    dead = read_tombstones(a.input)

    def reader():
        """The corpus's records less its tombstones: the same documents in the same order in stages 1 and 4."""
        steps = [JsonlReader(os.path.abspath(a.input), glob_pattern="part-*.jsonl", text_key="text", id_key="id",
                             adapter=read_record, recursive=False)]
        if dead:
            steps.append(LambdaFilter(lambda doc: (doc.metadata["shard"], doc.id) not in dead))
        return steps

    def writer(sub):
        return JsonlWriter(f"{work}/result/{sub}", output_filename="${rank}.jsonl", compression=None,
                           adapter=write_path_cluster)

    stages = [
        ("signatures", LocalPipelineExecutor(
            pipeline=[*reader(), MinhashDedupSignature(output_folder=f"{work}/sigs", config=config, language=language)],
            tasks=W, workers=W, logging_dir=f"{work}/logs/1_sigs")),
        ("buckets", LocalPipelineExecutor(
            pipeline=[MinhashDedupBuckets(input_folder=f"{work}/sigs", output_folder=f"{work}/buckets", config=config)],
            tasks=config.num_buckets, workers=W, logging_dir=f"{work}/logs/2_buckets")),
        ("cluster", LocalPipelineExecutor(
            pipeline=[MinhashDedupCluster(input_folder=f"{work}/buckets", output_folder=f"{work}/remove_ids",
                                          config=config, save_cluster_id=True)],
            tasks=1, workers=1, logging_dir=f"{work}/logs/3_cluster")),
        ("filter", LocalPipelineExecutor(
            pipeline=[*reader(),
                      MinhashDedupFilter(input_folder=f"{work}/remove_ids", exclusion_writer=writer("removed"),
                                         load_cluster_ids=True),
                      LambdaFilter(lambda doc: doc.metadata.get("minhash_cluster_id", -1) != -1),
                      writer("kept")],
            tasks=W, workers=W, logging_dir=f"{work}/logs/4_filter")),
    ]

    times, t_all = {}, time.perf_counter()
    for name, executor in stages:
        t0 = time.perf_counter()
        executor.run()
        times[name] = time.perf_counter() - t0

    t0 = time.perf_counter()
    members = 0
    with open(a.out, "w", encoding="utf-8") as out:
        for f in sorted(glob.glob(f"{work}/result/*/*.jsonl")):
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    out.write(line)
                    members += 1
    times["write --out"] = time.perf_counter() - t0
    total = time.perf_counter() - t_all

    # documents = those the signature step saw (after the tombstones)
    with open(f"{work}/logs/1_sigs/stats.json") as fh:
        stats = json.load(fh)
    docs = next(s["stats"]["total"] for s in stats if "MinHash stage 1" in s["name"])
    if not a.keep_work:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\ndatatrove MinHash: tokenizer={a.tokenizer}{' keep-spaces' if a.keep_spaces else ''} "
          f"{config.n_grams}-grams {config.num_buckets}x{config.hashes_per_bucket} workers={W}", flush=True)
    for name, t in times.items():
        print(f"  {name:12s} {t:8.2f} s")
    print(f"  {'total':12s} {total:8.2f} s")
    print(f"  records read {sum(1 for f in files for _ in open(f, 'rb'))}, tombstoned {len(dead)}; "
          f"documents {docs}, {docs / total:.0f} docs/s; {members} documents in duplicate clusters -> {a.out}")


if __name__ == "__main__":
    main()
