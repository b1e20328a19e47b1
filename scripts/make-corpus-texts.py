#!/usr/bin/env python3
"""Writes the plain-text inputs of Corpus/ in their encodings (UTF-8, GB18030,
UTF-16, windows-1252) and the binary ones. Run from the repository root; the
output is committed, this script documents how it was made."""
import os, struct, zlib

root = "Corpus"

def write(path, data):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)

# A ministry-style notice saved as UTF-8 text, in the shape crawlers save gov.cn pages.
write("www.mwr-example.gov.cn/xwzx/202403/t20240315_1001.txt", """当前位置：首页 > 新闻中心 > 工作动态 > 正文

示例省水利厅部署春季防汛准备工作

——确保各类水利工程安全度汛

发布时间：2024-03-15 09:30　　来源：示例省水利厅办公室

3月14日，示例省水利厅召开春季防汛准备工作会议，分析当前汛情形势，部署各地做好水库、堤防和山洪灾害防御的各项准备。

会议要求，各市县要在4月底前完成病险水库隐患排查，对发现的问题建立台账、限期整改；要加强雨水情监测预报，及时发布预警信息，做到早发现、早报告、早处置。

会议强调，各级水利部门要压实防汛责任，落实值班值守制度，确保人员到位、物资到位、措施到位。
""".encode("utf-8"))

# The same shape in GB18030, as many older CMSs still export (includes 𠀀, outside GBK).
write("www.mwr-example.gov.cn/xwzx/202403/t20240320_1002.txt", """您现在的位置： 首页 > 政务公开 > 通知公告

关于开展2024年节约用水宣传周活动的通知

发布日期：2024年3月20日　来源：示例省水利厅

各市、县（区）水利局：

为进一步增强全社会节水意识，定于3月22日至28日开展节约用水宣传周活动。现将有关事项通知如下：

一、活动主题为“推进水资源节约集约利用”。

二、各地要结合实际，组织开展节水进社区、进学校、进企业活动，罕见字“𠀀”仅作编码测试之用。

特此通知。
""".encode("gb18030"))

# English text, first line a title followed by a blank line.
write("english/reservoir-bulletin.txt", """Spring Reservoir Safety Bulletin

The provincial water authority reported on Friday that all large reservoirs passed their spring inspection. Engineers checked the spillways, the gauges and the emergency power of each dam.

Smaller reservoirs with known defects will be drawn down before the rainy season begins, and the repairs are to be finished by the end of April.
""".encode("utf-8"))

# UTF-16 with a byte-order mark, as Windows tools save text.
write("english/flood-drill-utf16.txt", "\ufeffFlood Drill Schedule\r\n\r\nThe county will hold its annual flood drill on the second Saturday of May. Residents of low-lying streets should follow the posted evacuation routes.\r\n".encode("utf-16-le"))

# windows-1252: not valid UTF-8, not Chinese; the last-resort single-byte decoding.
write("english/cafe-notice-cp1252.txt", "Caf\u00e9 opening notice\n\nThe riverside caf\u00e9 will reopen on 2 April; entry costs \u20ac3 and the na\u00efve map on the door is \u201cnot to scale\u201d.\n".encode("cp1252"))

# A text with no extension: the registry must still find the text plugin by content.
write("notes/crawl-log", """Crawl notes

The crawler visited 1,204 pages of the example ministry site between 02:00 and 03:10. Pages that returned errors were saved as empty files and left out.
""".encode("utf-8"))

# A binary file with a .txt name: it must land in errors.jsonl, not in the corpus.
blob = bytes((i * 73 + 41) % 256 for i in range(2048))
write("broken/scan-export.txt", b"\x00\x01PKSCAN" + blob)

# An image: no plugin accepts it, so it lands in skipped.jsonl.
def png_1x1():
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")
write("www.mwr-example.gov.cn/images/logo.png", png_1x1())
