#!/usr/bin/env python3
"""Writes the HTML inputs of Corpus/: ministry-style pages in the template
families Sluice must read (TRS, UCAP, gov.cn policy pages, a list page, an
English news page), in the encodings crawls contain, plus broken pages.
All text is written for Sluice. Run from the repository root; the output is
committed, this script documents how it was made."""
import os

root = "Corpus"

def write(path, data):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)

CHROME_TOP = """<div class="top"><div class="logo"><a href="/">示例省水利厅</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="search"><form action="/search"><input name="q"><button>搜索</button></form></div></div>"""
FOOTER = """<div class="footer"><p>版权所有：示例省水利厅　地址：示例市水利路1号</p><p>网站标识码：9900000001　京ICP备00000000号</p></div>"""

# 1. TRS-style article, GBK bytes labelled gb2312; 堃 is outside GB2312 (GBK only).
trs = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>全省启动河湖清四乱专项行动_示例省水利厅</title>
<meta name="ArticleTitle" content="全省启动河湖清四乱专项行动">
<meta name="PubDate" content="2024-03-18 10:20">
<meta name="ContentSource" content="示例省水利厅河湖处">
<meta name="SiteName" content="示例省水利厅">
<meta name="ColumnName" content="工作动态">
<meta name="Keywords" content="河湖长制,清四乱">
</head><body>
{CHROME_TOP}
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="/xwzx/gzdt/">工作动态</a></div>
<div class="article">
<h1 class="title">全省启动河湖清四乱专项行动</h1>
<div class="info">发布时间：2024-03-18 10:20　　来源：示例省水利厅河湖处　　字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]　<a href="javascript:window.print()">打印本页</a></div>
<div class="TRS_Editor">
<p>　　3月18日，示例省水利厅召开视频会议，部署全省河湖乱占、乱采、乱堆、乱建问题专项清理整治行动，要求各地在汛期前完成首轮排查。</p>
<p>　　会议指出，河湖清四乱是落实河湖长制的重要抓手。各市县要对照问题清单逐一销号，对新发现的问题建立台账，做到发现一处、清理一处。</p>
<p>　　会议要求，各级河长要带头巡河，水利部门要加强执法检查，对拒不整改的依法查处。省水利厅副厅长李堃出席会议并讲话。</p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="close"><a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/a1.html">全省河长制工作会议召开</a></li><li><a href="/a2.html">春季河湖巡查全面展开</a></li></ul></div>
{FOOTER}
</body></html>"""
write("www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html", trs.encode("gbk"))

# 2. UCAP-style article, UTF-8, with a Chinese date and 信息来源.
ucap = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>示例市推进农村供水保障工程 - 示例市人民政府</title>
<meta name="ArticleTitle" content="示例市推进农村供水保障工程">
<meta name="ContentSource" content="示例市水务局">
</head><body>
<div class="header"><a href="/">示例市人民政府</a></div>
<div class="position">您的位置：<a href="/">首页</a> &gt; <a href="/col/col12/">部门动态</a></div>
<div class="main">
<div class="article-title">示例市推进农村供水保障工程</div>
<div class="article-info"><span>日期：2024年4月2日</span> <span>信息来源：示例市水务局</span> <span>浏览次数：128</span></div>
<div id="UCAP-CONTENT">
<p>今年以来，示例市把农村供水保障作为民生实事，新建和改造集中供水工程二十三处，受益人口约十一万人。</p>
<p>市水务局负责人介绍，今年将完成全部老旧管网改造，并在重点乡镇设立水质检测点，每月公布检测结果。</p>
<p>下一步，全市将推行城乡供水统一管理，让农村群众喝上放心水。</p>
</div>
<div class="print"><a href="#">【打印】</a><a href="#">【关闭】</a></div>
</div>
<div class="footer">版权所有：示例市人民政府办公室</div>
</body></html>"""
write("www.ucap-example.gov.cn/col/col12/art/2024/art_77.html", ucap.encode("utf-8"))

