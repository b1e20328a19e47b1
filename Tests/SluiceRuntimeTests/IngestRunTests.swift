import Foundation
import SluiceTesting
import Testing

@testable import SluiceRuntime

@Suite struct IngestRunTests {
    /// A crawl of stub pages with one of everything that can go wrong.
    static func makeCrawl(pages: Int = 40) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "sluice-crawl")
        for i in 0..<pages { try dir.write(Data("STUB:page number \(i)".utf8), to: "site/p\(i % 7)/page\(i).stub") }
        try dir.write(Data("STUB:FAIL".utf8), to: "site/broken.stub")
        try dir.write(Data("STUB:SKIP".utf8), to: "site/list.stub")
        try dir.write(Data([0x89, 0x50, 0x4E, 0x47]), to: "site/logo.png")
        try dir.write(Data("STUB:hidden page".utf8), to: "site/.cache/h.stub")
        try dir.write(
            LineBundle.make([("m1.stub", Data("STUB:member one".utf8)), ("m2.stub", Data("STUB:FAIL".utf8))]),
            to: "bundles/b.bundle")
        try FileManager.default.createSymbolicLink(
            atPath: dir.path + "/site/link.stub", withDestinationPath: dir.path + "/site/page0.stub")
        return dir
    }

    static func run(
        _ input: TemporaryDirectory, jobs: Int, shardSize: Int = 128 << 20, out: String? = nil
    ) throws -> CorpusReader {
        let outDir = out ?? input.path + "-out-\(jobs)-\(UUID().uuidString)"
        let registry = try ExtractorRegistry([LineBundle(), StubLeaf()])
        let config = IngestConfiguration(
            inputRoot: input.path, outputDirectory: outDir, jobs: jobs, shardSizeLimit: shardSize,
            commandLine: ["test"])
        try IngestRun(registry: registry, configuration: config).run()
        return try CorpusReader(directory: URL(fileURLWithPath: outDir))
    }

    @Test func everyInputLandsInExactlyOneFileAndOthersSurviveFailures() throws {
        let crawl = try Self.makeCrawl()
        defer { crawl.remove() }
        let corpus = try Self.run(crawl, jobs: 2)
        defer { try? FileManager.default.removeItem(at: corpus.directory) }

        let records = try corpus.records()
        let errors = try corpus.errors()
        let skipped = try corpus.skipped()
        #expect(records.count == 41)  // 40 pages and one bundle member
        #expect(Set(records.map(\.id)).count == records.count)
        #expect(
            Set(errors.map { $0.path + "|" + $0.members.joined(separator: "/") }) == [
                "site/broken.stub|", "bundles/b.bundle|m2.stub",
            ])
        #expect(Set(skipped.map(\.reason)) == ["not-article", "no-extractor", "symlink"])
        #expect(!records.contains { $0.path.contains(".cache") })
        let m = corpus.manifest
        #expect(m.status == "complete")
        #expect(m.counts.inputs == 45 && m.counts.hiddenIgnored == 1)
        #expect(m.counts.records == 41 && m.counts.errors == 2 && m.counts.skipped == 3)
        #expect(m.byPlugin["stub"] == Manifest.PluginCounts(records: 41, errors: 2, skipped: 1))
        #expect(m.errorsByKind == ["malformed": 2])
        #expect(corpus.verify() == [])
    }

    @Test func oneAndFourWorkersGiveTheSameRecordsAndIDsAreStable() throws {
        let crawl = try Self.makeCrawl(pages: 200)
        defer { crawl.remove() }
        let one = try Self.run(crawl, jobs: 1)
        let four = try Self.run(crawl, jobs: 4)
        let again = try Self.run(crawl, jobs: 4)
        defer { for c in [one, four, again] { try? FileManager.default.removeItem(at: c.directory) } }
        let byID = { (c: CorpusReader) in try Dictionary(uniqueKeysWithValues: c.records().map { ($0.id, $0) }) }
        #expect(try byID(one) == byID(four))
        #expect(try byID(four) == byID(again))
        #expect(try one.records().count == 201)
    }

    @Test func shardsRotatePastTheSizeLimitAndMatchTheManifest() throws {
        let crawl = try Self.makeCrawl(pages: 120)
        defer { crawl.remove() }
        let corpus = try Self.run(crawl, jobs: 2, shardSize: 4096)
        defer { try? FileManager.default.removeItem(at: corpus.directory) }
        #expect(corpus.manifest.shards.count > 3)
        #expect(corpus.manifest.shards.map(\.name).first == "part-00000.jsonl")
        #expect(corpus.verify() == [])
        #expect(try corpus.records().count == 121)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: corpus.directory.path).filter {
            $0.hasSuffix(".partial")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func recordsValidateAgainstTheSchema() throws {
        let crawl = try Self.makeCrawl(pages: 5)
        defer { crawl.remove() }
        let corpus = try Self.run(crawl, jobs: 2)
        defer { try? FileManager.default.removeItem(at: corpus.directory) }
        let validator = try JSONSchemaValidator(contentsOf: RepositoryFiles.recordSchema)
        for line in try corpus.lines("part-00000.jsonl") { #expect(validator.validate(jsonText: line) == []) }
        // And the validator does reject a broken record.
        #expect(!validator.validate(jsonText: #"{"id": 5}"#).isEmpty)
    }

    @Test func outputInsideTheInputIsNotIngested() throws {
        let crawl = try Self.makeCrawl(pages: 3)
        defer { crawl.remove() }
        let corpus = try Self.run(crawl, jobs: 1, out: crawl.path + "/corpus-out")
        #expect(try corpus.records().allSatisfy { !$0.path.hasPrefix("corpus-out") })
        #expect(corpus.manifest.counts.records == 4)
    }

    @Test func outputDirectoryGuards() throws {
        let crawl = try Self.makeCrawl(pages: 2)
        defer { crawl.remove() }
        let out = try TemporaryDirectory(prefix: "sluice-out")
        defer { out.remove() }
        let registry = try ExtractorRegistry([StubLeaf()])
        func run(_ input: String, _ output: String, overwrite: Bool = false) throws(IngestError) {
            try IngestRun(
                registry: registry,
                configuration: IngestConfiguration(inputRoot: input, outputDirectory: output, overwrite: overwrite)
            ).run()
        }
        #expect(throws: IngestError.inputMissing(crawl.path + "/nope")) { try run(crawl.path + "/nope", out.path) }
        try out.write(Data("mine".utf8), to: "notes.txt")
        #expect(throws: IngestError.outputNotEmpty(out.path)) { try run(crawl.path, out.path) }
        try run(crawl.path, out.path, overwrite: true)
        #expect(FileManager.default.fileExists(atPath: out.path + "/notes.txt"))
        // The same input again resumes (here: nothing to redo).
        try run(crawl.path, out.path)
        let again = try Manifest.read(from: out.url)
        #expect(again.run.new == 0 && again.run.changed == 0 && again.run.unchanged == 6 && again.counts.records == 0)
        let other = try TemporaryDirectory(prefix: "sluice-other")
        defer { other.remove() }
        #expect(throws: IngestError.outputHoldsOtherCorpus(out.path, crawl.url.resolvingSymlinksInPath().path)) {
            try run(other.path, out.path)
        }
        let file = try out.write(Data(), to: "plain-file")
        #expect(throws: IngestError.outputNotADirectory(file.path)) { try run(crawl.path, file.path) }
        #expect(throws: IngestError.self) { try run(crawl.path, file.path + "/sub") }
    }
}

