import Foundation
import SluiceRuntime
import SluiceTesting
import Testing

/// External commands run by the real binary start clean: no blocked signals,
/// default dispositions (sluice itself ignores SIGTERM and SIGINT, and its
/// Dispatch threads block signals), and a process that escapes their group
/// and keeps their output pipe open cannot hold the run.
@Suite struct ExternalCommandTests {
    @Test(
        .enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"),
        .enabled(if: TutorialTests.which("python3") != nil, "python3 is not installed"), .timeLimit(.minutes(2)))
    func commandsStartWithDefaultSignalsAndEscapedChildrenCannotHoldTheRun() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-external-signals")
        defer { dir.remove() }
        try dir.write(Data("probe".utf8), to: "in/a.probe")
        try dir.write(Data("wait".utf8), to: "in/b.waiter")
        try dir.write(Data("escape".utf8), to: "in/c.escapee")
        let probe = """
            import signal; blocked = signal.pthread_sigmask(signal.SIG_BLOCK, [])
            print("blocked", len(blocked), "term", signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, "int", signal.getsignal(signal.SIGINT) == signal.default_int_handler)
            """
        try dir.write(
            Data(
                """
                [[external]]
                name = "probe"
                match = ["*.probe"]
                command = ["python3", "-c", '''\(probe)''']

                [[external]]
                name = "waiter"
                match = ["*.waiter"]
                command = ["sh", "-c", "sleep 1 & wait; echo the child was waited for"]
                timeout = 30

                [[external]]
                name = "escapee"
                match = ["*.escapee"]
                command = ["sh", "-c", "setsid sleep 20 & echo printed before the escape"]
                timeout = 30
                """.utf8), to: "sluice.toml")
        let (status, output) = try TutorialTests.run(
            ResumeTests.binary!,
            [
                "ingest", dir.path + "/in", "--out", dir.path + "/out", "--config", dir.path + "/sluice.toml",
                "--progress", "none",
            ])
        #expect(status == 0, "\(output)")
        let corpus = try CorpusReader(directory: URL(fileURLWithPath: dir.path + "/out"))
        #expect(try corpus.errors() == [])
        let text = Dictionary(uniqueKeysWithValues: try corpus.currentRecords().map { ($0.path, $0.text) })
        #expect(text["a.probe"] == "blocked 0 term True int True")
        #expect(text["b.waiter"] == "the child was waited for")
        #expect(text["c.escapee"] == "printed before the escape")
    }
}
