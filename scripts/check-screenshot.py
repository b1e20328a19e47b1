#!/usr/bin/env python3
"""Fails when a headless-Chromium screenshot of an HTML report is blank.

Why: `chromium --headless --screenshot` exits 0 and writes a valid PNG even when
the page failed to render (white page, script error, missing file), so a report
check that only looks at the exit status passes on nothing. This decodes the PNG
with the standard library alone (IHDR, IDAT, zlib, the five row filters; colour
types 2 and 6 at 8 bits, not interlaced) and calls the image blank when more
than 99.5% of its pixels share the most common colour or it has fewer than 8
distinct colours.

Usage: check-screenshot.py PNG_PATH
Exit 0 with a one-line summary when the page shows something; 1 when it is
blank or not a PNG; 2 when the PNG is of a kind this does not decode.
"""
import sys, zlib
from collections import Counter
from itertools import accumulate

MAX_BACKGROUND_SHARE = 0.995
MIN_COLOURS = 8


class Unsupported(Exception):
    pass


def decode(data):
    """Returns (width, height, bytes per pixel, pixel bytes without filter bytes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG (bad signature)")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if len(body) != length:
            raise ValueError("truncated %s chunk" % kind.decode("latin-1"))
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None or not idat:
        raise ValueError("no IHDR or no IDAT chunk")
    width, height = int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big")
    depth, ctype, interlace = header[8], header[9], header[12]
    if depth != 8 or ctype not in (2, 6):
        raise Unsupported("colour type %d at bit depth %d (only 2 = RGB and 6 = RGBA at depth 8)" % (ctype, depth))
    if interlace:
        raise Unsupported("interlaced (Adam7) PNG")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    if len(raw) < height * (stride + 1):
        raise ValueError("image data shorter than %dx%d" % (width, height))
    out, prev = bytearray(), bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, row = raw[start], raw[start + 1:start + 1 + stride]
        if ftype == 0:
            cur = row
        elif ftype == 1:  # Sub: a running sum per channel
            cur = bytearray(stride)
            for c in range(bpp):
                cur[c::bpp] = bytes(map((255).__and__, accumulate(row[c::bpp])))
        elif ftype == 2:  # Up: bytewise add without carries, on whole rows at once
            a, b = int.from_bytes(row, "big"), int.from_bytes(prev, "big")
            low = int.from_bytes(b"\x7f" * stride, "big")
            cur = (((a & low) + (b & low)) ^ ((a ^ b) & ~low)).to_bytes(stride, "big")
        elif ftype in (3, 4):
            cur = bytearray(row)
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                up = prev[i]
                if ftype == 3:
                    cur[i] = (cur[i] + ((left + up) >> 1)) & 255
                else:
                    ul = prev[i - bpp] if i >= bpp else 0
                    p = left + up - ul
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                    pred = left if pa <= pb and pa <= pc else (up if pb <= pc else ul)
                    cur[i] = (cur[i] + pred) & 255
        else:
            raise ValueError("bad filter type %d in row %d" % (ftype, y))
        out += cur
        prev = cur
    return width, height, bpp, bytes(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check-screenshot.py PNG_PATH")
    path = sys.argv[1]
    try:
        with open(path, "rb") as f:
            width, height, bpp, pixels = decode(f.read())
    except Unsupported as e:
        print("%s: cannot check: %s" % (path, e), file=sys.stderr)
        sys.exit(2)
    except (OSError, ValueError, zlib.error) as e:
        print("%s: BLANK/INVALID: %s" % (path, e), file=sys.stderr)
        sys.exit(1)
    total = width * height
    if total == 0:
        print("%s: BLANK: image is %dx%d" % (path, width, height), file=sys.stderr)
        sys.exit(1)
    counts = Counter(pixels[i:i + bpp] for i in range(0, total * bpp, bpp))
    background, bg_count = counts.most_common(1)[0]
    other = 1 - bg_count / total
    summary = "%dx%d, %.2f%% non-background pixels (background #%s), %d distinct colours" % (
        width, height, 100 * other, background.hex(), len(counts))
    if bg_count / total > MAX_BACKGROUND_SHARE or len(counts) < MIN_COLOURS:
        print("%s: BLANK: %s (needs > %.1f%% non-background and >= %d colours)" % (
            path, summary, 100 * (1 - MAX_BACKGROUND_SHARE), MIN_COLOURS), file=sys.stderr)
        sys.exit(1)
    print("%s: ok: %s" % (path, summary))


if __name__ == "__main__":
    main()
