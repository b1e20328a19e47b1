import Foundation
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import Testing

@testable import HTMLExtractor

/// Short articles are articles; only list, column and hub pages are skipped
/// as `not-article`; a page with no prose block still gives what it shows.
/// (Pages written for these tests.)
@Suite struct ShortAndListPagesTests {
    let harness = try! ExtractorHarness([HTMLExtractor()])

    static func page(_ body: String, title: String = "示例市水利局") -> Data {
        Data(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(title)</title></head><body>\(body)</body></html>"
                .utf8)
    }

    static let nav = """
        <div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a> <a href="/tzgg/">通知公告</a>
        <a href="/zcwj/">政策文件</a> <a href="/bszn/">办事指南</a> <a href="/hdjl/">互动交流</a></div>
        """

    @Test func aTwoLineNoticeWithAnAttachmentIsARecord() throws {
        let r = try harness.record(
            Self.page(
                """
                \(Self.nav)
                <h1>关于报送汛期值班表的通知</h1><div class="info">发布时间：2024-05-20 来源：办公室</div>
                <div class="content"><p>各单位：请于5月25日前报送值班表。</p>
                <p>附件：<a href="/files/值班表.xlsx">值班表.xlsx</a></p></div>
                """, title: "关于报送汛期值班表的通知_示例市水利局"), name: "notice.html")
        #expect(r.title == "关于报送汛期值班表的通知")
        #expect(r.published == "2024-05-20")
        #expect(r.text.contains("请于5月25日前报送值班表"))
        #expect(r.meta["attachments"] != nil)
        // One link in two short paragraphs: well on the article side of the line.
        guard case .int(let confidence)? = r.meta["page_type_confidence"] else {
            Issue.record("no page_type_confidence")
            return
        }
        #expect((50...100).contains(confidence), "\(confidence)")
    }

    @Test func aOneSentenceBriefIsKeptAndMarkedShort() throws {
        let r = try harness.record(
            Self.page("\(Self.nav)<h1>简讯</h1><div class=\"content\"><p>今日全市降雨。</p></div>"), name: "brief.html")
        #expect(r.text.contains("今日全市降雨"))
        #expect(r.meta["page_type"] == .string("short"))
    }

    @Test func aColumnPageOfLinksIsStillSkipped() {
        let items = (1...30).map {
            "<li><a href=\"/art/\($0).html\">关于第\($0)批水利项目安排的公示</a><span>2024-05-\($0 % 28 + 1)</span></li>"
        }
        let outcomes = harness.outcomes(
            Self.page("\(Self.nav)<div class=\"list\"><ul>\(items.joined())</ul></div>"), name: "list.html")
        #expect(outcomes.count == 1)
        guard case .skipped(let skip) = outcomes.first else {
            Issue.record("a list page gave \(outcomes)")
            return
        }
        #expect(skip.reason == "not-article")
    }

    /// A price table of short cells, none a prose block: the page's visible
    /// text is kept rather than the page dropped.
    @Test func aPageWithNoProseBlockGivesWhatItShows() throws {
        let rows = (1...12).map { "<tr><td>第\($0)号闸</td><td>水位\($0 + 20)米</td></tr>" }
        let r = try harness.record(Self.page("\(Self.nav)<table>\(rows.joined())</table>"), name: "t.html")
        #expect(r.meta["page_type"] == .string("no-prose"))
        #expect(r.text.contains("第7号闸"))
    }
}

/// Pages whose text is spread over several blocks.
@Suite struct SpreadTextTests {
    let harness = try! ExtractorHarness([HTMLExtractor()])

    static let sections = [
        ("Flood forecasting", "Our gauges report river levels every ten minutes, so warnings reach towns hours ahead."),
        (
            "Reservoir operations",
            "Operators follow rule curves that keep space for floods while storing water for summer."
        ),
        ("Drought planning", "Each basin keeps a drought plan with triggers, restrictions and emergency supplies."),
        ("Public data", "Every reading we take is published as open data, free to download and reuse."),
    ]

    /// An undated page of sections (a service or landing page): every section is its text.
    @Test func anUndatedPageOfSectionsGivesEverySection() throws {
        let blocks = Self.sections.map { title, body in
            "<section class=\"feature\"><div class=\"inner\"><h2>\(title)</h2><div class=\"copy\"><p>\(body) It is done by trained staff.</p></div></div></section>"
        }
        let page = """
            <html><head><meta charset="utf-8"><title>What we do | Example Water Agency</title></head><body>
            <nav><a href="/">Home</a> <a href="/about">About</a> <a href="/news">News</a> <a href="/contact">Contact</a></nav>
            <main><h1>What we do</h1>\(blocks.joined())</main>
            <footer>Copyright Example Water Agency</footer></body></html>
            """
        let r = try harness.record(Data(page.utf8), name: "services.html")
        for (_, body) in Self.sections { #expect(r.text.contains(body), "\(body.prefix(20))") }
        #expect(!r.text.contains("Copyright"))
    }
}
