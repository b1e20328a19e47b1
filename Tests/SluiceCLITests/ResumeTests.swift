import Foundation
import SluiceRuntime
import SluiceTesting
import Testing

/// Stop a run at any moment — SIGKILL, SIGTERM, a second signal — start it
/// again with the same command, and the corpus ends exactly as one
/// uninterrupted run leaves it: no record missing, none twice, no torn
/// line, every checksum true.
@Suite(.serialized) struct ResumeTests {
    /// The `sluice` binary next to the test bundle (the test target depends on it).
    static let binary: String? = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("sluice").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// A few thousand small inputs of several kinds, in nested folders.
    static func makeCrawl(_ count: Int = 3000) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "sluice-resume")
        for i in 0..<count {
            let folder = "site/s\(i % 17)/d\(i % 5)"
            switch i % 10 {
            case 0:
                try dir.write(
                    Data(
                        "<html><head><title>页面\(i)</title></head><body><h1>页面\(i)</h1><div class=\"content\"><p>第\(i)号通知正文，内容用于测试中断与续跑。第二句话说明情况。</p><p>另一段落，编号\(i)。</p></div></body></html>"
                            .utf8),
                    to: "\(folder)/page\(i).html")
            case 1:
                try dir.write(
                    Data([0x00, 0x01, 0x02, UInt8(i % 250)] + Array(repeating: 0xFF, count: 64)),
                    to: "\(folder)/blob\(i).txt")
            default:
                try dir.write(
                    Data(
                        "Notice \(i)\n\nThis is text number \(i), written for the resume test. It has a second sentence."
                            .utf8),
                    to: "\(folder)/note\(i).txt")
            }
        }
        return dir
    }

    struct Run {
        var status: Int32
        var output: String
        var stopped = false
    }

    /// Runs `sluice ingest`; with `signal`, sends it once `afterShards`
    /// shards have been committed (and, with `twice`, again once the run
    /// says it is finishing). `stopped` says whether the signal was sent
    /// before the run finished by itself.
    static func ingest(
        _ input: String, _ out: String, signal: Int32? = nil, afterShards: Int = 1, twice: Bool = false,
        extra: [String] = []
    ) throws -> Run {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let watcher = try RenameWatcher(out)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary!)
        p.arguments =
            [
                "ingest", input, "--out", out, "--jobs", "2", "--progress", "none", "--shard-size", "16K",
                "--checkpoint-seconds", "0.05",
            ] + extra
        let output = Pipe()
        let errors = Pipe()
        p.standardOutput = output
        p.standardError = errors
        try p.run()
        var stopped = false
        if let signal, watcher.waitForShards(afterShards) {
            kill(p.processIdentifier, signal)
            stopped = true
            // The second signal once the first was handled (its message is on stderr).
            if twice, errors.fileHandleForReading.readLine(containing: "finishing the documents") {
                kill(p.processIdentifier, signal)
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile() + errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, output: String(decoding: data, as: UTF8.self), stopped: stopped)
    }

    /// The current corpus as id → record line content, with a check that it holds no id twice.
    static func snapshot(_ out: String) throws -> [String: CorpusRecord] {
        let reader = try CorpusReader(directory: URL(fileURLWithPath: out))
        #expect(reader.verify() == [], "\(reader.verify())")
        #expect(reader.manifest.status == "complete")
        let records = try reader.currentRecords()
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID.count == records.count, "a record appears twice in the current corpus")
        return byID
    }

    static func sideLines(_ out: String) throws -> (Set<String>, Set<String>) {
        let reader = try CorpusReader(directory: URL(fileURLWithPath: out))
        let errors = try reader.lines("errors.jsonl")
        let skips = try reader.lines("skipped.jsonl")
        #expect(Set(errors).count == errors.count && Set(skips).count == skips.count)
        return (Set(errors), Set(skips))
    }

    /// Runs `body` with a generated crawl of `inputs` files, a clean run of it
    /// (checked to exit 0) and the path of a second corpus beside it, named
    /// `name`; all three are removed afterwards.
    static func withCleanRun(
        inputs: Int = 3000, beside name: String,
        _ body: (_ crawl: String, _ clean: String, _ other: String) throws -> Void
    ) throws {
        let crawl = try makeCrawl(inputs)
        defer { crawl.remove() }
        let clean = crawl.path + "-clean"
        let other = crawl.path + "-" + name
        defer { for d in [clean, other] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(try ingest(crawl.path, clean).status == 0)
        try body(crawl.path, clean, other)
    }

    @Test(.enabled(if: binary != nil, "the sluice binary was not built next to the tests"))
    func sigkillAtManyMomentsThenResumeGivesTheCleanCorpus() throws {
        try Self.withCleanRun(beside: "killed") { crawl, clean, killed in
            let expected = try Self.snapshot(clean)
            #expect(expected.count == 2700)

            // Kill right after a shard is renamed into place (around its ledger
            // commit), after one to several shards of each resumed run: every
            // stop leaves committed work behind and some still to do.
            var kills = 0
            for shards in [1, 2, 1, 3, 5, 8] {
                let run = try Self.ingest(crawl, killed, signal: SIGKILL, afterShards: shards)
                guard run.stopped else { break }
                #expect(run.status == SIGKILL || run.status == 0, "\(run.output)")
                kills += 1
            }
            #expect(try Self.ingest(crawl, killed).status == 0)
            #expect(kills >= 3, "the run finished before it could be killed three times")
            #expect(try Self.snapshot(killed) == expected)
            let (e1, s1) = try Self.sideLines(clean)
            let (e2, s2) = try Self.sideLines(killed)
            #expect(e1 == e2 && s1 == s2 && e1.count == 300)
        }
    }

    @Test(.enabled(if: binary != nil, "the sluice binary was not built next to the tests"))
    func sigtermStopsCleanlyAndASecondSignalStopsAtOnce() throws {
        try Self.withCleanRun(inputs: 1500, beside: "stopped") { crawl, clean, stopped in
            let term = try Self.ingest(crawl, stopped, signal: SIGTERM, afterShards: 2)
            #expect(term.stopped && term.status == 143, "\(term.output)")
            let manifest = try Manifest.read(from: URL(fileURLWithPath: stopped))
            #expect(manifest.status == "interrupted")
            #expect(CorpusReader(directory: URL(fileURLWithPath: stopped), manifest: manifest).verify() == [])

            let twice = try Self.ingest(crawl, stopped, signal: SIGINT, afterShards: 1, twice: true)
            #expect(twice.stopped && twice.status == 130, "\(twice.output)")
            let status = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: stopped + "/status.json")))
            #expect((status as? [String: Any])?["phase"] as? String == "interrupted")

            #expect(try Self.ingest(crawl, stopped).status == 0)
            #expect(try Self.snapshot(stopped) == Self.snapshot(clean))
        }
    }

    /// With `--isolate` a stop reaches the worker processes too (SIGTERM from the
    /// supervisor); the resumed corpus is still the clean one.
    @Test(.enabled(if: binary != nil, "the sluice binary was not built next to the tests"))
    func sigtermWithIsolationResumesExactly() throws {
        try Self.withCleanRun(inputs: 1200, beside: "stopped") { crawl, clean, stopped in
            let term = try Self.ingest(crawl, stopped, signal: SIGTERM, afterShards: 2, extra: ["--isolate"])
            #expect(term.stopped && term.status == 143, "\(term.output)")
            #expect(try Manifest.read(from: URL(fileURLWithPath: stopped)).status == "interrupted")
            #expect(try Self.ingest(crawl, stopped, extra: ["--isolate"]).status == 0)
            #expect(try Self.snapshot(stopped) == Self.snapshot(clean))
            let (e1, s1) = try Self.sideLines(clean)
            let (e2, s2) = try Self.sideLines(stopped)
            #expect(e1 == e2 && s1 == s2)
        }
    }

    /// A disk that fills (here a file-size limit, which fails writes as a full
    /// disk does) ends the run with exit 3, a manifest saying `failed` and why,
    /// `status.json` saying so, and no partial shard; a rerun with room gives
    /// the clean run's corpus.
    @Test(.enabled(if: binary != nil, "the sluice binary was not built next to the tests"))
    func aFullDiskLeavesAFailedManifestAndTheRerunEqualsACleanRun() throws {
        try Self.withCleanRun(inputs: 1500, beside: "full") { crawl, clean, full in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            // SIGXFSZ ignored (an ignored signal stays ignored across exec): the write fails instead.
            p.arguments = [
                "-c",
                "trap '' XFSZ; ulimit -f 1024; exec \"$0\" ingest \"$1\" --out \"$2\" --progress none --shard-size 1M",
                Self.binary!, crawl, full,
            ]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 3)
            let manifest = try Manifest.read(from: URL(fileURLWithPath: full))
            #expect(manifest.status == "failed" && manifest.failure?.isEmpty == false)
            let status = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: full + "/status.json")))
            #expect((status as? [String: Any])?["phase"] as? String == "failed")
            let left = try FileManager.default.contentsOfDirectory(atPath: full)
            #expect(!left.contains { $0.hasSuffix(".partial") }, "\(left)")

            #expect(try Self.ingest(crawl, full).status == 0)
            #expect(try Self.snapshot(full) == Self.snapshot(clean))
        }
    }

    /// Two runs on one --out: the second, started while the first writes,
    /// exits 2 naming the first; the first completes its corpus.
    @Test(.enabled(if: binary != nil, "the sluice binary was not built next to the tests"))
    func aSecondRunOnTheSameOutputIsRefusedWhileTheFirstWrites() throws {
        let crawl = try Self.makeCrawl(1500)
        defer { crawl.remove() }
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let watcher = try RenameWatcher(out)
        let first = Process()
        first.executableURL = URL(fileURLWithPath: Self.binary!)
        first.arguments = [
            "ingest", crawl.path, "--out", out, "--jobs", "1", "--progress", "none", "--shard-size", "16K",
        ]
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        // The first run holds the lock from before its first shard until it exits.
        try #require(watcher.waitForShards(1), "the first run finished before a second could start")
        let second = try Self.ingest(crawl.path, out)
        first.waitUntilExit()
        #expect(second.status == 2, "\(second.output)")
        #expect(second.output.contains("another sluice run (pid \(first.processIdentifier)) is writing"))
        #expect(first.terminationStatus == 0)
        #expect(try Self.snapshot(out).count == 1350)
    }
}
