import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import SluiceRuntime

/// Attachments link back to the page that links them (`meta.linked_from`),
/// whatever the walk order, and across incremental runs.
@Suite struct AttachmentLinkTests {
    /// Pages are `PAGE:` then one linked path per line; anything else is an attachment's text.
    struct LinkingPages: LeafExtractor {
        let id = "page"
        let version = "1"
        let accepts = InputPattern(extensions: ["page", "pdf"])
        func sniff(_ head: Data) -> SniffVerdict { .unsure }
        func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
            let text = String(decoding: document.bytes, as: UTF8.self)
            guard text.hasPrefix("PAGE:") else { return [Extraction(text: text, mime: "application/pdf")] }
            let links = text.dropFirst(5).split(separator: "\n").map { ["url": String($0), "text": "附件"] }
            return [
                Extraction(text: "A page with attachments.", mime: "text/html", meta: ["attachments": .objects(links)])
            ]
        }
    }

    static func run(_ input: TemporaryDirectory, _ out: String, jobs: Int = 1) throws -> [String: CorpusRecord] {
        try IngestRun(
            registry: try ExtractorRegistry([LinkingPages()]),
            configuration: IngestConfiguration(
                inputRoot: input.path, outputDirectory: out, jobs: jobs, commandLine: ["test"])
        ).run()
        let records = try CorpusReader(directory: URL(fileURLWithPath: out)).currentRecords()
        return Dictionary(uniqueKeysWithValues: records.map { ($0.path, $0) })
    }

    @Test func attachmentsWalkedBeforeTheirPageStillLinkBack() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-links")
        defer { crawl.remove() }
        // "a-files" sorts before "b-news": the walk meets the attachments first.
        try crawl.write(Data("指标表".utf8), to: "www.example.gov.cn/a-files/指标.pdf")
        try crawl.write(Data("root-relative".utf8), to: "www.example.gov.cn/a-files/plan.pdf")
        try crawl.write(Data("absolute".utf8), to: "www.example.gov.cn/b-news/2024/form.pdf")
        try crawl.write(Data("nobody links me".utf8), to: "www.example.gov.cn/a-files/orphan.pdf")
        try crawl.write(
            Data(
                """
                PAGE:../../a-files/%E6%8C%87%E6%A0%87.pdf
                /a-files/plan.pdf
                http://www.example.gov.cn/b-news/2024/form.pdf
                /a-files/missing.pdf
                """.utf8), to: "www.example.gov.cn/b-news/2024/page.page")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let records = try Self.run(crawl, out, jobs: 2)
        let page = try #require(records["www.example.gov.cn/b-news/2024/page.page"])
        for linked in ["a-files/指标.pdf", "a-files/plan.pdf", "b-news/2024/form.pdf"] {
            #expect(records["www.example.gov.cn/" + linked]?.meta["linked_from"] == .string(page.id), "\(linked)")
        }
        #expect(records["www.example.gov.cn/a-files/orphan.pdf"]?.meta["linked_from"] == nil)
        #expect(page.meta["linked_from"] == nil)
        #expect(!FileManager.default.fileExists(atPath: out + "/.deferred-inputs"))
    }

    /// The page was extracted by an earlier run; the attachment arrives later.
    @Test func aLaterRunStillKnowsTheEarlierPagesLinks() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-links-later")
        defer { crawl.remove() }
        try crawl.write(Data("PAGE:files/notice.pdf".utf8), to: "site/page.page")
        try crawl.write(Data("an earlier attachment".utf8), to: "site/files/other.pdf")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let first = try Self.run(crawl, out)
        #expect(first["site/files/other.pdf"]?.meta["linked_from"] == nil)
        try crawl.write(Data("the notice itself".utf8), to: "site/files/notice.pdf")
        let second = try Self.run(crawl, out)
        let page = try #require(second["site/page.page"])
        #expect(second["site/files/notice.pdf"]?.meta["linked_from"] == .string(page.id))
    }

    /// A changed page gets a new record id: its unchanged attachment is written
    /// again with the new id, never left pointing at a tombstoned record; a
    /// page that drops the link takes `linked_from` away.
    @Test func aChangedLinkingPageIsFollowedByItsAttachments() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-links-changed")
        defer { crawl.remove() }
        try crawl.write(Data("PAGE:files/notice.pdf".utf8), to: "site/page.page")
        try crawl.write(Data("the notice".utf8), to: "site/files/notice.pdf")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let first = try Self.run(crawl, out)
        let oldPage = try #require(first["site/page.page"]).id
        #expect(first["site/files/notice.pdf"]?.meta["linked_from"] == .string(oldPage))

        try crawl.write(Data("PAGE:files/notice.pdf\n/files/other.pdf".utf8), to: "site/page.page")
        let second = try Self.run(crawl, out)
        let newPage = try #require(second["site/page.page"]).id
        #expect(newPage != oldPage)
        #expect(second["site/files/notice.pdf"]?.meta["linked_from"] == .string(newPage))
        let corpus = try CorpusReader(directory: URL(fileURLWithPath: out))
        let current = try corpus.currentRecords()
        #expect(current.count == 2, "one record per input, the superseded ones tombstoned")
        #expect(current.allSatisfy { $0.meta["linked_from"].map { $0 == .string(newPage) } ?? true })
        #expect(corpus.manifest.run.changed == 2 && corpus.manifest.run.unchanged == 0)

        try crawl.write(Data("PAGE:files/other.pdf".utf8), to: "site/page.page")
        let third = try Self.run(crawl, out)
        #expect(third["site/files/notice.pdf"]?.meta["linked_from"] == nil)

        // Nothing changed: nothing is redone, the links stand.
        _ = try Self.run(crawl, out)
        let fourth = try CorpusReader(directory: URL(fileURLWithPath: out)).manifest.run
        #expect(fourth.unchanged == 2 && fourth.changed == 0 && fourth.new == 0)
    }

    @Test func linksThatLeaveTheCrawlAreRefused() {
        #expect(AttachmentLinks.normalize(["a", "..", "..", "etc", "passwd"]) == nil)
        #expect(AttachmentLinks.normalize(["a", ".", "b%20c.pdf"]) == "a/b c.pdf")
        #expect(AttachmentFiles.isAttachment("x/report.DOCX") && !AttachmentFiles.isAttachment("x.pdf/page.html"))
    }
}
