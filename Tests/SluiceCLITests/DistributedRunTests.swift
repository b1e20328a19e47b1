import Foundation
import SluiceRuntime
import SluiceTesting
import Synchronization
import Testing

@testable import SluiceCLI

/// Scale-out without a scheduler: N local `sluice ingest --shard` processes
/// (chosen by flag, by Slurm's variables and by Kubernetes' index), merged, give
/// exactly the corpus of one run; `sluice merge` refuses incomplete or mixed sets.
@Suite(.serialized) struct DistributedRunTests {
    static var binary: String? { ResumeTests.binary }

    /// Runs the sluice binary with no scheduler variables but those given.
    static func sluice(_ arguments: [String], environment: [String: String] = [:]) throws -> ResumeTests.Run {
        var env: [String: String?] = [:]
        for key in ProcessInfo.processInfo.environment.keys
        where key.hasPrefix("SLURM_") || key == "JOB_COMPLETION_INDEX" {
            env[key] = .some(nil)
        }
        for (key, value) in environment { env[key] = value }
        let result = try ChildProcess.run(binary!, arguments, environment: env)
        return ResumeTests.Run(status: result.status, output: result.output)
    }

    /// Starts the four shard tasks at once, each choosing its shard another way.
    static func runShards(_ crawl: String, _ out: String, extra: [String] = []) throws {
        let base = ["ingest", crawl, "--out", out, "--jobs", "1", "--progress", "none"] + extra
        let tasks: [([String], [String: String])] = [
            (base + ["--shard", "0/4"], [:]),
            (base, ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_COUNT": "4"]),
            (base + ["--shard-count", "4"], ["JOB_COMPLETION_INDEX": "2"]),
            (base + ["--shard", "3/4"], [:]),
        ]
        let statuses = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: tasks.count) { i in
            let status = (try? sluice(tasks[i].0, environment: tasks[i].1).status) ?? -1
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.withLock { $0 } == [0, 0, 0, 0])
    }

    @Test(.enabled(if: binary != nil, "the sluice binary was not built next to the tests"))
    func localShardProcessesMergeIntoTheSingleRunCorpus() throws {
        let crawl = try ResumeTests.makeCrawl(1200)
        defer { crawl.remove() }
        let work = try TemporaryDirectory(prefix: "sluice-distributed")
        defer { work.remove() }
        let single = work.path + "/single"
        #expect(try Self.sluice(["ingest", crawl.path, "--out", single, "--progress", "none"]).status == 0)
        try Self.runShards(crawl.path, work.path + "/out")

        let sources = (0..<4).map { work.path + "/out/shard-\($0)-of-4" }
        let chosen = try sources.map { try Manifest.read(from: URL(fileURLWithPath: $0)).shard }
        #expect(chosen.map { $0?.index } == [0, 1, 2, 3])
        #expect(chosen.map { $0?.source } == ["flag", "slurm", "kubernetes", "flag"])
        let perShard = try sources.map { try ResumeTests.snapshot($0).count }
        #expect(perShard.allSatisfy { $0 > 0 })

        let final = work.path + "/final"
        let merged = try Self.sluice(["merge"] + sources + ["--out", final])
        #expect(merged.status == 0, "\(merged.output)")
        let expected = try ResumeTests.snapshot(single)
        #expect(try ResumeTests.snapshot(final) == expected)
        #expect(try ResumeTests.sideLines(final) == ResumeTests.sideLines(single))
        let manifest = try Manifest.read(from: URL(fileURLWithPath: final))
        #expect(manifest.merge?.files == "hardlinked" && manifest.merge?.missing == [])
        #expect(manifest.counts.inputs == 1200 && manifest.corpus.records == expected.count)

        // Idempotent: merging again gives the same corpus.
        #expect(try Self.sluice(["merge"] + sources + ["--out", final]).status == 0)
        #expect(try ResumeTests.snapshot(final) == expected)
    }

    @Test(.enabled(if: binary != nil, "the sluice binary was not built next to the tests"))
    func mergeRefusesIncompleteMixedOrDamagedShards() throws {
        let crawl = try ResumeTests.makeCrawl(200)
        defer { crawl.remove() }
        let other = try ResumeTests.makeCrawl(20)
        defer { other.remove() }
        let work = try TemporaryDirectory(prefix: "sluice-merge-refuses")
        defer { work.remove() }
        let out = work.path + "/out"
        try Self.runShards(crawl.path, out)
        let shard = { (k: Int) in out + "/shard-\(k)-of-4" }

        func refusal(_ sources: [String], _ extra: [String] = [], mentions: [String]) throws {
            let result = try Self.sluice(["merge"] + sources + ["--out", work.path + "/final"] + extra)
            #expect(result.status == 2, "\(result.output)")
            for text in mentions { #expect(result.output.contains(text), "\(result.output) lacks \(text)") }
        }
        try refusal([shard(0), shard(1), shard(2)], mentions: ["missing: shard-3-of-4", "--allow-partial"])
        try refusal((0..<4).map(shard) + [shard(2)], mentions: ["shard 2 is given 2 times"])

        // Another N, another input, damage, an unfinished shard: each named.
        #expect(
            try Self.sluice(["ingest", crawl.path, "--out", out, "--shard", "0/3", "--progress", "none"]).status == 0)
        try refusal((0..<4).map(shard) + [out + "/shard-0-of-3"], mentions: ["split the input differently"])
        let foreign = work.path + "/foreign"
        #expect(
            try Self.sluice(["ingest", other.path, "--out", foreign, "--shard", "3/4", "--progress", "none"]).status
                == 0)
        try refusal([shard(0), shard(1), shard(2), foreign + "/shard-3-of-4"], mentions: ["different inputs"])
        let damaged = work.path + "/damaged/shard-1-of-4"
        try FileManager.default.createDirectory(
            atPath: work.path + "/damaged", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: shard(1), toPath: damaged)
        let part = try #require(try Manifest.read(from: URL(fileURLWithPath: damaged)).shards.first?.name)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: damaged + "/" + part))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"torn\":".utf8))
        try handle.close()
        try refusal([shard(0), damaged, shard(2), shard(3)], mentions: ["shard-1-of-4: \(part): checksum differs"])
        let unfinished = work.path + "/unfinished"
        try FileManager.default.createDirectory(atPath: unfinished, withIntermediateDirectories: true)
        try refusal([shard(0), shard(1), shard(2), unfinished], mentions: ["unfinished: no readable manifest.json"])
        let single = work.path + "/single"
        #expect(try Self.sluice(["ingest", crawl.path, "--out", single, "--progress", "none"]).status == 0)
        try refusal([single], mentions: ["not the output of a sharded run"])

