import Foundation
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import Testing

@testable import HTMLExtractor

/// The page families issue #13 names, each on a page written for this test:
/// a body split by an ad block, a forum thread, a 信息公开 page with both
/// dates, and a portal article whose source and trail sit around the headline.
@Suite struct PageFamiliesTests {
    let harness = try! ExtractorHarness([HTMLExtractor()])

    static func page(title: String, body: String) -> Data {
        Data(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(title)</title></head><body>\(body)</body></html>"
                .utf8)
    }

    static let riverParagraphs = [
        "Councils along the lower river agreed on Monday to share the cost of raising three levees, after two winters in which the water came within a hand's width of the top.",
        "The plan, drafted by engineers from each town, spreads the work over six years so that no stretch of bank is left open during a flood season.",
        "Residents at Tuesday's meeting asked whether the levees would push water onto farms downstream, and the engineers answered that new gauges would let operators open relief channels earlier.",
        "Funding still depends on a regional grant that will be decided in the autumn, the mayor said, and work on the first section could begin next spring.",
    ]

    /// Two containers of one article with an advertisement between them: both halves, no ad.
    @Test func aBodySplitByAnAdBlockIsReadWhole() throws {
        let p = Self.riverParagraphs.map { "<p>\($0)</p>" }
        let r = try harness.record(
            Self.page(
                title: "River towns plan for a wetter decade - Valley Courier",
                body: """
                    <div class="nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
                    <h1>River towns plan for a wetter decade</h1><p class="byline">By Ana Reyes, March 4, 2024</p>
                    <div class="story-part">\(p[0])\(p[1])</div>
                    <div class="ad-slot"><a href="/ads/1">Advertisement: save on storm doors this month</a></div>
                    <div class="story-part">\(p[2])\(p[3])</div>
                    <div class="related"><h3>More stories</h3><ul><li><a href="/a">Bridge repairs close the east road</a></li>
                    <li><a href="/b">School year starts late</a></li></ul></div>
                    """), name: "split.html")
        for paragraph in Self.riverParagraphs { #expect(r.text.contains(paragraph), "\(paragraph.prefix(30))") }
        #expect(!r.text.contains("storm doors"))
        #expect(!r.text.contains("Bridge repairs"))
        #expect(r.published == "2024-03-04")
    }

    static let posts = [
        ("楼主", "2005-3-21 21:23", "上周末第一次去水库边钓鱼，发现岸边的石头很滑，水位也比想象中深。想请教各位老钓友，在水库边钓鱼有哪些要特别注意的地方？"),
        ("2楼", "2005-3-21 22:05", "一定要穿防滑鞋，最好带上救生衣。水库放水的时候水位涨得很快，看到警示牌就要及时离开，不要贪那一两条鱼。"),
        ("3楼", "2005-3-22 08:40", "同意楼上的说法。另外夏天要注意防晒，带足饮用水，钓点尽量选在平缓的岸边，不要站在陡坡上，傍晚蚊子也多。"),
    ]

    /// A thread whose posts each sit in their own table (the layout of
    /// Discuz-style forums): every post is the text, the date is the first
    /// post's header date (发表于 …).
    @Test func aForumThreadGivesEveryPostAndTheFirstPostsDate() throws {
        let posts = Self.posts.enumerated().map { n, post in
            """
            <div id="post_\(n + 1)"><table><tr><td class="pls">用户\(n + 1)</td><td class="plc">
            <div class="authi">\(post.0) 发表于 \(post.1)</div><div class="t_f">\(post.2)</div></td></tr></table></div>
            """
        }
        let r = try harness.record(
            Self.page(
                title: "水库边钓鱼要注意什么 - 示例钓鱼论坛",
                body: """
                    <div class="nav"><a href="/">首页</a> <a href="/bbs/">论坛</a> <a href="/bbs/diaoyu/">钓鱼交流</a></div>
                    <h1>水库边钓鱼要注意什么</h1>\(posts.joined())
                    """), name: "thread.html")
        for post in Self.posts { #expect(r.text.contains(post.2), "\(post.0)") }
        #expect(r.published == "2005-03-21T21:23:00")
        #expect(r.title == "水库边钓鱼要注意什么")
    }

    static let replies = [
        "The relief channel by the old mill was opened twice last winter, and both times the water dropped within a day.",
        "Our gauge readings are posted every morning on the board outside the pump house, if anyone wants to compare.",
        "I asked the engineers about the farms downstream; they said the new gates would be tested before the spring rains.",
    ]

    /// A news page whose reader comments share the body's class: the comments
    /// are not the article.
    @Test func newsCommentsSharingTheBodysClassStayOut() throws {
        let news = try harness.record(
            Self.page(
                title: "Councils agree on levees",
                body: """
                    <h1>Councils agree on levees</h1>
                    <div class="story"><div class="text">\(Self.riverParagraphs.map { "<p>\($0)</p>" }.joined())</div></div>
                    <div class="comments">\(Self.replies.map { "<div class=\"comment\"><div class=\"text\"><p>\($0)</p></div></div>" }.joined())</div>
                    """), name: "news.html")
        #expect(news.text.contains(Self.riverParagraphs[3]))
        for reply in Self.replies { #expect(!news.text.contains(reply)) }
    }

    /// A question with one short answer, each post in its own wrapper with
    /// the same class: the answer belongs to the thread too.
    @Test func aQuestionWithOneShortAnswerIsTheWholeThread() throws {
        let question = Self.riverParagraphs.prefix(3).joined(separator: " ")
        let answer = "Yes, the gauges go in before the first section is built."
        let thread = [question, answer].enumerated().map { n, text in
            """
            <div class="post-row" id="p\(n + 1)"><div class="author">member\(n + 1)</div>
            <div class="post-content"><p>\(text)</p></div></div>
            """
        }
        let r = try harness.record(
            Self.page(
                title: "Will the new levees flood the farms? - River Forum",
                body: """
                    <div class="nav"><a href="/">Forum</a> <a href="/river">River works</a></div>
                    <h1>Will the new levees flood the farms?</h1>\(thread.joined())
                    <div class="footer"><a href="/rules">Rules</a> <a href="/contact">Contact</a></div>
                    """), name: "question.html")
        #expect(r.text.contains(Self.riverParagraphs[2]))
        #expect(r.text.contains(answer))
        #expect(!r.text.contains("Rules"))
    }

    /// An article and one teaser of the same class in a different wrapper (a
    /// box of other stories) are no thread: the teaser stays out.
    @Test func anArticleAndOneLookAlikeTeaserAreNoThread() throws {
        let teaser = "Bridge repairs will close the east road for three weeks from Monday, the council said."
        let r = try harness.record(
            Self.page(
                title: "River towns plan for a wetter decade - Valley Courier",
                body: """
                    <h1>River towns plan for a wetter decade</h1>
                    <div class="story"><div class="text">\(Self.riverParagraphs.map { "<p>\($0)</p>" }.joined())</div></div>
                    <div class="more-box"><div class="text"><p>\(teaser)</p></div></div>
                    """), name: "teaser.html")
        #expect(r.text.contains(Self.riverParagraphs[3]))
        #expect(!r.text.contains(teaser))
    }

    /// The page's tag date, shown again just above the headline, is the
    /// publication date, not the date of the author card under the headline
    /// (the author's latest post); a tag date the page never shows is kept
    /// in `meta.pubdate_tag` only, and so is one beside a labelled header date.
    @Test func aTagDateThePageAlsoShowsBeatsAnotherHeaderDate() throws {
        func page(tagDate: String, card: String = "<span>June 12, 2024</span>") -> Data {
            Data(
                """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>River towns plan for a wetter decade</title>
                <meta property="article:published_time" content="\(tagDate)"></head><body>
                <div class="post-meta"><span>March 4, 2024</span> <span>6 min read</span></div>
                <h1>River towns plan for a wetter decade</h1>
                <div class="author-card"><span>Ana Reyes</span> \(card)</div>
                <div class="story">\(Self.riverParagraphs.map { "<p>\($0)</p>" }.joined())</div>
                </body></html>
                """.utf8)
        }
        let shown = try harness.record(page(tagDate: "2024-03-04T08:00:00+00:00"), name: "shown.html")
        #expect(shown.published?.hasPrefix("2024-03-04") == true, "\(shown.published ?? "nil")")
        let unshown = try harness.record(page(tagDate: "2023-11-20T08:00:00+00:00"), name: "unshown.html")
        #expect(unshown.published == "2024-06-12")
        #expect(unshown.meta["pubdate_tag"] == .string("2023-11-20T08:00:00+00:00"))
        // A date the header labels (a `<time>`) is the page's word: the tag does not overrule it.
        let labelled = try harness.record(
            page(tagDate: "2024-03-04T08:00:00+00:00", card: "<time datetime=\"2024-06-12\">June 12, 2024</time>"),
            name: "labelled.html")
        #expect(labelled.published == "2024-06-12")
        #expect(labelled.meta["pubdate_tag"] == .string("2024-03-04T08:00:00+00:00"))
    }

    /// The same check with the tag's date shown as a second date under the
    /// headline (no date above it), and not with a date after the text.
    @Test func aTagDateShownInTheHeaderBeatsTheHeadersFirstDate() throws {
        func page(extra: String, after: String = "") -> Data {
            Data(
                """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>River towns plan for a wetter decade</title>
                <meta property="article:published_time" content="2024-03-04T08:00:00+00:00"></head><body>
                <h1>River towns plan for a wetter decade</h1>
                <div class="author-card"><span>Ana Reyes</span> <span>June 12, 2024</span></div>\(extra)
                <div class="story">\(Self.riverParagraphs.map { "<p>\($0)</p>" }.joined())</div>\(after)
                </body></html>
                """.utf8)
        }
        let second = try harness.record(
            page(extra: "<div class=\"posted\"><span>March 4, 2024</span></div>"), name: "second.html")
        #expect(second.published?.hasPrefix("2024-03-04") == true, "\(second.published ?? "nil")")
        let after = try harness.record(
            page(extra: "", after: "<div class=\"reply\"><p>Thanks!</p><span>March 4, 2024</span></div>"),
            name: "after.html")
        #expect(after.published == "2024-06-12")
    }

    /// 信息公开: the publication date is 发布日期; 成文日期 goes to `meta.written_date`.
    @Test func anOpenGovernmentPageKeepsBothDatesApart() throws {
        let r = try harness.record(
            Self.page(
                title: "示例市水利局关于做好2024年防汛工作的通知_示例市人民政府",
                body: """
                    <table class="xxgk-info"><tr><td>索引号：</td><td>11000000/2024-00012</td><td>主题分类：</td><td>水利</td></tr>
                    <tr><td>发文机关：</td><td>示例市水利局</td><td>成文日期：</td><td>2024年05月28日</td></tr>
                    <tr><td>发文字号：</td><td>示水发〔2024〕12号</td><td>发布日期：</td><td>2024年06月03日</td></tr></table>
                    <h1>示例市水利局关于做好2024年防汛工作的通知</h1>
                    <div class="TRS_Editor"><p>各区水务局，各有关单位：</p>
                    <p>为切实做好今年汛期各项防御工作，保障人民群众生命财产安全，现将有关事项通知如下。</p>
                    <p>一、压实责任。各单位要逐级落实防汛责任人，明确巡查范围和值守要求。</p></div>
                    """), name: "xxgk.html")
        #expect(r.published == "2024-06-03")
        #expect(r.meta["written_date"] == .string("2024-05-28"))
        #expect(r.meta["doc_number"] == .string("示水发〔2024〕12号"))
        #expect(!r.text.contains("索引号"))
    }

    /// A portal article: the trail starts at the site's name (no 首页), the
    /// source is a link in a byline with a font-size widget after it.
    @Test func aPortalBylineAndTrailAreRead() throws {
        let r = try harness.record(
            Self.page(
                title: "示例省春耕备耕有序推进_新闻中心_示例网",
                body: """
                    <div class="top"><a href="/">示例网首页</a> <a href="/news/">新闻</a> <a href="/video/">视频</a></div>
                    <div class="bread"><a href="/">示例网</a> &gt; <a href="/news/">新闻中心</a> &gt; <a href="/news/nongye/">农业</a></div>
                    <h1>示例省春耕备耕有序推进</h1>
                    <div class="article-info"><span>2024-03-18 09:30</span> <span>来源：<a href="http://example.org/">示例日报</a> 调整字体 大 中 小</span></div>
                    <div class="article-body"><p>记者从示例省农业农村厅获悉，全省春耕备耕工作正在有序推进，种子、化肥等农资供应总体充足，价格基本稳定。</p>
                    <p>农业部门组织技术人员深入田间地头，指导农民做好播种前的准备工作，并提醒各地关注倒春寒天气对苗情的影响。</p></div>
                    <div class="recommend"><h3>为你推荐</h3><ul><li><a href="/n/1">示例市新建高标准农田十万亩</a></li>
                    <li><a href="/n/2">农机补贴政策解读</a></li></ul></div>
                    """), name: "portal.html")
        #expect(r.sourceOrg == "示例日报")
        #expect(r.breadcrumb == ["示例网", "新闻中心", "农业"])
        #expect(r.published == "2024-03-18T09:30:00")
        #expect(r.text.contains("倒春寒"))
        #expect(!r.text.contains("农机补贴"))
    }

    static let shortBody = """
        <div class="article"><p>记者从示例省农业农村厅获悉，全省春耕备耕工作正在有序推进，种子、化肥等农资供应总体充足，价格基本稳定。</p>
        <p>农业部门组织技术人员深入田间地头，指导农民做好播种前的准备工作，并提醒各地关注倒春寒天气对苗情的影响。</p></div>
        """

    /// Where portal and ministry templates put the source: a source-classed
    /// element with no label, a linked name between separators, a footer
    /// line in brackets, a 稿源 byline, a `source` meta tag.
    @Test(arguments: [
        (
            "<div class=\"info\"><span class=\"date\">2024-03-18 09:30</span><span class=\"source\">示例社</span></div>",
            "", "", "示例社"
        ),
        ("<div class=\"info\">2024年03月18日 09:30 | 来源: <a href=\"#\">示例网-示例日报</a> | 作者：王明</div>", "", "", "示例网-示例日报"),
        ("<div class=\"info\"><span>2024-03-18</span></div>", "<p>（来源：示例日报）</p><p>责任编辑：李华</p>", "", "示例日报"),
        ("<div class=\"info\"><span>2024-03-18</span></div>", "", "<meta name=\"source\" content=\"示例晚报\">", "示例晚报"),
        ("<div class=\"info\">发布时间：2024-03-18　　信息来源：示例市农业农村局　　浏览次数：123</div>", "", "", "示例市农业农村局"),
        (
            "<div class=\"meta\"><span class=\"time\">2024-03-18 09:30:00</span> <span>稿源：示例日报</span> <span>编辑：李华</span></div>",
            "", "", "示例日报"
        ),
    ])
    func theSourceWhereverTheTemplatePutsIt(header: String, footer: String, head: String, source: String) throws {
        let page = """
            <html><head><meta charset="utf-8"><title>示例省春耕备耕有序推进_示例网</title>\(head)</head><body>
            <div class="nav"><a href="/">首页</a> <a href="/n/">新闻</a></div><h1>示例省春耕备耕有序推进</h1>
            \(header)\(Self.shortBody)\(footer)</body></html>
            """
        let r = try harness.record(Data(page.utf8), name: "source.html")
        #expect(r.sourceOrg == source)
        #expect(r.published?.hasPrefix("2024-03-18") == true)
    }

    /// A labelled trail on a short page: the wrapper around trail and article
    /// starts with the same label, and the trail is still only the trail.
    @Test(arguments: [
        "<div class=\"wz\">您的位置：<a href=\"/\">首页</a>&gt;<a href=\"/n/\">新闻</a>&gt;正文</div>",
        "<div class=\"path\">当前位置 : <a href=\"/\">首页</a> / <a href=\"/n/\">新闻</a> / 正文</div>",
    ])
    func aTrailOnAShortPageIsOnlyTheTrail(trail: String) throws {
        let page = """
            <html><head><meta charset="utf-8"><title>示例省春耕备耕有序推进_示例网</title></head><body>
            \(trail)<h1>示例省春耕备耕有序推进</h1><div class="info">2024-03-18</div>\(Self.shortBody)</body></html>
            """
        let r = try harness.record(Data(page.utf8), name: "trail.html")
        #expect(r.breadcrumb == ["首页", "新闻", "正文"])
    }

    /// A trail needs a `>`-like separator: a bar of login links split by `/`
    /// is none (登 holds the byte 0xBB, the last byte of `»`, which once passed
    /// for one), and an unlabelled trail separated by `→` is read.
    @Test func onlyWholeSeparatorsMakeATrail() throws {
        func record(_ bar: String) throws -> CorpusRecord {
            let page = """
                <html><head><meta charset="utf-8"><title>示例省春耕备耕有序推进_示例网</title></head><body>
                \(bar)<h1>示例省春耕备耕有序推进</h1><div class="info">2024-03-18</div>\(Self.shortBody)</body></html>
                """
            return try harness.record(Data(page.utf8), name: "bar.html")
        }
        let login = try record("<div class=\"top\"><a href=\"/login\">登录</a> / <a href=\"/reg\">注册</a></div>")
        #expect(login.breadcrumb == [])
        let arrows = try record(
            "<div class=\"top\"><a href=\"/\">首页</a> → <a href=\"/n/\">新闻</a> → <a href=\"/n/nongye/\">农业</a></div>")
        #expect(arrows.breadcrumb == ["首页", "新闻", "农业"])
        #expect(ArticleHeader.holdsTrailSeparator(ArraySlice(Array("首页＞新闻".utf8))))
        #expect(!ArticleHeader.holdsTrailSeparator(ArraySlice(Array("登录 注册".utf8))))
    }
}
