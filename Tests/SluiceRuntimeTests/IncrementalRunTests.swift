import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import SluiceRuntime

/// Re-running over a directory the crawler changed: only new and changed
/// inputs are extracted, the current corpus has no duplicates, plugin
/// versions are honoured.
@Suite struct IncrementalRunTests {
    struct Versioned: LeafExtractor {
        var id = "stub"
        var version: String
        let accepts = InputPattern(extensions: ["stub"])
        func sniff(_ head: Data) -> SniffVerdict { .claims(if: head.starts(with: Data("STUB:".utf8))) }
        func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
            if document.bytes == Data("STUB:FAIL".utf8) { throw ExtractionError(.malformed, "stub says no") }
            return [Extraction(text: String(decoding: document.bytes.dropFirst(5), as: UTF8.self), mime: "text/x-stub")]
        }
    }

    static func run(
        _ input: TemporaryDirectory, _ out: String, version: String = "1", full: Bool = false, retryErrors: Bool = false
    ) throws -> CorpusReader {
        let registry = try ExtractorRegistry([Versioned(version: version), LineBundle()])
        try IngestRun(
            registry: registry,
            configuration: IngestConfiguration(
                inputRoot: input.path, outputDirectory: out, jobs: 2, shardSizeLimit: 2048, full: full,
                retryErrors: retryErrors, commandLine: ["test"])
        ).run()
        return try CorpusReader(directory: URL(fileURLWithPath: out))
    }

    @Test func onlyNewAndChangedInputsAreExtractedAndTheCurrentViewHasNoDuplicates() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-inc")
        defer { crawl.remove() }
        for i in 0..<30 { try crawl.write(Data("STUB:page \(i)".utf8), to: "p\(i).stub") }
        try crawl.write(Data("STUB:FAIL".utf8), to: "bad.stub")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let first = try Self.run(crawl, out)
        #expect(first.manifest.run.new == 31 && first.manifest.run.changed == 0)
        #expect(try first.currentRecords().count == 30)

        // Unchanged: nothing redone, nothing written.
        let second = try Self.run(crawl, out)
        #expect(second.manifest.run.unchanged == 31 && second.manifest.counts.records == 0)
        #expect(try second.currentRecords().count == 30)
        #expect(try second.errors().count == 1)  // rebuilt from the ledger, once

        // The crawler changed one page, added one, removed one, and touched one without changing it.
        try crawl.write(Data("STUB:page 3, updated".utf8), to: "p3.stub")
        try crawl.write(Data("STUB:brand new".utf8), to: "new.stub")
        try FileManager.default.removeItem(atPath: crawl.path + "/p7.stub")
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: crawl.path + "/p9.stub")
        let third = try Self.run(crawl, out)
        let m = third.manifest.run
        #expect(m.new == 1 && m.changed == 1 && m.gone == 1 && m.unchanged == 29)
        #expect(third.manifest.counts.records == 2)
        let current = try third.currentRecords()
        #expect(current.count == 30)
        #expect(Set(current.map(\.id)).count == current.count)
        #expect(current.contains { $0.text == "page 3, updated" } && !current.contains { $0.text == "page 3" })
        #expect(!current.contains { $0.path == "p7.stub" })
        #expect(third.verify() == [])
    }

    @Test func aPluginVersionBumpReExtractsOnlyItsInputs() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-ver")
        defer { crawl.remove() }
        for i in 0..<5 { try crawl.write(Data("STUB:page \(i)".utf8), to: "p\(i).stub") }
        try crawl.write(LineBundle.make([("m.stub", Data("STUB:member".utf8))]), to: "b.bundle")
        try crawl.write(Data([0x89, 0x50]), to: "logo.png")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try Self.run(crawl, out, version: "1")
        let bumped = try Self.run(crawl, out, version: "2")
        // The five pages and the bundle (whose member the stub plugin read) are redone; the image is not.
        #expect(bumped.manifest.run.changed == 6 && bumped.manifest.run.unchanged == 1)
        #expect(try bumped.currentRecords().allSatisfy { $0.extractorVersion == "2" })
        #expect(try bumped.currentRecords().count == 6)
        let full = try Self.run(crawl, out, version: "2", full: true)
        #expect(full.manifest.run.changed == 7 && full.manifest.run.full)
        #expect(try full.currentRecords().count == 6 && full.verify() == [])
    }

    @Test func retryErrorsRedoesTheFailuresAndStatusAndReportDescribeTheRun() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-retry")
        defer { crawl.remove() }
        for i in 0..<8 { try crawl.write(Data("STUB:page \(i)".utf8), to: "p\(i).stub") }
        try crawl.write(Data("STUB:FAIL".utf8), to: "bad.stub")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try Self.run(crawl, out)
        let retried = try Self.run(crawl, out, retryErrors: true)
        #expect(retried.manifest.run.changed == 1 && retried.manifest.run.unchanged == 8)
        #expect(try retried.errors().map(\.path) == ["bad.stub"])

        let status =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/status.json")))
            as? [String: Any]
        #expect(status?["phase"] as? String == "complete")
        #expect(status?["done"] as? Int == 9 && status?["inputs"] as? Int == 9)
        #expect(status?["changed"] as? Int == 1 && status?["unchanged"] as? Int == 8)
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
            as? [String: Any]
        #expect(report?["changed"] as? Int == 1 && report?["errors"] as? Int == 1)
        #expect((report?["peak_memory_bytes"] as? Int ?? 0) > 1 << 20)
        let slowest = report?["slowest"] as? [[String: Any]] ?? []
        #expect(slowest.count == 1 && slowest.first?["path"] as? String == "bad.stub")
    }
}
