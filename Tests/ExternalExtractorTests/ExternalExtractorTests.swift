import ExternalExtractor
import Foundation
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import Testing

/// External-command plugins with real commands: text and JSON Lines output,
/// stdin and path input, and every way a command can fail.
@Suite struct ExternalExtractorTests {
    static let python: String? =
        ["/usr/bin/python3", "/usr/local/bin/python3"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { $0 + "/python3" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }

    func harness(_ spec: ExternalPluginSpec) throws -> ExtractorHarness {
        try ExtractorHarness(ExternalExtractor(spec))
    }

    @Test func textOnStdoutBecomesTheRecordText() throws {
        let spec = ExternalPluginSpec(name: "upper", match: ["*.note"], command: ["tr", "a-z", "A-Z"])
        let r = try harness(spec).record(Data("flood season starts in may.\n".utf8), name: "x/today.note")
        #expect(r.text == "FLOOD SEASON STARTS IN MAY.")
        #expect(r.extractor == "upper")
        #expect(r.extractorVersion.hasPrefix("cmd-"))
    }

    /// Output past maxDocumentBytes is a limit line, never a record cut silently short.
    @Test func outputPastTheLimitIsALimitErrorNotACutRecord() throws {
        let spec = ExternalPluginSpec(name: "yes", match: ["*.y"], command: ["head", "-c", "100000", "/dev/zero"])
        let small = try ExtractorHarness([ExternalExtractor(spec)], limits: ExtractionLimits(maxDocumentBytes: 4096))
        let error = try #require(small.error(Data("x".utf8), name: "a.y"))
        #expect(error.kind == "limit" && error.limit == "maxDocumentBytes")
    }

    @Test func pathInputGetsATemporaryCopyNamedLikeTheDocument() throws {
        // `ls` prints the path it was given: the copy keeps the document's name.
        let spec = ExternalPluginSpec(name: "name", match: ["*.rec"], command: ["ls"], input: .path)
        let r = try harness(spec).record(Data("x".utf8), name: "a/b/report 7.rec")
        #expect(r.text.hasSuffix("/report 7.rec"))
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func jsonLinesGiveFieldsAndSeveralRecords() throws {
        let script = """
            import json, sys
            text = sys.stdin.read()
            for i, part in enumerate(text.split("---")):
                print(json.dumps({"title": f"Part {i+1}", "published": "2024年3月5日", "text": part.strip(),
                                  "breadcrumb": ["Home", "Notices"], "meta": {"part": i + 1, "draft": False}}))
            """
        let spec = ExternalPluginSpec(
            name: "parts", match: ["*.parts"], command: [Self.python!, "-c", script], output: .jsonl)
        let records = try harness(spec).records(Data("First notice.---Second notice.".utf8), name: "n.parts")
        #expect(records.map(\.title) == ["Part 1", "Part 2"])
        #expect(records.map(\.text) == ["First notice.", "Second notice."])
        #expect(records[0].published == "2024-03-05")
        #expect(records[0].breadcrumb == ["Home", "Notices"])
        #expect(records[1].meta["part"] == .int(2) && records[1].meta["draft"] == .bool(false))
        #expect(Set(records.map(\.id)).count == 2)
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func aSkipLineGivesItsReasonNamespacedUnlessDocumented() throws {
        let script = """
            import json, sys
            text = sys.stdin.read()
            if text.startswith("COVER"):
                print(json.dumps({"skip": "cover-sheet", "detail": "a fax cover sheet"}))
            elif text.startswith("LIST"):
                print(json.dumps({"skip": "not-article"}))
            else:
                print(json.dumps({"text": text}))
            """
        let spec = ExternalPluginSpec(
            name: "fax", match: ["*.fax"], command: [Self.python!, "-c", script], output: .jsonl)
        let h = try harness(spec)
        guard case .skipped(let cover)? = h.outcomes(Data("COVER to: bureau".utf8), name: "a.fax").first,
            case .skipped(let list)? = h.outcomes(Data("LIST".utf8), name: "b.fax").first
        else {
            Issue.record("expected two skips")
            return
        }
        #expect(cover.reason == "fax:cover-sheet" && cover.detail == "a fax cover sheet")
        #expect(list.reason == "not-article")
        #expect(try h.record(Data("Water levels fell.".utf8), name: "c.fax").text == "Water levels fell.")
        let both = ExternalPluginSpec(
            name: "both", match: ["*.b"], command: ["printf", "{\"skip\":\"x\"}\\n{\"text\":\"y\"}\\n"],
            output: .jsonl)
        #expect(try harness(both).error(Data(), name: "a.b")?.message.contains("must be the only line") == true)
    }

    @Test func optionsAndTheDocumentsPlaceReachTheCommandAsEnvironment() throws {
        let spec = ExternalPluginSpec(
            name: "env", match: ["*.e"],
            command: ["sh", "-c", "echo \"$SLUICE_PATH rows=$SLUICE_OPTION_MIN_ROWS all=$SLUICE_OPTIONS\""],
            options: [PluginOptionSpec("min_rows", .integer, help: "")])
        let h = try ExtractorHarness(
            [ExternalExtractor(spec)], pluginOptions: ["env": PluginOptions(["min_rows": .integer(3)])])
        let r = try h.record(Data("x".utf8), name: "site/a.e")
        #expect(r.text == "site/a.e rows=3 all={\"min_rows\":3}")
        #expect(ExternalPluginSpec.environmentName("sheet-name.2") == "SLUICE_OPTION_SHEET_NAME_2")
    }

    @Test func invalidJSONLinesNameTheLine() throws {
        let spec = ExternalPluginSpec(
            name: "bad", match: ["*.x"], command: ["printf", "{\"text\":\"ok\"}\\nnot json\\n"], output: .jsonl)
        let e = try #require(try harness(spec).error(Data(), name: "a.x"))
        #expect(e.kind == "external")
        #expect(e.message.contains("line 2") && e.message.contains("not a JSON object"))
        let unknown = ExternalPluginSpec(
            name: "typo", match: ["*.x"], command: ["printf", "{\"txet\":\"ok\"}\\n"], output: .jsonl)
        #expect(try harness(unknown).error(Data(), name: "a.x")?.message.contains("'txet'") == true)
    }

    @Test func nonZeroExitCarriesTheTailOfStderr() throws {
        let spec = ExternalPluginSpec(
            name: "fails", match: ["*.x"], command: ["sh", "-c", "echo 'Syntax Error: bad xref' >&2; exit 3"])
        let e = try #require(try harness(spec).error(Data("x".utf8), name: "a.x"))
        #expect(e.kind == "external")
        #expect(e.message.contains("exited with status 3") && e.message.contains("Syntax Error: bad xref"))
    }

    @Test func aCommandPastItsTimeoutIsKilled() throws {
        let spec = ExternalPluginSpec(name: "slow", match: ["*.x"], command: ["sleep", "30"], timeout: 0.5)
        let started = Date()
        let e = try #require(try harness(spec).error(Data("x".utf8), name: "a.x"))
        #expect(e.kind == "timeout")
        #expect(e.message.contains("timeout of 0.5 s"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// A command that leaves a child running (holding its stdout) neither holds up the
    /// run nor leaves the child behind: its process group goes with it.
    @Test func aBackgroundChildDiesWithItsCommand() throws {
        let spec = ExternalPluginSpec(name: "leaky", match: ["*.x"], command: ["sh", "-c", "sleep 60 & echo $!"])
        let started = Date()
        let r = try harness(spec).record(Data("x".utf8), name: "a.x")
        #expect(Date().timeIntervalSince(started) < 10)
        let child = try #require(Int32(r.text))
        var alive = true
        for _ in 0..<50 where alive {
            let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)
            alive = stat.map { !$0.contains(") Z ") } ?? false
            if alive { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(!alive, "the background child \(child) outlived its command")
    }

    @Test func aMissingCommandIsNamed() throws {
        let spec = ExternalPluginSpec(name: "pdf", match: ["*.pdf"], command: ["pdftotext-not-installed", "-", "-"])
        let e = try #require(try harness(spec).error(Data("%PDF-1.4".utf8), name: "a.pdf"))
        #expect(e.kind == "external")
        #expect(e.message.contains("'pdftotext-not-installed'") && e.message.contains("not found on PATH"))
    }

    /// A command that exits without reading its input must not kill Sluice with SIGPIPE.
    @Test func aCommandThatIgnoresItsInputIsFine() throws {
        let spec = ExternalPluginSpec(name: "echo", match: ["*.x"], command: ["echo", "constant text"])
        let r = try harness(spec).record(Data(repeating: 0x41, count: 4 << 20), name: "big.x")
        #expect(r.text == "constant text")
    }

    /// Claimed by name before sniffing, and by magic bytes without the name.
    @Test func globsClaimBeforeSniffingAndMagicFindsUnnamedFiles() throws {
        let spec = ExternalPluginSpec(name: "cat", match: ["*.html"], magic: ["%PDF-"], command: ["cat"])
        let registry = try ExtractorRegistry([AlwaysSniffs(), ExternalExtractor(spec)])
        let page = SourceDocument(path: "p.html", bytes: Data("<html>".utf8))
        #expect(registry.extractor(for: page)?.extractor.id == "cat")
        let unnamed = SourceDocument(path: "download", bytes: Data("%PDF-1.7".utf8))
        #expect(ExternalExtractor(spec).sniff(unnamed.head()) == .claims)
        #expect(registry.extractor(for: SourceDocument(path: "n.txt", bytes: Data("x".utf8)))?.extractor.id == "always")
    }
}

/// A plugin that claims every input by content, to show name claims come first.
struct AlwaysSniffs: LeafExtractor {
    let id = "always"
    let version = "1"
    let accepts = InputPattern()
    func sniff(_ head: Data) -> SniffVerdict { .claims }
    func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        [Extraction(text: "x", mime: "text/plain")]
    }
}

/// Editing the script an external plugin runs re-extracts its inputs on the
/// next run, without `--full`; the inputs of other plugins stay unchanged.
@Suite struct ExternalScriptChangeTests {
    @Test(.enabled(if: ExternalExtractorTests.python != nil, "python3 is not installed"))
    func editingTheScriptReExtractsOnlyItsInputs() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-external-script")
        defer { dir.remove() }
        try dir.write(Data("import sys; print(sys.stdin.read().upper())\n".utf8), to: "conf/shout.py")
        try dir.write(Data("quiet words".utf8), to: "crawl/a.shout")
        try dir.write(Data("STUB:left alone".utf8), to: "crawl/b.stub")
        let out = dir.path + "/out"
        func run() throws -> Manifest {
            let spec = ExternalPluginSpec(
                name: "shout", match: ["*.shout"], command: ["python3", "shout.py"],
                workingDirectory: dir.path + "/conf")
            return try IngestRun(
                registry: try ExtractorRegistry([ExternalExtractor(spec), StubText()]),
                configuration: IngestConfiguration(
                    inputRoot: dir.path + "/crawl", outputDirectory: out, commandLine: ["t"])
            ).run()
        }
        let first = try run()
        #expect(first.run.new == 2)
        #expect(try run().run.unchanged == 2)
        try dir.write(Data("import sys; print(sys.stdin.read().title())\n".utf8), to: "conf/shout.py")
        let edited = try run()
        #expect(edited.run.changed == 1 && edited.run.unchanged == 1)
        #expect(edited.run.changes.reasons == ["plugins": 1])
        let text = try CorpusReader(directory: URL(fileURLWithPath: out)).currentRecords().first {
            $0.path == "a.shout"
        }?.text
        #expect(text == "Quiet Words")
    }

    /// A minimal leaf for the other input.
    struct StubText: LeafExtractor {
        let id = "stub"
        let version = "1"
        let accepts = InputPattern(extensions: ["stub"])
        func sniff(_ head: Data) -> SniffVerdict { .unsure }
        func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
            [Extraction(text: String(decoding: document.bytes.dropFirst(5), as: UTF8.self), mime: "text/plain")]
        }
    }
}