enum RepositoryFiles {
    /// The repository root, found from this source file's location.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let recordSchema = root.appendingPathComponent("Docs/corpus-record.schema.json")
}

/// Isolation on a command that is not a sluice worker stops the run before it
/// starts, saying why and how to go on, and leaves `--out` untouched.
@Suite struct WorkerStartTests {
    @Test(arguments: [
        (["/bin/sh", "-c", "exit 3"], "exited before it was ready"),
        (["/bin/echo", "hello"], "is not a sluice worker"),
        (["/nonexistent/sluice"], "could not be started"),
    ])
    func aWorkerThatCannotRunStopsTheRunFirst(command: [String], problem: String) throws {
        let crawl = try IngestRunTests.makeCrawl(pages: 3)
        defer { crawl.remove() }
        let out = crawl.path + "-out"
        var config = IngestConfiguration(inputRoot: crawl.path, outputDirectory: out, commandLine: ["test"])
        config.isolation = IsolationSettings(command: command)
        let run = IngestRun(registry: try ExtractorRegistry([LineBundle(), StubLeaf()]), configuration: config)
        let error = #expect(throws: IngestError.self) { try run.run() }
        guard case .workersUnavailable(let why)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(why.contains(problem), "\(why)")
        #expect(error?.description.contains("--no-isolate") == true)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
