#!/usr/bin/env python3
"""A Sluice external plugin: reads one .memo document on stdin, writes one JSON line on stdout."""
import json
import os
import sys

lines = sys.stdin.buffer.read().decode("utf-8").splitlines()  # LF, CR LF or CR
if lines and lines[0].startswith("\ufeff"):
    lines[0] = lines[0][1:]  # a byte-order mark
if lines and lines[0] == "MEMO":
    lines.pop(0)
if not lines:
    sys.exit("not a memo: the file is empty")  # status 1: an error line with this text
title, body = lines[0], lines[1:]
if not body:
    # A skip line: `memo-py:no-body` in skipped.jsonl (namespaced with the plugin's name).
    print(json.dumps({"skip": "no-body", "detail": "the memo has a title but no body"}))
    sys.exit(0)
record = {"title": title, "meta": {"lines": len(body)}}
if body[0].startswith("Date:"):
    record["published"] = body.pop(0)[5:].strip()  # Sluice normalizes the date to ISO 8601
# [plugins.memo-py] keep_signature = true arrives as SLUICE_OPTION_KEEP_SIGNATURE=true.
if os.environ.get("SLUICE_OPTION_KEEP_SIGNATURE") != "true" and "-- " in body:
    body = body[: body.index("-- ")]
record["text"] = "\n".join(body)
print(json.dumps(record, ensure_ascii=False))
