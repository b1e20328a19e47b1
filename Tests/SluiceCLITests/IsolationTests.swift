import Foundation
import SluiceRuntime
import SluiceTesting
import Testing

/// With --isolate, a document that crashes its worker (a real segfault),
/// hangs past the timeout, or allocates past the memory limit costs that
/// document only: it gets a crash/timeout/memory error line, the worker is
/// replaced, and every other record lands. Uses `sluice-poison`, a test-only
/// build of sluice with a plugin that misbehaves on marker files.
@Suite struct IsolationTests {
    static let poison: String? = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("sluice-poison").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    @Test(.enabled(if: poison != nil, "the sluice-poison test binary was not built next to the tests"))
    func poisonousDocumentsCostOnlyThemselves() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-isolate")
        defer { crawl.remove() }
        for i in 0..<40 {
            try crawl.write(Data("POISON:fine \(i)".utf8), to: "a/ok\(i).poison")
            try crawl.write(Data("Note \(i)\n\nA harmless text, number \(i), with a sentence.".utf8), to: "b/n\(i).txt")
        }
        for marker in ["CRASH", "HANG", "ALLOC"] {
            try crawl.write(Data("POISON:\(marker)".utf8), to: "a/\(marker.lowercased()).poison")
        }
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }

        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.poison!)
        p.arguments = [
            "ingest", crawl.path, "--out", out, "--isolate", "--timeout", "2", "--max-worker-memory", "300M",
            "--jobs", "2", "--progress", "none",
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)

        let corpus = try CorpusReader(directory: URL(fileURLWithPath: out))
        let errors = Dictionary(uniqueKeysWithValues: try corpus.errors().map { ($0.path, $0.kind) })
        #expect(errors == ["a/crash.poison": "crash", "a/hang.poison": "timeout", "a/alloc.poison": "memory"])
        let records = try corpus.currentRecords()
        #expect(records.count == 80)
        #expect(records.filter { $0.extractor == "poison" }.count == 40)
        #expect(corpus.manifest.errorsByKind == ["crash": 1, "timeout": 1, "memory": 1])
        #expect(corpus.verify() == [])
    }

    /// Records cross the worker pipe as binary frames: the demo corpus
    /// ingested with `--isolate` is the corpus ingested in process, every
    /// field of every record (meta included), error and skip line alike.
    @Test(.enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"))
    func isolatedRunsWriteTheSameCorpus() throws {
        let base = try TemporaryDirectory(prefix: "sluice-isolate-same")
        defer { base.remove() }
        var corpora: [String] = []
        for extra in [[], ["--isolate"]] {
            let out = base.path + "/out\(corpora.count)"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: ResumeTests.binary!)
            p.arguments =
                ["ingest", CorpusRunTests.corpus, "--out", out, "--config", CorpusRunTests.sampleConfig]
                + ["--progress", "none", "--jobs", "2"] + extra
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            corpora.append(out)
        }
        let inProcess = try ResumeTests.snapshot(corpora[0])
        #expect(inProcess.count > 20)
        #expect(try ResumeTests.snapshot(corpora[1]) == inProcess)
        #expect(try ResumeTests.sideLines(corpora[1]) == ResumeTests.sideLines(corpora[0]))
    }
}
