import Foundation
import SluiceRuntime
import SluiceTesting
import Testing

@testable import SluiceCLI

/// Runs the real command line over the shipped demo input, Corpus/.
@Suite struct CorpusRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Corpus").path
    /// The sample config the README's command uses: the PDF plugin through pdftotext.
    static let sampleConfig = root.appendingPathComponent("Corpus/sluice.toml").path
    static let hasPdftotext = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")

    static func ingest(_ arguments: [String]) throws {
        try InProcessCommand.run(["ingest"] + arguments + ["--progress", "none"])
    }

    static func ingestCorpus(jobs: Int) throws -> CorpusReader {
        let out = try TemporaryDirectory(prefix: "sluice-cli")
        try ingest([corpus, "--out", out.path, "--jobs", String(jobs), "--overwrite", "--config", sampleConfig])
        return try CorpusReader(directory: out.url)
    }

    @Test func theDemoCorpusGivesTheExpectedRecordsErrorsAndSkips() throws {
        let c = try Self.ingestCorpus(jobs: 2)
        defer { try? FileManager.default.removeItem(at: c.directory) }
        // Loose files by path; bundles give one record per member.
        let all = try c.records()
        let records = Dictionary(uniqueKeysWithValues: all.filter { $0.members.isEmpty }.map { ($0.path, $0) })
        #expect(all.contains { $0.members == ["snapshot/cms-export-gbk.zip", "工作动态/河湖清四乱.html"] })
        let encodings = records.mapValues { $0.encoding ?? "-" }
        #expect(encodings["www.mwr-example.gov.cn/xwzx/202403/t20240315_1001.txt"] == "UTF-8")
        #expect(encodings["www.mwr-example.gov.cn/xwzx/202403/t20240320_1002.txt"] == "GB18030")
        #expect(encodings["english/flood-drill-utf16.txt"] == "UTF-16LE")
        #expect(encodings["english/cafe-notice-cp1252.txt"] == "windows-1252")
        #expect(encodings["notes/crawl-log"] == "UTF-8")
        #expect(records["broken/scan-export.txt"] == nil)
        let pdfs = ["attachments/emergency-plan-summary.pdf", "attachments/值班安排.pdf"]
        let errors = try c.errors().filter { !$0.path.hasPrefix("attachments/") }
        #expect(Set(errors.map(\.path)) == ["broken/scan-export.txt", "broken/corrupt-export.html"])
        #expect(errors.allSatisfy { $0.kind == "not-text" })
        if Self.hasPdftotext {
            #expect(records[pdfs[0]]?.extractor == "pdf")
            #expect(records[pdfs[0]]?.text.contains("evacuation routes") == true)
            #expect(records[pdfs[1]]?.text.contains("值班人员应保持通讯畅通") == true)
            #expect(records[pdfs[1]]?.lang == "zh")
        } else {
            // Without poppler-utils, each PDF gets a line naming the missing command; nothing else changes.
            let pdfErrors = try c.errors().filter { $0.path.hasPrefix("attachments/") }
            #expect(Set(pdfErrors.map(\.path)) == Set(pdfs))
            #expect(pdfErrors.allSatisfy { $0.kind == "external" && $0.message.contains("'pdftotext'") })
        }
        let docx = try #require(records["attachments/防汛物资储备通知.docx"])
        #expect(
            RecordExpectation(
                title: "关于做好防汛物资储备工作的通知", published: "2024-03-15T08:30:00Z", lang: "zh",
                textContains: ["四月底前完成防汛物资清查", "编织袋\t20000\t条"]
            ).mismatches(docx) == [])
        #expect(records["attachments/reservoir-levels-2024.xlsx"]?.title == "Reservoir levels, March 2024")
        #expect(records["attachments/flood-drill-minutes.odt"]?.published == "2024-03-22T14:00:00")
        // The policy page links its attachment; the attachment's record links back.
        let policy = try #require(records["www.gov-policy-example.gov.cn/zhengce/content/2024-06/01/content_9001.htm"])
        let linked = "www.gov-policy-example.gov.cn/zhengce/files/jieshui-zhibiao.pdf"
        if Self.hasPdftotext { #expect(records[linked]?.meta["linked_from"] == .string(policy.id)) }
        #expect(
            Set(try c.skipped().filter { $0.members.isEmpty }.map { $0.path + " " + $0.reason }) == [
                "www.mwr-example.gov.cn/images/logo.png no-extractor",
                "www.mwr-example.gov.cn/xwzx/gzdt/index.html not-article",
            ])
        #expect(records["www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html"]?.extractor == "html")
        #expect(records["english/gauges-utf16.html"]?.encoding == "UTF-16LE")

        let gb = try #require(records["www.mwr-example.gov.cn/xwzx/202403/t20240320_1002.txt"])
        #expect(
            RecordExpectation(
                title: "关于开展2024年节约用水宣传周活动的通知", published: "2024-03-20", sourceOrg: "示例省水利厅",
                breadcrumb: ["首页", "政务公开", "通知公告"], lang: "zh", textContains: ["特此通知。", "𠀀"]
            ).mismatches(gb) == [])
        #expect(records["english/reservoir-bulletin.txt"]?.lang == "en")
        let inputs = try FileManager.default.subpathsOfDirectory(atPath: Self.corpus).filter { sub in
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: Self.corpus + "/" + sub, isDirectory: &isDir)
            return exists && !isDir.boolValue && !sub.split(separator: "/").contains { $0.hasPrefix(".") }
        }
        .filter { $0 != "sluice.toml" }  // the config file is not an input
        #expect(c.manifest.counts.inputs == inputs.count)
        // Every input has a line; a loose file exactly one, a bundle one per member.
        let lines =
            try c.records().map { ($0.path, $0.members) } + c.errors().map { ($0.path, $0.members) }
            + c.skipped().map { ($0.path, $0.members) }
        #expect(Set(lines.map(\.0)) == Set(inputs))
        for input in inputs where !input.hasPrefix("bundles/") {
            #expect(lines.filter { $0.0 == input }.count == 1, "\(input)")
        }
        #expect(c.verify() == [])

        let validator = try JSONSchemaValidator(
            contentsOf: Self.root.appendingPathComponent("Docs/corpus-record.schema.json"))
        for shard in c.manifest.shards {
            for line in try c.lines(shard.name) { #expect(validator.validate(jsonText: line) == []) }
        }
    }

    @Test func oneAndFourJobsGiveTheSameRecords() throws {
        let one = try Self.ingestCorpus(jobs: 1)
        let four = try Self.ingestCorpus(jobs: 4)
        defer { for c in [one, four] { try? FileManager.default.removeItem(at: c.directory) } }
        let a = try one.records().sorted { $0.id < $1.id }
        let b = try four.records().sorted { $0.id < $1.id }
        #expect(a == b && !a.isEmpty)
    }

    @Test func badUsageFailsWithAClearMessageAndNonZeroStatus() throws {
        let out = try TemporaryDirectory(prefix: "sluice-cli-bad")
        defer { out.remove() }
        #expect(throws: (any Error).self) { try Self.ingest(["/no/such/crawl", "--out", out.path]) }
        #expect(throws: (any Error).self) {
            try InProcessCommand.parse(["ingest", Self.corpus, "--out", out.path, "--jobs", "0"])
        }
        #expect(throws: (any Error).self) { try InProcessCommand.parse(["ingest", Self.corpus]) }
        #expect(IngestError.inputMissing("/x").description.contains("does not exist"))
    }

    @Test func strictTurnsDocumentErrorsIntoExitStatusOne() throws {
        let out = try TemporaryDirectory(prefix: "sluice-cli-strict")
        defer { out.remove() }
        do {
            try Self.ingest([Self.corpus, "--out", out.path, "--overwrite", "--strict"])
            Issue.record("--strict with a failing input should exit non-zero")
        } catch {
            #expect(SluiceCommand.exitCode(for: error).rawValue == 1)
        }
    }

    @Test func sizesParse() {
        #expect(ByteSize.parse("128M") == 128 << 20)
        #expect(ByteSize.parse("4096") == 4096)
        #expect(ByteSize.parse("1g") == 1 << 30)
        #expect(ByteSize.parse("lots") == nil && ByteSize.parse("0") == nil)
    }
}