        // --allow-partial merges what is there and says so.
        let partial = try Self.sluice(
            ["merge", shard(0), shard(2), "--out", work.path + "/partial", "--allow-partial"])
        #expect(partial.status == 0, "\(partial.output)")
        let manifest = try Manifest.read(from: URL(fileURLWithPath: work.path + "/partial"))
        #expect(manifest.status == "partial" && manifest.merge?.missing == [1, 3])
        // A merge never writes over a directory that is not a previous merge.
        let occupied = work.path + "/occupied"
        try FileManager.default.createDirectory(atPath: occupied, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: occupied + "/notes.txt"))
        let result = try Self.sluice(["merge"] + (0..<4).map(shard) + ["--out", occupied])
        #expect(result.status == 2 && result.output.contains("not empty and not a merged corpus"))
        #expect(FileManager.default.fileExists(atPath: occupied + "/notes.txt"))
    }

    @Test(.enabled(if: binary != nil, "the sluice binary was not built next to the tests"))
    func aListWalkedOnceFeedsEveryShard() throws {
        let crawl = try ResumeTests.makeCrawl(300)
        defer { crawl.remove() }
        let work = try TemporaryDirectory(prefix: "sluice-list")
        defer { work.remove() }
        // A config file inside the crawl is listed, and still not ingested, as in a walk.
        try crawl.write(Data("[limits]\nmax_depth = 5\n".utf8), to: "sluice.toml")
        let config = crawl.path + "/sluice.toml"
        let listed = try Self.sluice(["list", crawl.path])
        #expect(listed.status == 0)
        let paths = listed.output.split(separator: "\n")
        #expect(paths.count == 301 && Set(paths).count == 301 && paths.contains("sluice.toml"))
        try Data(listed.output.utf8).write(to: URL(fileURLWithPath: work.path + "/inputs.txt"))
        for k in 0..<2 {
            let run = try Self.sluice([
                "ingest", crawl.path, "--out", work.path + "/out", "--shard", "\(k)/2", "--inputs",
                work.path + "/inputs.txt", "--config", config, "--progress", "none",
            ])
            #expect(run.status == 0, "\(run.output)")
        }
        #expect(
            try Self.sluice([
                "merge", work.path + "/out/shard-0-of-2", work.path + "/out/shard-1-of-2", "--out",
                work.path + "/final",
            ]).status == 0)
        #expect(
            try Self.sluice([
                "ingest", crawl.path, "--out", work.path + "/single", "--config", config, "--progress", "none",
            ]).status == 0)
        #expect(try ResumeTests.snapshot(work.path + "/final") == ResumeTests.snapshot(work.path + "/single"))
        #expect(try Manifest.read(from: URL(fileURLWithPath: work.path + "/final")).counts.inputs == 300)
    }

    @Test func badShardSettingsAreUsageErrors() throws {
        #expect(ShardSelection.parse("4/4") == nil && ShardSelection.parse("-1/4") == nil)
        #expect(ShardSelection.parse("x") == nil && ShardSelection.parse("1/0") == nil)
        #expect(ShardSelection.parse("3/64") == ShardSelection(index: 3, count: 64, source: "flag"))
        let stepped = [
            "SLURM_ARRAY_TASK_ID": "14", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_STEP": "2",
            "SLURM_ARRAY_TASK_COUNT": "8",
        ]
        #expect(try ShardResolver.resolve(flag: nil, count: nil, environment: stepped)?.index == 2)
        // The flag wins over the environment.
        #expect(try ShardResolver.resolve(flag: "1/2", count: nil, environment: stepped)?.source == "flag")
        #expect(try ShardResolver.resolve(flag: nil, count: nil, environment: [:]) == nil)
        for (flag, count, environment, message) in [
            ("9/4", nil, [:], "is not K/N"),
            (nil, nil, ["JOB_COMPLETION_INDEX": "3"], "not --shard-count"),
            (nil, 4, ["JOB_COMPLETION_INDEX": "4"], "is not below --shard-count 4"),
            (nil, 4, [:], "--shard-count needs JOB_COMPLETION_INDEX"),
            (nil, 5, ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4"], "disagrees"),
            (nil, nil, ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "4"], "is not one of 4 shards"),
        ] as [(String?, Int?, [String: String], String)] {
            #expect {
                try ShardResolver.resolve(flag: flag, count: count, environment: environment)
            } throws: { error in
                (error as? CLIFailure)?.exitCode == 64 && (error as? CLIFailure)?.message.contains(message) == true
            }
        }
    }
}
