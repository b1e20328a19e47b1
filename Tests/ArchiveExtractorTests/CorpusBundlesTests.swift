import Foundation
import SluiceRuntime
import SluiceTesting
import Testing

@testable import ArchiveExtractor

/// The bundles of Corpus/bundles (scripts/make-corpus-bundles.py).
@Suite struct CorpusBundlesTests {
    static func outcomes(_ name: String) throws -> [DocumentOutcome] {
        let data = try Data(contentsOf: Fixtures.corpus.appendingPathComponent("bundles/\(name)"))
        return Fixtures.harness().outcomes(data, name: "bundles/\(name)")
    }

    @Test func gbkMemberNamesAreDecoded() throws {
        let o = try Self.outcomes("cms-export-gbk.zip")
        #expect(
            Set(o.records.map { $0.members.joined(separator: "|") }) == [
                "工作动态/河湖清四乱.html", "部门动态/农村供水.html", "通知/防汛准备.txt",
            ])
        #expect(o.records.first { $0.members == ["工作动态/河湖清四乱.html"] }?.title == "全省启动河湖清四乱专项行动")
    }

    @Test func aZipInsideATarGzKeepsTheWholeChain() throws {
        let o = try Self.outcomes("snapshot.tar.gz")
        #expect(o.errors.isEmpty)
        #expect(o.records.contains { $0.members == ["snapshot/cms-export-gbk.zip", "部门动态/农村供水.html"] })
        #expect(o.records.contains { $0.members == ["snapshot/notice.txt"] })
        #expect(o.records.count == 4)
    }

    @Test func aGzippedPageIsOneDocument() throws {
        let o = try Self.outcomes("ucap-article.html.gz")
        #expect(o.records.map(\.members) == [["ucap-article.html"]])
        #expect(o.records.first?.title == "示例市推进农村供水保障工程")
    }

    @Test func wgetWARCResponsesBecomePagesAndTheRestIsExplained() throws {
        let o = try Self.outcomes("wget-crawl.warc.gz")
        let page = try #require(o.records.first { $0.members.first?.hasSuffix("/news/trs.html") == true })
        #expect(page.url == page.members.first && page.encoding == "GB18030")
        #expect(page.title == "全省启动河湖清四乱专项行动" && !page.text.contains("HTTP/1"))
        let reasons = Set(o.skips.map(\.reason))
        #expect(reasons.isSuperset(of: ["warc-warcinfo", "warc-request", "http-status", "warc-metadata"]))
        // The site's home page, whose URI ends in "/", was read (and is a link hub, so not an article).
        #expect(o.skips.contains { $0.members.first?.hasSuffix("/") == true && $0.reason == "not-article" })
        #expect(o.errors.isEmpty)
    }

    @Test func warcio11WithChunkedAndGzipBodies() throws {
        let o = try Self.outcomes("warcio-1.1.warc.gz")
        let home = try #require(o.records.first { $0.members == ["https://www.ucap-example.gov.cn/"] })
        #expect(home.title == "示例市推进农村供水保障工程" && home.url == "https://www.ucap-example.gov.cn/")
        let gz = try #require(o.records.first { $0.members.first?.hasSuffix("art_1001_5001.html") == true })
        #expect(gz.encoding == "GB18030" && gz.text.contains("省水利厅副厅长李堃出席会议并讲话。"))
        // The record's sha256 and size are the payload's once decoded.
        let loose = try Data(
            contentsOf: Fixtures.corpus.appendingPathComponent(
                "www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html"))
        #expect(gz.sha256 == SHA256Digest.hex(of: loose) && gz.bytes == loose.count)
        #expect(Set(o.skips.map(\.reason)) == ["warc-warcinfo", "warc-request", "http-status", "warc-revisit"])
    }

    @Test func handMadeWARC11WithFractionalSecondsAndASlashURI() throws {
        let page = Data(
            "<html><head><meta charset=\"utf-8\"><title>首页</title></head><body><div class=\"content\"><p>这是一个以斜杠结尾的网址上的正文段落，内容足够长，可以识别。</p><p>第二段同样是正文内容。</p></div></body></html>"
                .utf8)
        let http =
            Data("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(page.count)\r\n\r\n".utf8) + page
        let record =
            Data(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.example.gov.cn/\r\nWARC-Date: 2024-05-06T08:15:00.123456Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: \(http.count)\r\n\r\n"
                    .utf8) + http + Data("\r\n\r\n".utf8)
        let o = Fixtures.harness().outcomes(record, name: "hand.warc")
        let r = try #require(o.records.first, "\(o)")
        #expect(r.members == ["https://www.example.gov.cn/"] && r.sha256 == SHA256Digest.hex(of: page))
        // A damaged record stops the file with an error, keeping what came before.
        let cut = Fixtures.harness().outcomes(
            record + Data("WARC/1.1\r\nContent-Length: 500\r\n\r\nshort".utf8), name: "c.warc")
        #expect(cut.records.count == 1 && cut.errors.first?.kind == "malformed")
    }

    @Test func idsAreStableAcrossRuns() throws {
        let a = try Self.outcomes("snapshot.tar.gz").records.map(\.id)
        let b = try Self.outcomes("snapshot.tar.gz").records.map(\.id)
        #expect(a == b && Set(a).count == a.count)
    }
}