# 3. Unlabelled GB18030: no meta charset at all; body in #zoom; 𠀀 needs four bytes.
unlabelled = """<html><head><title>关于做好汛前安全检查工作的通知</title></head><body>
<div class="crumb">首页 &gt; 通知公告</div>
<h2>关于做好汛前安全检查工作的通知</h2>
<p class="date">2024-04-10</p>
<div id="zoom">
<p>各县（区）应急管理局：</p>
<p>为切实做好汛前准备，现就开展汛前安全检查工作通知如下。一是全面排查危险区域，二是检查抢险物资储备，三是组织一次应急演练。</p>
<p>请于4月30日前将检查情况报送市局，罕见字“𠀀”仅作编码测试之用。</p>
</div>
</body></html>"""
write("www.gb18030-example.gov.cn/tzgg/2024/0410.html", unlabelled.encode("gb18030"))

# 4. A column (list) page: links and dates, no article.
items = "\n".join(f'<li><a href="/xwzx/2024{m:02d}/t2024{m:02d}{d:02d}_{n}.html">示例省水利厅工作动态第{n}期</a><span>2024-{m:02d}-{d:02d}</span></li>'
                  for n, (m, d) in enumerate([(3, 18), (3, 12), (3, 5), (2, 28), (2, 20), (2, 11), (1, 30), (1, 22), (1, 15), (1, 8)], 1))
listing = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>工作动态_示例省水利厅</title></head><body>
{CHROME_TOP}
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; 工作动态</div>
<div class="list"><ul>
{items}
</ul><div class="page"><a href="index_1.html">下一页</a> <a href="index_9.html">尾页</a></div></div>
{FOOTER}
</body></html>"""
write("www.mwr-example.gov.cn/xwzx/gzdt/index.html", listing.encode("utf-8"))

# 5. English news article: <article>, Open Graph, <time datetime>.
english = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Volunteers clear two tonnes of litter from the riverbank | Example Gazette</title>
<meta property="og:title" content="Volunteers clear two tonnes of litter from the riverbank">
<meta property="og:url" content="https://news.example.org/2024/05/06/river-cleanup.html">
<meta property="article:published_time" content="2024-05-06T08:15:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Volunteers clear two tonnes of litter from the riverbank</h1>
<p class="byline">By Anna Reyes · <time datetime="2024-05-06T08:15:00Z">May 6, 2024</time></p>
<p>More than three hundred volunteers spent Saturday morning along the riverbank, filling skips with plastic, tyres and a surprising number of shopping trolleys.</p>
<p>The council said the clean-up removed about two tonnes of rubbish, and that the cleared stretch will now be checked every month by park wardens.</p>
<p>Organisers plan a second event in the autumn and have asked local schools to take part.</p>
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Bridge repairs delayed</a></li><li><a href="/b">New bus timetable</a></li></ul></aside>
<footer><p>© 2024 Example Gazette. All rights reserved.</p></footer>
</body></html>"""
write("news.example.org/2024/05/06/river-cleanup.html", english.encode("utf-8"))

# 6. Date only in the URL (t20240512_): no visible date, no date tag.
urldate = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>水库移民后期扶持项目通过验收</title></head><body>
<h1>水库移民后期扶持项目通过验收</h1>
<div class="content">
<p>近日，示例县水库移民后期扶持项目顺利通过省级验收。项目共修建生产道路十二公里，改善灌溉面积三千亩。</p>
<p>验收组认为，项目建设程序规范，资金使用合理，群众满意度较高。</p>
</div></body></html>"""
write("www.mwr-example.gov.cn/xwzx/202405/t20240512_3001.html", urldate.encode("utf-8"))

# 7. A 信息公开 policy page: metadata table, 发文字号 with 〔〕.
policy = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例省人民政府办公厅关于加强节水型社会建设的通知_政策文件</title></head><body>
<div class="bread">当前位置：<a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; 政策文件</div>
<table class="xxgk">
<tr><td>索 引 号：</td><td>11000000X/2024-00123</td><td>主题分类：</td><td>城乡建设、环境保护\\水利</td></tr>
<tr><td>发文机关：</td><td>示例省人民政府办公厅</td><td>成文日期：</td><td>2024年05月28日</td></tr>
<tr><td>标　　题：</td><td colspan="3">示例省人民政府办公厅关于加强节水型社会建设的通知</td></tr>
<tr><td>发文字号：</td><td>示政办发〔2024〕18号</td><td>发布日期：</td><td>2024年06月01日</td></tr>
<tr><td>有 效 性：</td><td>有效</td></tr>
</table>
<div class="pages_content">
<h2>示例省人民政府办公厅关于加强节水型社会建设的通知</h2>
<p>各市、县人民政府，省政府各部门：</p>
<p>为全面提升水资源利用效率，经省政府同意，现就加强节水型社会建设有关事项通知如下。</p>
<p>一、严格用水总量控制。各地要把用水总量和强度指标分解到县，纳入年度考核。</p>
<p>二、推进重点领域节水。加快灌区节水改造，推广工业水循环利用，开展公共机构节水行动。</p>
<p>附件：<a href="/zhengce/files/jieshui-zhibiao.pdf">各市用水总量控制指标.pdf</a></p>
</div></body></html>"""
write("www.gov-policy-example.gov.cn/zhengce/content/2024-06/01/content_9001.htm", policy.encode("utf-8"))

