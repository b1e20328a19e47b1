"""The records a Sluice corpus has superseded, shared by the dedup benchmark scripts."""
import json, os


def read_tombstones(corpus):
    """(shard file name, id) of every record listed in CORPUS/tombstones.jsonl: the current
    corpus is the part-*.jsonl shards less these (`sluice dedupe` rewrites annotated records
    into a new shard and tombstones the old ones). Empty when the file is absent."""
    dead = set()
    path = os.path.join(corpus, "tombstones.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    t = json.loads(line)
                    dead.add((os.path.basename(str(t.get("shard"))), t.get("id")))
    return dead
