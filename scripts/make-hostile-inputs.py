#!/usr/bin/env python3
"""Writes a folder of hostile inputs, one of each kind Sluice must survive
(Docs/RunningOvernight.md, "Hostile inputs"): made here, from nothing, so
that no one's test files are copied into the project.

    scripts/make-hostile-inputs.py DIR
"""
import gzip, io, os, sys, tarfile, zipfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

def write(name, data):
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)

def zipped(members, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()

PAGE = ("<html><head><meta charset='utf-8'><title>防汛通知</title></head><body><h1>防汛通知</h1>"
        "<div class='content'><p>各单位要做好汛期值班和物资储备工作，确保安全度汛。</p>"
        "<p>第二段：请于本月底前报送自查情况。</p></div></body></html>").encode()

# WARC: good records around chunk sizes that are negative, huge, or not numbers.
def warc_record(uri, http):
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-05-06T08:15:00Z\r\nContent-Type: application/http;msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"
def chunked(size_line):
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
            + size_line + b"\r\n" + PAGE + b"\r\n0\r\n\r\n")
plain = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + PAGE
write("warc/bad-chunks.warc", b"".join([
    warc_record("http://a.example.gov.cn/1.html", plain),
    warc_record("http://a.example.gov.cn/minus.html", chunked(b"-1")),
    warc_record("http://a.example.gov.cn/2.html", plain),
    warc_record("http://a.example.gov.cn/huge.html", chunked(b"7fffffffffffffff")),
    warc_record("http://a.example.gov.cn/letters.html", chunked(b"zz")),
    warc_record("http://a.example.gov.cn/3.html", plain),
]))

# Office files with values that once trapped or exploded.
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
def ods(cells_xml):
    content = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               b'<table:table table:name="S">' + cells_xml + b'</table:table></office:spreadsheet></office:body>'
               b'</office:document-content>')
    return zipped([("mimetype", ODS_MIME), ("content.xml", content)], zipfile.ZIP_DEFLATED)
write("office/negative-repeat.ods", ods(
    b'<table:table-row><table:table-cell table:number-columns-repeated="-3"><text:p>x</text:p></table:table-cell>'
    b'<table:table-cell><text:p>kept</text:p></table:table-cell></table:table-row>'))
write("office/repeated-cells.ods", ods(
    b'<table:table-row table:number-rows-repeated="1000000">'
    b'<table:table-cell table:number-columns-repeated="1000000"><text:p>' + b"repeat " * 20 + b'</text:p>'
    b'</table:table-cell></table:table-row>'))
def xlsx(sheet_xml):
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return zipped([
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("xl/workbook.xml", b'<?xml version="1.0"?><workbook ' + ns + b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", b'<?xml version="1.0"?><worksheet ' + ns + b'><sheetData>' + sheet_xml + b'</sheetData></worksheet>'),
    ])
write("office/huge-column.xlsx", xlsx(
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>kept</t></is></c>'
    b'<c r="ZZZZZZZZZZZZZZZ1" t="inlineStr"><is><t>far</t></is></c></row>'))
attrs = b" ".join(b'a%d="%d"' % (i, i) for i in range(20000))
write("office/many-attributes.docx", zipped([
    ("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    ("word/document.xml", b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p ' + attrs + b'><w:r><w:t>text</w:t></w:r></w:p></w:body></w:document>'),
]))
write("pages/many-attributes.html", b"<html><body><div " + attrs + b">text</div></body></html>")

# Archives that hold nothing, or look like they do.
write("bundles/empty.zip", zipped([]))
empty_tar = io.BytesIO()
tarfile.open(fileobj=empty_tar, mode="w").close()
write("bundles/empty.tar", empty_tar.getvalue())
write("bundles/zeros.gz", gzip.compress(b"\0" * 100000))
write("bundles/nul-then-html.html.gz", gzip.compress(b"\0" * 1024 + b"<p>hi</p>"))

# 16 x 16 x 16 members of 1,000,000 zero bytes: 11 KB that would expand to 4 GB.
inner = zipped([(f"z{i}.txt", b"\0" * 1000000) for i in range(16)])
middle = zipped([(f"in{i}.zip", inner) for i in range(16)])
write("bundles/nested-bomb.zip", zipped([(f"mid{i}.zip", middle) for i in range(16)]))

# A text past the default maxDocumentBytes (64 MiB): a limit line, not gigabytes of memory.
line = "水利部召开防汛会商会，部署强降雨防范工作。\n".encode()
write("texts/huge.txt", line * (70 * 1024 * 1024 // len(line) + 1))

# A page saved under a GBK file name ("公告.html"), not valid UTF-8.
os.makedirs(os.path.join(out, "names"), exist_ok=True)
with open(os.path.join(out.encode(), b"names", "公告".encode("gbk") + b".html"), "wb") as f:
    f.write(PAGE)

# And one good page, which must come out as a record whatever its neighbours do.
write("pages/good.html", PAGE)