# 8. Saved by wget --save-headers: HTTP head first, charset only in Content-Type.
body = """<html><head><title>防汛物资储备情况通报</title></head><body>
<h1>防汛物资储备情况通报</h1><div class="info">发布时间：2024-04-22</div>
<div class="content"><p>截至4月20日，全省共储备编织袋二百万条、救生衣五万件、冲锋舟一百二十艘，储备总量较去年增加一成。</p>
<p>各地要按照分级储备、就近调用的原则，加强物资管护，确保关键时刻调得出、用得上。</p></div></body></html>"""
write("www.mwr-example.gov.cn/saved/wget-headers.html",
      b"HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html; charset=GBK\r\nContent-Length: 100\r\n\r\n" + body.encode("gbk"))

# 9. Mislabelled both ways.
def small(title, sentence, charset):
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{title}</title></head>
<body><h1>{title}</h1><div class="content"><p>{sentence}</p><p>{sentence}</p></div></body></html>"""
write("mislabelled/declares-utf8-is-gbk.html",
      small("标注为UTF-8的GBK页面", "这一页的字节其实是GBK编码，浏览器按声明解读会出现乱码，Sluice应当识别出真实编码。", "utf-8").encode("gbk"))
write("mislabelled/declares-gb2312-is-utf8.html",
      small("标注为GB2312的UTF-8页面", "这一页声明了GB2312，字节却是有效的UTF-8，按声明解码会得到乱码。", "gb2312").encode("utf-8"))

# 10. windows-1252 (labelled iso-8859-1), and UTF-16 with a BOM.
latin = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Caf\u00e9 terrace reopens by the weir</title></head>
<body><h1>Caf\u00e9 terrace reopens by the weir</h1><div class="story"><p>The caf\u00e9 terrace by the old weir reopened on Monday after a winter of repairs costing \u20ac40,000.</p>
<p>Its owner said the na\u00efve hope of finishing by Easter was \u201conly a little late\u201d, and thanked the volunteers who repainted the railings.</p></div></body></html>"""
write("english/cafe-terrace-latin1.html", latin.encode("cp1252"))
utf16 = """<html><head><meta charset="utf-16"><title>Flood gauge readings now online</title></head><body><h1>Flood gauge readings now online</h1>
<div class="content"><p>River level readings from forty gauges are now published every fifteen minutes, so that residents can see how fast the water is rising.</p>
<p>The service uses the same data as the flood warning team and is free to use.</p></div></body></html>"""
write("english/gauges-utf16.html", b"\xff\xfe" + utf16.encode("utf-16-le"))

# 11. Broken pages: cut off mid-article (still readable), and binary bytes behind .html.
write("broken/truncated-article.html", ("""<html><head><meta charset="utf-8"><title>堤防加固工程开工</title></head><body><h1>堤防加固工程开工</h1>
<div class="content"><p>示例河右岸堤防加固工程近日开工，全长八公里，计划于明年汛前完工。</p><p>工程完工后，沿岸三个乡镇的防洪标准将由二十年一遇提高到五十年""").encode("utf-8"))
write("broken/corrupt-export.html", b"\x00\x00\x01\x00" + bytes((i * 151 + 7) % 256 for i in range(3000)))
