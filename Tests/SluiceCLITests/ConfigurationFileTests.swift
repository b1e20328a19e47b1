import ExternalExtractor
import Foundation
import SluiceDefaultPlugins
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import Testing

@testable import SluiceCLI

/// `sluice.toml`: what a good file changes, and the message a bad one gets, with its line.
@Suite struct ConfigurationFileTests {
    func load(_ source: String) throws(ConfigurationError) -> ConfigurationFile {
        try ConfigurationFile(source: source, path: "sluice.toml", configured: Sluice.configuredPlugins)
    }

    func failure(_ source: String) -> ConfigurationError? {
        do {
            _ = try load(source).plugins(base: Sluice.defaultPlugins, configured: Sluice.configuredPlugins)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFullFileSetsEverything() throws {
        let file = try load(
            """
            [plugins]
            order = ["html"]
            disabled = ["text"]

            [plugins.html]
            keep_non_articles = true
            min_text_length = 40

            [limits]
            max_document_bytes = "64M"
            max_depth = 3
            timeout = 5.5

            [run]
            jobs = 3
            isolate = true

            [output]
            shard_size = 1048576

            [[external]]
            name = "pdf"
            match = ["*.pdf"]
            command = ["pdftotext", "-enc", "UTF-8", "-", "-"]

            [[external]]
            name = "wps"
            match = ["*.wps"]
            command = ["wps2text"]
            input = "path"
            output = "jsonl"
            timeout = 10
            """)
        #expect(file.maxDocumentBytes == 64 << 20 && file.maxDepth == 3 && file.timeout == 5.5)
        #expect(file.jobs == 3 && file.isolate == true && file.shardSize == 1 << 20)
        let (plugins, options) = try file.plugins(base: Sluice.defaultPlugins, configured: Sluice.configuredPlugins)
        #expect(plugins.map(\.id) == ["html", "pdf", "wps", "office", "archive"])
        #expect(options["html"]?.boolean("keep_non_articles") == true)
        #expect(options["html"]?.integer("min_text_length") == 40)
        let wps = try #require(plugins[2] as? ExternalExtractor)
        #expect(wps.spec.input == .path && wps.spec.output == .jsonl && wps.spec.timeout == 10)
    }

    /// Isolation is the default; `--no-isolate` or `isolate = false` turns it off,
    /// and a flag beats the file.
    @Test func isolationIsOnUnlessAFlagOrTheFileTurnsItOff() throws {
        let registry = try ExtractorRegistry(Sluice.defaultPlugins)
        let off = try load("[run]\nisolate = false\n")
        let on = try load("[run]\nisolate = true\n")
        for (flags, file, isolated) in [
            ([], nil, true), (["--no-isolate"], nil, false), ([], off, false), (["--isolate"], off, true),
            (["--no-isolate"], on, false), ([], on, true),
        ] as [([String], ConfigurationFile?, Bool)] {
            let command = try #require(
                try InProcessCommand.parse(["ingest", "in", "--out", "o"] + flags) as? IngestCommand)
            let configuration = command.ingestConfiguration(file, registry: registry, options: [:])
            #expect((configuration.isolation != nil) == isolated, "\(flags) \(String(describing: file?.isolate))")
            // Isolated, twice as many workers as cores keep the cores busy.
            let cores = ProcessInfo.processInfo.activeProcessorCount
            #expect(configuration.jobs == (isolated ? 2 * cores : cores))
        }
    }

    /// Found by fuzz-toml: toml++ asserted (and aborted the process) on such a header.
    @Test func aTableNameWithAStrayCharacterIsAnErrorNotAnAbort() {
        for (source, line) in [
            ("# comment\n[\u{FFFD}limits]\nmax_depth = 3\n", 2), ("[\n", 1), ("[limits.]\n", 1), ("[[external]\n", 1),
        ] {
            let error = failure(source)
            #expect(error?.line == line, "\(source)")
            #expect(error?.message.contains("a table header must be") == true)
        }
        #expect(failure("[ plugins . \"html\" ]\nkeep_non_articles = true\n") == nil)
    }

    /// Found by fuzz-toml: TOMLKit's parser aborts on `m=[}`; the file is parsed in a child first.
    @Test(.enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"))
    func aFileThatAbortsTheParserIsAnErrorNotACrash() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-toml-abort")
        defer { dir.remove() }
        try dir.write(Data("m=[}\n".utf8), to: "sluice.toml")
        let (status, output) = try TutorialTests.run(
            ResumeTests.binary!, ["plugins", "--config", dir.path + "/sluice.toml"])
        #expect(status == 2, "\(output)")
        #expect(output.contains("not valid TOML: the parser failed on this file"))
    }

    @Test func mistakesAreNamedWithTheirLine() {
        let cases: [(String, Int?, String)] = [
            ("[limits]\nmax_depth = 3\nmax_dept = 4\n", 3, "unknown key 'max_dept' in [limits]"),
            ("[limits]\n\nmax_depth = \"deep\"\n", 3, "'max_depth' in [limits] must be a whole number above 0"),
            ("[output]\nshard_size = \"big\"\n", 2, "must be a size"),
            ("[plugins]\norder = [\"htm\"]\n", 2, "[plugins] order names 'htm', but no plugin has that id"),
            ("[plugins.html]\nkeep_non_article = true\n", 2, "plugin 'html' has no option 'keep_non_article'"),
            (
                "[plugins.html]\nmin_text_length = \"40\"\n", 2,
                "[plugins.html]: option 'min_text_length' must be a whole number"
            ),
            ("[plugins.pdf]\nx = 1\n", 1, "[plugins.pdf]: no plugin has the id 'pdf'"),
            (
                "[[external]]\nname = \"a\"\nmatch = [\"*.a\"]\ncommand = [\"a\"]\n\n[[external]]\nname = \"b\"\nmatch = [\"*.b\"]\ncommand = [\"b\"]\ninput = \"file\"\n",
                10, "`input` in [[external]] #2 ('b') must be \"stdin\" or \"path\""
            ),
            ("[[external]]\nname = \"a\"\ncommand = [\"a\"]\n", 1, "needs `match`, `mime` or `magic`"),
            ("[[external]]\nname = \"a\"\nmatch = []\ncommand = [\"a\"]\n", 1, "needs `match`, `mime` or `magic`"),
            ("[[external]]\nname = \"\"\nmatch = [\"*.a\"]\ncommand = [\"a\"]\n", 2, "needs a `name` (the plugin id)"),
            ("[[external]]\nname = \"a\"\nmatch = [\"*.a\"]\ncomand = [\"a\"]\n", 4, "unknown key 'comand'"),
            ("[limits\nmax_depth = 3\n", 1, "not valid TOML"),
            ("[run]\njobs = 0\n", 2, "'jobs' in [run] must be a whole number above 0"),
        ]
        for (source, line, message) in cases {
            // The problem is among those reported (a file may have others), at its line.
            let problem = failure(source)?.all.first { $0.message.contains(message) }
            #expect(problem?.line == line, "\(String(describing: failure(source))) for \(source)")
            #expect(problem?.description.hasPrefix("sluice.toml:\(line.map(String.init) ?? "")") == true)
        }
    }

    @Test func anExternalPluginDeclaresOptionsThatPluginTablesAreCheckedAgainst() throws {
        let source = """
            [[external]]
            name = "csv"
            match = ["*.csv"]
            command = ["python3", "csv_plugin.py"]
            options = { min_rows = "integer", sheet = "string" }

            [plugins.csv]
            min_rows = 3
            """
        let (plugins, options) = try load(source).plugins(
            base: Sluice.defaultPlugins, configured: Sluice.configuredPlugins)
        #expect(plugins.first?.options.map(\.name) == ["min_rows", "sheet"])
        #expect(options["csv"]?.integer("min_rows") == 3)
        let wrong = failure(source.replacingOccurrences(of: "min_rows = 3", with: "min_rows = \"3\""))
        #expect(wrong?.line == 8 && wrong?.message.contains("option 'min_rows' must be a whole number") == true)
        let badType = failure(source.replacingOccurrences(of: "\"integer\"", with: "\"int\""))
        #expect(badType?.line == 5 && badType?.message.contains("must name a type") == true)
    }

    @Test func everyProblemOfAFileIsReportedAtOnceWithItsLineAndSection() throws {
        let error = try #require(
            failure(
                """
                [limits]
                max_dept = 3
                max_members = "many"

                [[external]]
                name = "csv"
                match = ["*.csv"]
                input = "stdn"
                output = "json"

                [[external]]
                name = "html"
                command = ["cat"]
                match = ["*.x"]

                [plugins.text]
                colour = "red"
                """))
        let problems = error.all.map { ($0.line ?? 0, $0.message) }
        #expect(problems.map(\.0) == [2, 3, 5, 8, 9, 12, 17])
        for (index, section) in [
            (0, "[limits]"), (1, "[limits]"), (2, "[[external]] #1 ('csv') needs a `command`"),
            (3, "[[external]] #1 ('csv')"), (4, "[[external]] #1 ('csv')"),
            (5, "[[external]] #2 is named 'html', the id of a built-in plugin"), (6, "[plugins.text]"),
        ] {
            #expect(problems[index].1.contains(section), "\(problems[index])")
        }
        #expect(error.description.hasPrefix("7 problems:\n  sluice.toml:2: unknown key 'max_dept'"))
    }

    /// The CLI refuses a bad file before any work: exit 2, nothing written.
    @Test func aBadFileStopsTheRunBeforeItStarts() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-config")
        defer { dir.remove() }
        try dir.write(Data("[limits]\nmax_dept = 3\n".utf8), to: "sluice.toml")
        try dir.write(Data("a text".utf8), to: "crawl/a.txt")
        let out = dir.path + "/out"
        do {
            try InProcessCommand.run([
                "ingest", dir.path + "/crawl", "--out", out, "--config", dir.path + "/sluice.toml", "--progress",
                "none",
            ])
            Issue.record("a bad config file should stop the run")
        } catch {
            #expect(SluiceCommand.exitCode(for: error).rawValue == 2)
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
    }
}
