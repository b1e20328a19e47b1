import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import SluiceRuntime

/// A re-run notices a changed plugin set: an added plugin takes the inputs it
/// names, changed options redo that plugin's inputs, and every other input
/// stays unchanged, all without `--full`.
@Suite struct PluginSetChangeTests {
    static func run(
        _ crawl: TemporaryDirectory, _ out: String, _ plugins: [any Extractor],
        options: [String: PluginOptions] = [:]
    ) throws -> CorpusReader {
        try IngestRun(
            registry: try ExtractorRegistry(plugins),
            configuration: IngestConfiguration(
                inputRoot: crawl.path, outputDirectory: out, pluginOptions: options, commandLine: ["test"])
        ).run()
        return try CorpusReader(directory: URL(fileURLWithPath: out))
    }

    @Test func addingAPluginOrChangingOptionsRedoesOnlyTheInputsItConcerns() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-plugin-set")
        defer { crawl.remove() }
        try crawl.write(Data("To: office\nSubject: notice\n\nbody".utf8), to: "a.mail")
        try crawl.write(Data("plain words".utf8), to: "b.txt")
        try crawl.write(Data("STUB:stub words".utf8), to: "c.stub")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }

        let first = try Self.run(crawl, out, [StubLeaf(), AnyText()])
        #expect(first.manifest.run.new == 3)
        #expect(try first.currentRecords().first { $0.path == "a.mail" }?.extractor == "anytext")
        #expect(try Self.run(crawl, out, [StubLeaf(), AnyText()]).manifest.run.unchanged == 3)

        // A plugin naming *.mail joins: only a.mail routes elsewhere.
        let added = try Self.run(crawl, out, [StubLeaf(), AnyText(), MailLike()])
        #expect(added.manifest.run.changed == 1 && added.manifest.run.unchanged == 2)
        #expect(added.manifest.run.changes.reasons == ["routing": 1])
        let records = try added.currentRecords()
        #expect(records.count == 3)
        #expect(records.first { $0.path == "a.mail" }?.extractor == "mail")
        #expect(try Self.run(crawl, out, [StubLeaf(), AnyText(), MailLike()]).manifest.run.unchanged == 3)

        // New options for the stub plugin: only its input is redone, with them.
        let options = ["stub": PluginOptions(["suffix": .string("x")])]
        let optioned = try Self.run(crawl, out, [StubLeaf(), AnyText(), MailLike()], options: options)
        #expect(optioned.manifest.run.changes.reasons == ["plugins": 1])
        #expect(optioned.manifest.run.unchanged == 2)
        #expect(try optioned.currentRecords().first { $0.path == "c.stub" }?.title == "T x")

        // The plugin leaves again: its input goes back to the generic plugin.
        let removed = try Self.run(crawl, out, [StubLeaf(), AnyText()], options: options)
        #expect(removed.manifest.run.changes.reasons == ["plugins": 1])
        #expect(try removed.currentRecords().first { $0.path == "a.mail" }?.extractor == "anytext")
    }

    /// A new version re-extracts only what its plugin made, archives included
    /// only when a member was its; a new plugin set re-extracts archives once.
    @Test func aVersionBumpSparesArchivesAndOthersAPluginSetChangeRedoesArchivesOnce() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-plugin-version")
        defer { crawl.remove() }
        try crawl.write(Data("STUB:stub words".utf8), to: "c.stub")
        try crawl.write(LineBundle.make([("inner.txt", Data("words in a bundle".utf8))]), to: "d.bundle")
        try crawl.write(LineBundle.make([("inner.stub", Data("STUB:a stub inside".utf8))]), to: "e.bundle")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        func plugins(_ version: String) -> [any Extractor] {
            [IncrementalRunTests.Versioned(version: version), LineBundle(), AnyText()]
        }
        #expect(try Self.run(crawl, out, plugins("1")).manifest.run.new == 3)
        let bumped = try Self.run(crawl, out, plugins("2"))
        #expect(bumped.manifest.run.changes.reasons == ["plugins": 2])  // c.stub and e.bundle
        #expect(bumped.manifest.run.unchanged == 1)  // d.bundle: no member was the stub plugin's
        let added = try Self.run(crawl, out, plugins("2") + [MailLike()])
        #expect(added.manifest.run.changes.reasons == ["routing": 2])  // both archives, once
        #expect(added.manifest.run.unchanged == 1)
        #expect(try Self.run(crawl, out, plugins("2") + [MailLike()]).manifest.run.unchanged == 3)
    }
}
