#!/usr/bin/env python3
"""Writes the bundles of Corpus/bundles/ from the loose Corpus/ pages: a zip
with GBK member names (as Chinese Windows makes them), a tar.gz holding that
zip (nesting), a .html.gz, and WARC files written the ways crawlers write
them: `wget --warc-file` against a loopback server, and Python's warcio
(WARC/1.1 with a chunked and a gzip-encoded response, a request, a 404, a
revisit, a URI ending in "/"). Needs zip-free Python, tar, gzip, wget and
`pip install warcio`. Run from the repository root; the output is committed."""
import gzip, http.server, io, os, shutil, subprocess, tarfile, tempfile, threading, zipfile

root = "Corpus"
out = os.path.join(root, "bundles")
os.makedirs(out, exist_ok=True)

def page(path):
    with open(os.path.join(root, path), "rb") as f:
        return f.read()

trs = page("www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html")
ucap = page("www.ucap-example.gov.cn/col/col12/art/2024/art_77.html")
notice = page("www.mwr-example.gov.cn/xwzx/202403/t20240315_1001.txt")

# 1. A zip made on Chinese Windows: names in GBK, no UTF-8 flag (bit 11).
class GBKZipInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("工作动态/河湖清四乱.html", trs), ("部门动态/农村供水.html", ucap), ("通知/防汛准备.txt", notice)]:
        info = GBKZipInfo(name, date_time=(2024, 3, 20, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
zip_bytes = buf.getvalue()
with open(os.path.join(out, "cms-export-gbk.zip"), "wb") as f:
    f.write(zip_bytes)

# 2. A tar.gz snapshot holding that zip and a loose page (nesting).
with tarfile.open(os.path.join(out, "snapshot.tar.gz"), "w:gz", format=tarfile.PAX_FORMAT) as t:
    for name, data in [("snapshot/cms-export-gbk.zip", zip_bytes), ("snapshot/notice.txt", notice)]:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = 1710900000
        t.addfile(info, io.BytesIO(data))

# 3. One compressed page.
with open(os.path.join(out, "ucap-article.html.gz"), "wb") as f:
    f.write(gzip.compress(ucap, mtime=0))

# 4. wget --warc-file against a server on loopback.
site = tempfile.mkdtemp()
os.makedirs(os.path.join(site, "news"))
with open(os.path.join(site, "news", "trs.html"), "wb") as f:
    f.write(trs)
with open(os.path.join(site, "index.html"), "wb") as f:
    f.write(b'<html><head><meta charset="utf-8"><title>index</title></head><body><a href="news/trs.html">news</a></body></html>')

class Quiet(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k):
        super().__init__(*a, directory=site, **k)
    def log_message(self, *a):
        pass
    def end_headers(self):
        if self.path.endswith(".html"):
            self.send_header("X-Note", "Content-Type is sent by the server below")
        super().end_headers()
    def guess_type(self, path):
        return "text/html; charset=GBK" if path.endswith("trs.html") else "text/html; charset=utf-8"

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
threading.Thread(target=server.serve_forever, daemon=True).start()
work = tempfile.mkdtemp()
base = f"http://127.0.0.1:{server.server_address[1]}/"
subprocess.run(["wget", "-q", "-r", "-l", "1", "--warc-file=" + os.path.join(work, "crawl"), "--no-warc-keep-log",
                "-P", os.path.join(work, "files"), base], check=False)
server.shutdown()
shutil.copy(os.path.join(work, "crawl.warc.gz"), os.path.join(out, "wget-crawl.warc.gz"))

# 5. warcio: WARC/1.1, chunked and gzip bodies, a request, a 404, a revisit.
from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders
def chunked(data, size=700):
    parts = [b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size]) for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"
with open(os.path.join(out, "warcio-1.1.warc.gz"), "wb") as f:
    w = WARCWriter(f, gzip=True, warc_version="WARC/1.1")
    w.write_record(w.create_warcinfo_record("warcio-1.1.warc.gz", {"software": "warcio", "format": "WARC File Format 1.1"}))
    def response(uri, status, headers, body):
        http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http_headers)
        w.write_record(rec)
    w.write_record(w.create_warc_record("https://www.ucap-example.gov.cn/", "request",
                                        payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: www.ucap-example.gov.cn\r\n\r\n")))
    response("https://www.ucap-example.gov.cn/", "200 OK",
             [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")], chunked(ucap))
    response("https://www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html", "200 OK",
             [("Content-Type", "text/html; charset=gb2312"), ("Content-Encoding", "gzip")], gzip.compress(trs, mtime=0))
    response("https://www.mwr-example.gov.cn/missing.html", "404 Not Found",
             [("Content-Type", "text/html")], b"<html><body>Not Found</body></html>")
    w.write_record(w.create_revisit_record("https://www.ucap-example.gov.cn/", digest="sha1:AAAA",
                                           refers_to_uri="https://www.ucap-example.gov.cn/", refers_to_date="2024-04-02T00:00:00Z"))
print("wrote", sorted(os.listdir(out)))
