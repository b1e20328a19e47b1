#!/usr/bin/env python3
"""Writes the office and PDF samples of Corpus/attachments/ (text written for Sluice).

.docx/.xlsx/.odt are zips of hand-written XML parts; the PDFs are written
object by object (the Chinese one with a ToUnicode map, so pdftotext reads it
without any font installed). Deterministic: fixed zip timestamps."""
import os
import sys
import zipfile

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Corpus", "attachments")
os.makedirs(out, exist_ok=True)
STAMP = (2024, 3, 15, 9, 0, 0)


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data)


CT = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{}</Types>'
CORE = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created></cp:coreProperties>'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(path, title, author, created, paragraphs, table):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in r) + "</w:tr>" for r in table)
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:tbl>{rows}</w:tbl><w:p><w:r><w:t xml:space="preserve">联系人：</w:t></w:r><w:r><w:tab/><w:t>办公室</w:t></w:r></w:p></w:body></w:document>'
    write_zip(path, [
        ("[Content_Types].xml", CT.format('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>')),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml", doc),
        ("docProps/core.xml", CORE.format(title=title, author=author, created=created)),
    ])


def xlsx(path, title, created, sheets):
    strings = []
    def sidx(s):
        if s not in strings:
            strings.append(s)
        return strings.index(s)
    sheet_xml = []
    for _, rows in sheets:
        xml_rows = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, v in enumerate(row):
                ref = chr(65 + c) + str(r)
                if v is None:
                    continue
                if isinstance(v, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{sidx(v)}</v></c>')
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        sheet_xml.append('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(xml_rows) + "</sheetData></worksheet>")
    sst = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"
    wb = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' + "".join(f'<sheet name="{n}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i, (n, _) in enumerate(sheets)) + "</sheets></workbook>"
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(f'<Relationship Id="rId{i+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i+1}.xml"/>' for i in range(len(sheets))) + "</Relationships>"
    parts = [("[Content_Types].xml", CT.format('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>')),
             ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels), ("xl/sharedStrings.xml", sst),
             ("docProps/core.xml", CORE.format(title=title, author="统计处", created=created))]
    parts += [(f"xl/worksheets/sheet{i+1}.xml", x) for i, x in enumerate(sheet_xml)]
    write_zip(path, parts)


def odt(path, title, created, heading, paragraphs):
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    body = f'<text:h text:outline-level="1">{heading}</text:h>' + "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    body += "<text:p>Contact:<text:s text:c=\"2\"/>the records office<text:tab/>ext. 4021</text:p>"
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2"><office:body><office:text>{body}</office:text></office:body></office:document-content>'
    meta = f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns} office:version="1.2"><office:meta><dc:title>{title}</dc:title><meta:initial-creator>Records Office</meta:initial-creator><meta:creation-date>{created}</meta:creation-date></office:meta></office:document-meta>'
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content), ("meta.xml", meta),
                     ("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>')])


def ods(path, title, created, sheets):
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    tables = ""
    for name, rows in sheets:
        xml_rows = ""
        for row in rows:
            cells = "".join('<table:table-cell table:number-columns-repeated="2"/>' if v is None else f"<table:table-cell><text:p>{v}</text:p></table:table-cell>" for v in row)
            # Spreadsheet apps pad each row with a huge run of empty cells: it must not become text.
            xml_rows += f'<table:table-row>{cells}<table:table-cell table:number-columns-repeated="1020"/></table:table-row>'
        xml_rows += '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        tables += f'<table:table table:name="{name}">{xml_rows}</table:table>'
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>'
    meta = f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns} office:version="1.2"><office:meta><dc:title>{title}</dc:title><meta:creation-date>{created}</meta:creation-date></office:meta></office:document-meta>'
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content), ("meta.xml", meta)])


