import Foundation
import SluiceRuntime
import SluiceTesting
import Testing

@testable import HTMLExtractor

@Suite struct RobustnessTests {
    let harness = CorpusPages.harness

    @Test func emptyBinaryAndTooDeepPagesGiveErrorLines() {
        #expect(harness.error(Data(), name: "empty.html")?.kind == "malformed")
        let binary = try! Data(contentsOf: CorpusPages.root.appendingPathComponent("broken/corrupt-export.html"))
        #expect(harness.error(binary, name: "corrupt.html")?.kind == "not-text")
        let deep = String(repeating: "<div>", count: 100_000) + "text" + String(repeating: "</div>", count: 100_000)
        let e = harness.error(Data(deep.utf8), name: "deep.html")
        #expect(e?.kind == "malformed" && e?.message.contains("nested") == true)
    }

    /// More distinct element names than a name id can number (65,535): the
    /// rest share the empty name's id, and the page is read, not a crash.
    @Test func aPageOfSeventyThousandInventedElementNamesIsRead() throws {
        let invented = (0..<70_000).map { "<x\($0)>第\($0)号</x\($0)>" }.joined()
        let page = "<html><body><h1>水位公告</h1><p>今日各站水位平稳，请沿河群众注意安全。</p>\(invented)</body></html>"
        let r = try harness.record(Data(page.utf8), name: "names.html")
        #expect(r.text.contains("今日各站水位平稳"))
    }

    @Test func aTruncatedPageKeepsWhatItHas() throws {
        let r = try CorpusPages.record("broken/truncated-article.html")
        #expect(r.title == "堤防加固工程开工" && r.text.contains("计划于明年汛前完工。"))
    }

    @Test func aSavedErrorResponseIsSkipped() {
        let page = Data(
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body><h1>Not Found</h1></body></html>".utf8
        )
        let outcomes = harness.outcomes(page, name: "missing.html")
        #expect(
            outcomes == [
                .skipped(
                    SkipEntry(
                        path: "missing.html", members: [], extractor: "html", reason: "http-status",
                        detail: "the saved response has HTTP status 404"))
            ])
    }
}

@Suite struct StructureTests {
    let harness = CorpusPages.harness

    func record(_ body: String) throws -> CorpusRecord {
        let page = "<html><head><meta charset=\"utf-8\"><title>结构测试</title></head><body>\(body)</body></html>"
        return try harness.record(Data(page.utf8), name: "s.html")
    }

    @Test func paragraphsLinesListsAndTablesKeepTheirShape() throws {
        let r = try record(
            """
            <div class="content"><h2>一、总体要求</h2><p>第一段第一句，内容较长以便识别为正文段落。<br>同段换行后的第二行。</p>
            <ul><li>第一项，包含说明。</li><li>第二项，包含说明。</li></ul>
            <table><tr><td>名称</td><td>数量</td></tr><tr><td>水库</td><td>12</td></tr></table>
            <p>最后一段，总结全文内容并提出要求。</p></div>
            """)
        #expect(r.text.contains("一、总体要求\n\n第一段第一句"))
        #expect(r.text.contains("识别为正文段落。\n同段换行后的第二行。"))
        #expect(r.text.contains("第一项，包含说明。\n第二项，包含说明。"))
        #expect(r.text.contains("名称\t数量\n水库\t12"))
    }

    @Test func hiddenElementsScriptsAndRelatedLinksStayOut() throws {
        let r = try record(
            """
            <div class="content"><p>正文第一段，讲述主要事件的经过，内容足够长。</p>
            <p style="display: none">隐藏的文字不应出现。</p><script>var hidden = "脚本";</script>
            <p>正文第二段，继续说明有关情况和下一步安排。</p>
            <div class="links"><a href="/1">相关链接一</a> <a href="/2">相关链接二</a> <a href="/3">相关链接三</a></div></div>
            <div class="footer">版权所有 示例单位</div>
            """)
        #expect(r.text.contains("正文第一段") && r.text.contains("正文第二段"))
        for absent in ["隐藏的文字", "脚本", "相关链接", "版权所有"] { #expect(!r.text.contains(absent), "\(absent)") }
    }

    @Test func theSniffFindsHTMLWithoutADoctypeAndLeavesTextAlone() {
        let extractor = HTMLExtractor()
        #expect(extractor.sniff(Data("<text id=1><div><p>a</p></div><span>b</span></text>".utf8)) == .claims)
        #expect(extractor.sniff(Data("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nhello".utf8)) == .claims)
        #expect(extractor.sniff(Data("Plain words, no markup at all.\n".utf8)) == .refuses)
        #expect(extractor.sniff(Data("a < b and c > d".utf8)) == .unsure)
        // Binary bytes with tag-like runs in them are not markup.
        let binary = Data([0x00, 0x01] + Array("<a1><b2><c3><d4><e5><f6>".utf8) + [0x00, 0x02, 0x03])
        #expect(extractor.sniff(binary) == .refuses)
    }
}
