#!/usr/bin/env python3
"""Writes N synthetic ministry-style inputs into a crawl directory, for
benchmarks: 60% HTML article pages (UTF-8 and GBK), 10% column/list pages,
25% plain-text captures, and bundles (a zip or tar.gz of 20 pages) for the
rest, spread over nested host/column/month folders.

  python3 scripts/generate-crawl.py N DIR"""
import io, os, random, sys, tarfile, zipfile

n, root = int(sys.argv[1]), sys.argv[2]
random.seed(n)
WORDS = "水利 防汛 河湖 供水 工程 检查 部署 会议 推进 落实 安全 农村 城市 规划 项目 建设 管理 服务 群众 发展".split()

def sentence(i, k):
    return "".join(random.choice(WORDS) for _ in range(8 + k % 7)) + f"，第{i}号文件第{k}段内容。"

def article(i):
    body = "".join(f"<p>{sentence(i, k)}{sentence(i, k + 1)}</p>" for k in range(4 + i % 5))
    return f"""<!DOCTYPE html><html><head><meta charset="{{cs}}"><title>示例通知{i}_示例省水利厅</title>
<meta name="ArticleTitle" content="示例通知{i}"><meta name="PubDate" content="2024-{1 + i % 12:02d}-{1 + i % 28:02d}"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xw/">新闻</a> <a href="/zw/">政务</a></div>
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/xw/">新闻中心</a></div>
<h1>示例通知{i}</h1><div class="info">发布时间：2024-{1 + i % 12:02d}-{1 + i % 28:02d} 来源：示例省水利厅</div>
<div class="TRS_Editor">{body}</div><div class="footer">版权所有 示例省水利厅</div></body></html>"""

def listing(i):
    items = "".join(f'<li><a href="t{i}_{k}.html">示例通知{i}-{k}</a><span>2024-01-{1 + k:02d}</span></li>' for k in range(25))
    return f'<html><head><meta charset="utf-8"><title>列表{i}</title></head><body><ul>{items}</ul></body></html>'

def text(i):
    return f"当前位置 > 首页 > 通知\n\n示例文本{i}\n\n" + "\n\n".join(sentence(i, k) * 3 for k in range(4)) + "\n"

def folder(i):
    return os.path.join(root, f"www.site{i % 7}.gov.cn", f"col{i % 13}", f"2024{1 + i % 12:02d}")

for i in range(n):
    d = folder(i)
    os.makedirs(d, exist_ok=True)
    kind = i % 20
    if kind < 12:
        gbk = kind % 3 == 0
        page = article(i).replace("{cs}", "gbk" if gbk else "utf-8")
        open(os.path.join(d, f"t{i}.html"), "wb").write(page.encode("gbk" if gbk else "utf-8"))
    elif kind < 14:
        open(os.path.join(d, f"index_{i}.html"), "wb").write(listing(i).encode("utf-8"))
    elif kind < 19:
        open(os.path.join(d, f"t{i}.txt"), "wb").write(text(i).encode("utf-8"))
    else:
        pages = [(f"b{i}/p{k}.html", article(i * 100 + k).replace("{cs}", "utf-8").encode("utf-8")) for k in range(20)]
        if (i // 20) % 2:
            with zipfile.ZipFile(os.path.join(d, f"bundle{i}.zip"), "w", zipfile.ZIP_DEFLATED) as z:
                for name, data in pages:
                    z.writestr(name, data)
        else:
            with tarfile.open(os.path.join(d, f"bundle{i}.tar.gz"), "w:gz") as t:
                for name, data in pages:
                    info = tarfile.TarInfo(name)
                    info.size = len(data)
                    t.addfile(info, io.BytesIO(data))