def pdf(path, title, lines, cjk=False):
    """A one-page PDF. Latin text in Helvetica; CJK text as 2-byte CIDs with a ToUnicode map."""
    objs = []
    if cjk:
        chars = sorted({ch for line in lines for ch in line})
        cid = {ch: i + 1 for i, ch in enumerate(chars)}
        def show(s):
            return "<" + "".join(f"{cid[ch]:04X}" for ch in s) + "> Tj"
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
                "/CMapName /Sluice-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                f"{len(chars)} beginbfchar\n" + "\n".join(f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chars) +
                "\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
        font = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>"
    else:
        def show(s):
            return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj"
        font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    stream = "BT /F1 14 Tf 72 760 Td 18 TL " + " T* ".join(show(l) for l in lines) + " ET"
    objs.append("<< /Type /Catalog /Pages 2 0 R >>")
    objs.append("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
    objs.append(f"<< /Length {len(stream.encode())} >>\nstream\n{stream}\nendstream")
    objs.append(font)
    objs.append(f"<< /Title <FEFF{title.encode('utf-16-be').hex().upper()}> /CreationDate (D:20240318090000) >>")
    if cjk:
        objs.append("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>")
        objs.append(f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream")
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(data))
        data += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(data)
    data += f"xref\n0 {len(objs)+1}\n0000000000 65535 f \n".encode() + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    data += f"trailer\n<< /Size {len(objs)+1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as f:
        f.write(data)


docx(os.path.join(out, "防汛物资储备通知.docx"), "关于做好防汛物资储备工作的通知", "水旱灾害防御司", "2024-03-15T08:30:00Z",
     ["各省、自治区、直辖市水利厅（局）：", "为做好今年汛期防汛物资保障工作，现将有关事项通知如下。",
      "一、各地要在四月底前完成防汛物资清查，补足编织袋、救生衣和抢险照明设备。", "二、储备仓库应明确专人管理，建立出入库台账，做到账物相符。"],
     [["物资", "数量", "单位"], ["编织袋", "20000", "条"], ["救生衣", "500", "件"]])
xlsx(os.path.join(out, "reservoir-levels-2024.xlsx"), "Reservoir levels, March 2024", "2024-03-20T10:00:00Z",
     [("March", [["Reservoir", "Level (m)", "Change"], ["North Lake", 102.5, "+0.3"], ["West Gorge", 87.1, None, "checked"]]),
      ("说明", [["数据来源：水文站每日报送。"]])])
odt(os.path.join(out, "flood-drill-minutes.odt"), "Minutes of the spring flood drill", "2024-03-22T14:00:00",
    "Spring flood drill",
    ["The county held its spring flood drill on the river embankment with three rescue teams.",
     "Teams practised sandbag walls, evacuation of the riverside school and night-time pumping."])
ods(os.path.join(out, "抢险队伍名单.ods"), "抢险队伍名单", "2024-03-25T16:20:00",
    [("队伍", [["队伍", "人数", "驻地"], ["第一抢险队", "45", "东堤"], ["第二抢险队", None, "西闸"]])])
pdf(os.path.join(out, "emergency-plan-summary.pdf"), "Emergency plan summary",
    ["Emergency plan summary", "The plan sets out warning levels, duty rosters and evacuation routes.",
     "Each township keeps a list of vulnerable households and their contacts."])
# The attachment the policy page of make-corpus-html.py links (/zhengce/files/jieshui-zhibiao.pdf),
# where a crawler saves it: its record carries meta.linked_from with the page's id.
linked = os.path.join(out, "..", "www.gov-policy-example.gov.cn", "zhengce", "files")
os.makedirs(linked, exist_ok=True)
pdf(os.path.join(linked, "jieshui-zhibiao.pdf"), "各市用水总量控制指标",
    ["各市用水总量控制指标", "甲市：十二亿立方米", "乙市：九亿立方米", "丙市：七亿立方米"], cjk=True)
pdf(os.path.join(out, "值班安排.pdf"), "节日期间值班安排", ["节日期间值班安排", "值班人员应保持通讯畅通，遇有险情及时报告。", "各单位于节前完成安全检查。"], cjk=True)
