import Foundation
import SluiceRuntime
import SluiceTesting
import Testing

/// A real Slurm (22.05, one node, started by ../shared/tools/slurm as root):
/// Docs/Distributed/ingest.sbatch submitted as a 4-task job array and
/// merge.sbatch after it (`--dependency=afterok`) give a single run's corpus.
/// Slurm is stopped at the end whatever happened.
@Suite(.serialized) struct SlurmTests {
    static let tools = CorpusRunTests.root.deletingLastPathComponent().appendingPathComponent("shared/tools/slurm")
    /// Root runs the scripts itself; another user needs password-less sudo.
    static let asRoot: [String] = getuid() == 0 ? [] : ["sudo", "-n"]
    static let available: Bool = {
        guard FileManager.default.fileExists(atPath: tools.appendingPathComponent("start-slurm.sh").path) else {
            return false
        }
        return getuid() == 0 || (try? shell(["sudo", "-n", "true"]).status) == 0
    }()

    /// Runs a command to its exit, through posix_spawn and waitpid rather than
    /// Foundation's Process: Process learns of an exit when a socket it passes
    /// to the child closes, and the daemons start-slurm.sh starts inherit that
    /// socket (swift-corelibs-foundation issue 4795), so it would wait forever.
    static func shell(_ arguments: [String]) throws -> ResumeTests.Run {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-slurm-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { return .init(status: -1, output: "cannot start \(arguments[0]): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return .init(status: exited, output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    @Test(
        .enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"),
        .enabled(
            if: available, "needs ../shared/tools/slurm, and root or password-less sudo, to start a one-node Slurm"),
        .timeLimit(.minutes(10)))
    func aJobArrayMergesIntoTheSingleRunCorpus() throws {
        let started = try Self.shell(Self.asRoot + ["bash", Self.tools.appendingPathComponent("start-slurm.sh").path])
        defer { _ = try? Self.shell(Self.asRoot + ["bash", Self.tools.appendingPathComponent("stop-slurm.sh").path]) }
        try #require(started.status == 0, "Slurm did not start: \(started.output.suffix(2000))")

        let crawl = try ResumeTests.makeCrawl(2000)
        defer { crawl.remove() }
        let work = try TemporaryDirectory(prefix: "sluice-slurm")
        defer { work.remove() }
        let out = work.path + "/out"
        try Data().write(to: URL(fileURLWithPath: work.path + "/sluice.toml"))
        // The job files of Docs/Distributed.md, as they are, with their settings passed at submission.
        let jobs = CorpusRunTests.root.appendingPathComponent("Docs/Distributed")
        let settings =
            "ALL,SHARDS=4,CRAWL=\(crawl.path),RUN=\(out),FINAL=\(work.path)/final,CONFIG=\(work.path)/sluice.toml,SLUICE=\(ResumeTests.binary!)"
        let submitted = try Self.shell([
            // This one node declares no memory size: the script's --mem is overridden, as options on the command line do.
            "sbatch", "--parsable", "--array=0-3", "--mem=0", "--cpus-per-task=1", "--export=\(settings)",
            "--output=\(work.path)/ingest-%A_%a.out",
            "--chdir=\(work.path)", jobs.appendingPathComponent("ingest.sbatch").path,
        ])
        try #require(submitted.status == 0, "sbatch failed: \(submitted.output)")
        let job = String(submitted.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";")[0])
        let merge = try Self.shell([
            "sbatch", "--parsable", "--dependency=afterok:\(job)", "--mem=0", "--export=\(settings)",
            "--output=\(work.path)/merge-%j.out", "--chdir=\(work.path)",
            jobs.appendingPathComponent("merge.sbatch").path,
        ])
        try #require(merge.status == 0, "sbatch failed: \(merge.output)")
        let mergeJob = merge.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline, !(try Self.shell(["squeue", "-h", "-j", "\(job),\(mergeJob)"]).output.isEmpty) {
            Thread.sleep(forTimeInterval: 0.5)
        }
        let states = try Self.shell(["scontrol", "show", "job", job]).output
        #expect(states.components(separatedBy: "JobState=COMPLETED").count - 1 == 4, "\(states)")
        let mergeState = try Self.shell(["scontrol", "show", "job", mergeJob]).output
        #expect(mergeState.contains("JobState=COMPLETED"), "\(mergeState)")

        let sources = (0..<4).map { out + "/shard-\($0)-of-4" }
        for source in sources {
            let manifest = try Manifest.read(from: URL(fileURLWithPath: source))
            #expect(manifest.shard?.count == 4 && manifest.status == "complete")
        }
        #expect(try Manifest.read(from: URL(fileURLWithPath: work.path + "/final")).merge?.sources == sources)
        let single = work.path + "/single"
        #expect(
            try DistributedRunTests.sluice(["ingest", crawl.path, "--out", single, "--progress", "none"]).status == 0)
        #expect(try ResumeTests.snapshot(work.path + "/final") == ResumeTests.snapshot(single))
        #expect(try ResumeTests.sideLines(work.path + "/final") == ResumeTests.sideLines(single))
    }
}
