import Foundation
import SluiceRuntime
import SluiceTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A folder with one input of each hostile kind (scripts/make-hostile-inputs.py):
/// the real binary runs it to exit 0, every input lands in a record, an error
/// line or a skip line, the good ones among them still come out, and the
/// process stays far under 1 GB.
@Suite struct HostileInputsTests {
    static let script = TutorialTests.root.appendingPathComponent("scripts/make-hostile-inputs.py").path

    /// Runs the binary and returns its exit status and peak resident memory (wait4).
    static func runMeasured(_ arguments: [String]) throws -> (status: Int32, peakBytes: Int) {
        let argv = ([ResumeTests.binary!] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let code = posix_spawn(&pid, argv[0]!, &actions, nil, argv, environ)
        #expect(code == 0, "posix_spawn: \(code)")
        guard code == 0 else { return (-1, 0) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xFF, Int(usage.ru_maxrss) * 1024)
    }

    @Test(
        .enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"),
        .enabled(if: TutorialTests.which("python3") != nil, "python3 is not installed: no hostile inputs to make"))
    func everyHostileInputIsAccountedForAndTheRunStaysSmall() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-hostile")
        defer { dir.remove() }
        let input = dir.path + "/in"
        let (made, output) = try TutorialTests.run(TutorialTests.which("python3")!, [Self.script, input])
        try #require(made == 0, "\(output)")
        let (status, peak) = try Self.runMeasured(["ingest", input, "--out", dir.path + "/out", "--progress", "none"])
        #expect(status == 0)
        #expect(peak < 1 << 30, "peak RSS \(peak / 1_048_576) MB")

        let corpus = try CorpusReader(directory: URL(fileURLWithPath: dir.path + "/out"))
        let records = try corpus.currentRecords()
        let errors = try corpus.errors()
        let skips = try corpus.skipped()
        let files = try FileManager.default.subpathsOfDirectory(atPath: input).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: input + "/" + $0, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        let accounted = Set(records.map(\.path) + errors.map(\.path) + skips.map(\.path))
        // Foundation cannot name the GBK-named file (it lists a lossy name); find(1) counts it.
        let utf8Files = Set(files.filter { !$0.hasPrefix("names/") })
        #expect(utf8Files.isSubset(of: accounted), "inputs without a line: \(utf8Files.subtracting(accounted))")
        let (_, found) = try TutorialTests.run("/usr/bin/find", [input, "-type", "f"])
        let count = found.split(separator: "\n").count
        #expect(accounted.count == count && corpus.manifest.counts.inputs == count, "\(accounted.count) of \(count)")
        #expect(records.contains { $0.path == "names/%B9%AB%B8%E6.html" })

        func kinds(_ path: String) -> Set<String> { Set(errors.filter { $0.path == path }.map(\.kind)) }
        // The good records between the WARC's bad chunk sizes, and the cells beside the hostile ones.
        #expect(records.filter { $0.path == "warc/bad-chunks.warc" }.count == 3)
        #expect(errors.filter { $0.path == "warc/bad-chunks.warc" }.count == 3)
        #expect(records.first { $0.path == "office/huge-column.xlsx" }?.text.contains("kept") == true)
        #expect(records.first { $0.path == "office/negative-repeat.ods" }?.text.contains("kept") == true)
        #expect(records.contains { $0.path == "pages/good.html" })
        for limited in [
            "office/repeated-cells.ods", "office/many-attributes.docx", "pages/many-attributes.html",
            "texts/huge.txt", "bundles/nested-bomb.zip",
        ] {
            #expect(kinds(limited).contains("limit"), "\(limited): \(kinds(limited))")
        }
        #expect(
            Set(skips.filter { $0.reason == "empty-archive" }.map(\.path)) == [
                "bundles/empty.zip", "bundles/empty.tar",
            ])
    }
}
