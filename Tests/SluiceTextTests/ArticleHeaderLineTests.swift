import Foundation
import SluiceText
import Testing

/// The metadata line under a Chinese headline, in the forms portals and
/// ministry CMSs print it (lines written for these tests).
@Suite struct ArticleHeaderLineTests {
    @Test func publicationDateWinsOverTheDateOfWriting() throws {
        let h = try #require(ArticleHeaderLine.parse("成文日期：2024-05-28  发布日期：2024-06-01  来源：省水利厅"))
        #expect(h.published == "2024-06-01")
        #expect(h.written == "2024-05-28")
        #expect(h.source == "省水利厅")
        // A line with only the date of writing gives no publication date.
        #expect(ArticleHeaderLine.parse("成文日期：2024-05-28")?.published == nil)
    }

    @Test(arguments: [
        ("稿源：新华社  2024-03-02", "新华社"), ("本文来源：人民网", "人民网"), ("新闻来源：市政府办公室", "市政府办公室"),
        ("信息来源: 水利部", "水利部"), ("来源：示例日报 调整字体 大 中 小", "示例日报"),
    ])
    func sourceLabels(line: String, source: String) {
        #expect(ArticleHeaderLine.parse(line)?.source == source)
    }

    @Test func aForumPostHeaderDate() {
        let h = ArticleHeaderLine.parse("楼主 河边的树 发表于 2005-3-21 21:23")
        #expect(h?.published?.hasPrefix("2005-03-21") == true)
    }
}

@Suite struct TextLinesTests {
    @Test func everyLineEndAndABOM() {
        #expect(TextLines.split("\u{FEFF}MEMO\r\nTitle\rBody\nlast") == ["MEMO", "Title", "Body", "last"])
        #expect(TextLines.split("a\n\nb") == ["a", "", "b"])
    }

    @Test func theFirstLineOfAHead() {
        #expect(TextLines.firstLine(of: Data([0xEF, 0xBB, 0xBF] + Array("MEMO\r\nx".utf8))) == "MEMO")
        #expect(TextLines.firstLine(of: Data("MEMO\nx".utf8)) == "MEMO")
        #expect(TextLines.firstLine(of: Data("MEMO without an end".utf8)) == nil)
    }
}
