import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import SluiceRuntime

/// A plugin for `.lvl` files: each line `KEY=VALUE` becomes one record whose
/// `meta.level` is an integer when VALUE is one, else a string; `date=` and
/// `lang=` lines set those fields as given.
private struct LevelLines: LeafExtractor {
    let id = "lvl"
    var version = "1"
    let accepts = InputPattern(extensions: ["lvl"])
    func sniff(_ head: Data) -> SniffVerdict { .unsure }
    func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        String(decoding: document.bytes, as: UTF8.self).split(separator: "\n").map { line in
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            var e = Extraction(text: "line \(line)", mime: "text/x-lvl")
            switch parts[0] {
            case "date": e.published = parts[1]
            case "lang": e.lang = parts[1]
            default: e.meta["level"] = Int(parts[1]).map(MetaValue.integer) ?? .string(parts[1])
            }
            return e
        }
    }
}

@Suite struct RecordSchemaTests {
    @Test func publishedMustBeAnISODateAndLangALanguageCode() {
        for good in [
            "2020-11-20", "2020-11-20T10:30", "2020-11-20T10:30:05", "2020-11-20T10:30:05Z", "2020-11-20T10:30+08:00",
        ] {
            #expect(RecordSchema.isISODate(Array(good.utf8)), "\(good)")
        }
        for bad in [
            "2020/11/20", "20-11-2020", "2020-11-20 10:30", "2020-11-20T10", "2020-11-20T10:30+0800", "2020-11-20Z", "",
        ] {
            #expect(!RecordSchema.isISODate(Array(bad.utf8)), "\(bad)")
        }
        #expect(
            RecordSchema.isLanguageCode("zh") && RecordSchema.isLanguageCode("yue")
                && RecordSchema.isLanguageCode("und"))
        #expect(
            !RecordSchema.isLanguageCode("zh-CN") && !RecordSchema.isLanguageCode("EN")
                && !RecordSchema.isLanguageCode("x"))
    }

    @Test func aBadDateOrLanguageIsAnErrorLineAndTheDocumentsOtherRecordsStay() throws {
        let harness = try ExtractorHarness(LevelLines())
        let outcomes = harness.outcomes(Data("level=1\ndate=20 Nov 2020\nlang=Chinese\n".utf8), name: "a.lvl")
        let errors = outcomes.compactMap { if case .failed(let e) = $0 { e } else { nil } }
        #expect(outcomes.filter { if case .record = $0 { true } else { false } }.count == 1)
        #expect(errors.map(\.kind) == ["schema", "schema"])
        #expect(errors[0].message.contains("published '20 Nov 2020' is not an ISO 8601 date"))
        #expect(errors[1].message.contains("lang 'Chinese'"))
    }

    @Test func aMetaKeyKeepsOneTypeWithinARunAndAcrossRuns() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-meta-types")
        defer { crawl.remove() }
        try crawl.write(Data("level=12\nlevel=high\n".utf8), to: "a.lvl")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        func run() throws -> CorpusReader {
            try IngestRun(
                registry: try ExtractorRegistry([LevelLines()]),
                configuration: IngestConfiguration(inputRoot: crawl.path, outputDirectory: out, commandLine: ["t"])
            ).run()
            return try CorpusReader(directory: URL(fileURLWithPath: out))
        }
        let first = try run()
        #expect(try first.currentRecords().count == 1)
        let error = try #require(try first.errors().first)
        #expect(error.kind == "schema")
        #expect(error.message.contains("meta key 'level' is a string here but an integer in earlier records"))
        #expect(first.manifest.counts.records == 1 && first.manifest.counts.errors == 1)

        // A later night: a new file gives the key the other type, and is refused.
        try crawl.write(Data("level=low\n".utf8), to: "b.lvl")
        let second = try run()
        let refused = try #require(try second.errors().first { $0.path == "b.lvl" })
        #expect(refused.message.contains("'level' is a string here but an integer"))
        #expect(refused.message.contains("(first in 'a.lvl', by lvl@1)"))
        #expect(try second.currentRecords().map(\.path) == ["a.lvl"])
    }

    /// The plugin is fixed (a new version writes strings only): its records are
    /// redone and the key's type follows it, nothing is refused or lost.
    @Test func aNewVersionOfThePluginMayChangeAKeysType() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-meta-version")
        defer { crawl.remove() }
        try crawl.write(Data("level=12\n".utf8), to: "a.lvl")
        try crawl.write(Data("level=7\n".utf8), to: "b.lvl")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        func run(_ plugin: LevelLines) throws -> CorpusReader {
            try IngestRun(
                registry: try ExtractorRegistry([plugin]),
                configuration: IngestConfiguration(inputRoot: crawl.path, outputDirectory: out, commandLine: ["t"])
            ).run()
            return try CorpusReader(directory: URL(fileURLWithPath: out))
        }
        #expect(try run(LevelLines()).currentRecords().count == 2)
        try crawl.write(Data("level=high\n".utf8), to: "a.lvl")
        try crawl.write(Data("level=low\n".utf8), to: "b.lvl")
        let fixed = try run(LevelLines(version: "2"))
        #expect(try fixed.errors().isEmpty)
        #expect(
            try fixed.currentRecords().compactMap { $0.meta["level"] }.sorted { "\($0)" < "\($1)" } == [
                .string("high"), .string("low"),
            ])
    }
}
