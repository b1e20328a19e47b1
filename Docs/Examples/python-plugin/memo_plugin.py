#!/usr/bin/env python3
"""A Sluice external plugin: reads one .memo document on stdin, writes one JSON record on stdout."""
import json
import sys

lines = sys.stdin.buffer.read().decode("utf-8").split("\n")
if len(lines) < 3 or lines[0] != "MEMO":
    sys.exit("not a memo: expected MEMO, a title line and a body")  # status 1: an error line with this text
title, body = lines[1], lines[2:]
record = {"title": title, "meta": {"lines": len(body)}}
if body and body[0].startswith("Date:"):
    record["published"] = body.pop(0)[5:].strip()  # Sluice normalizes the date to ISO 8601
record["text"] = "\n".join(body)
print(json.dumps(record, ensure_ascii=False))
