import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// The output directory is Sluice's alone while a run writes it, and only
/// what Sluice wrote there is ever touched.
@Suite struct OutputDirectoryTests {
    let registry = try! ExtractorRegistry([StubLeaf()])

    func run(_ input: String, _ output: String, overwrite: Bool = false) throws(IngestError) {
        try IngestRun(
            registry: registry,
            configuration: IngestConfiguration(inputRoot: input, outputDirectory: output, overwrite: overwrite)
        ).run()
    }

    @Test func aSecondRunOnALockedDirectoryIsRefusedNamingTheHolder() throws {
        let crawl = try IngestRunTests.makeCrawl(pages: 2)
        defer { crawl.remove() }
        let out = try TemporaryDirectory(prefix: "sluice-locked")
        defer { out.remove() }
        // Hold the lock as a running sluice would (flock is per open file, so this process can).
        let fd = open(out.path + "/.sluice.lock", O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        _ = "424242\n".withCString { write(fd, $0, 7) }
        #expect(throws: IngestError.outputLocked(out.path, 424242)) { try run(crawl.path, out.path) }
        #expect(IngestError.outputLocked(out.path, 424242).description.contains("(pid 424242)"))
        flock(fd, LOCK_UN)
        try run(crawl.path, out.path)
        #expect(try Manifest.read(from: out.url).status == "complete")
    }

    @Test func anotherToolsFilesAreNeverAdoptedOrDeleted() throws {
        let crawl = try IngestRunTests.makeCrawl(pages: 2)
        defer { crawl.remove() }
        let out = try TemporaryDirectory(prefix: "sluice-foreign")
        defer { out.remove() }
        try out.write(Data("not Sluice's".utf8), to: "ledger.sqlite")
        try out.write(Data("{}".utf8), to: "part-results.jsonl")
        for overwrite in [false, true] {
            #expect(throws: IngestError.outputHasForeignFiles(out.path, ["ledger.sqlite"])) {
                try run(crawl.path, out.path, overwrite: overwrite)
            }
        }
        #expect(try String(contentsOfFile: out.path + "/ledger.sqlite", encoding: .utf8) == "not Sluice's")

        // --overwrite in Sluice's own directory removes Sluice's files and keeps the user's.
        try FileManager.default.removeItem(atPath: out.path + "/ledger.sqlite")
        try run(crawl.path, out.path, overwrite: true)
        try out.write(Data("mine".utf8), to: "notes.tmp")
        try run(crawl.path, out.path, overwrite: true)
        #expect(FileManager.default.fileExists(atPath: out.path + "/part-results.jsonl"))
        #expect(FileManager.default.fileExists(atPath: out.path + "/notes.tmp"))
        #expect(try Manifest.read(from: out.url).run.new == 6)
    }

    @Test func aRunKilledBeforeItsManifestCannotBeTakenOverByAnotherInput() throws {
        let crawl = try IngestRunTests.makeCrawl(pages: 2)
        defer { crawl.remove() }
        let other = try IngestRunTests.makeCrawl(pages: 1)
        defer { other.remove() }
        let out = try TemporaryDirectory(prefix: "sluice-takeover")
        defer { out.remove() }
        try run(crawl.path, out.path)
        // What a kill -9 before the first manifest leaves: the marker and the ledger.
        try FileManager.default.removeItem(atPath: out.path + "/manifest.json")
        #expect(throws: IngestError.outputHoldsOtherCorpus(out.path, crawl.url.resolvingSymlinksInPath().path)) {
            try run(other.path, out.path)
        }
        try run(crawl.path, out.path)  // the same input resumes
    }

    /// A merged corpus has no ledger: a run into it would delete its shards as leftovers.
    @Test func aMergedCorpusIsNotResumedByARun() throws {
        let crawl = try IngestRunTests.makeCrawl(pages: 2)
        defer { crawl.remove() }
        let out = try TemporaryDirectory(prefix: "sluice-merged")
        defer { out.remove() }
        var shards: [URL] = []
        for k in 0..<2 {
            var configuration = IngestConfiguration(
                inputRoot: crawl.path, outputDirectory: out.path + "/shard-\(k)-of-2", commandLine: ["test"])
            configuration.shard = ShardSelection(index: k, count: 2, source: "flag")
            try IngestRun(registry: registry, configuration: configuration).run()
            shards.append(URL(fileURLWithPath: configuration.outputDirectory))
        }
        let merged = out.url.appendingPathComponent("final")
        let manifest = try CorpusMerger(sources: shards, output: merged).merge()
        #expect(throws: IngestError.outputIsMerged(merged.path)) { try run(crawl.path, merged.path) }
        #expect(try CorpusReader(directory: merged).verify() == [])
        #expect(try CorpusReader(directory: merged).currentRecords().count == manifest.corpus.records)
    }

    @Test func theInputItselfIsNoOutput() throws {
        let crawl = try IngestRunTests.makeCrawl(pages: 1)
        defer { crawl.remove() }
        let root = crawl.url.resolvingSymlinksInPath().path
        #expect(throws: IngestError.outputIsInput(root)) { try run(crawl.path, root) }
        #expect(!FileManager.default.fileExists(atPath: root + "/manifest.json"))
    }

    @Test func sluicesOwnFileNamesAndNoOthers() {
        for name in [
            "part-00000.jsonl", ".part-00012.jsonl.partial", "part-s00003-00001.jsonl", "ledger.sqlite-wal",
            "report.html",
            "search.sqlite",
        ] {
            #expect(OutputDirectory.isCorpusFile(name), "\(name)")
        }
        for name in [
            "part-results.jsonl", "notes.tmp", "part-1.jsonl", "ledger.sqlite.bak", "report.htm", "index.html",
        ] {
            #expect(!OutputDirectory.isCorpusFile(name), "\(name)")
        }
    }
}
