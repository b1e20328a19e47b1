import Foundation
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import Testing

/// Docs/WritingAPlugin.md, followed as a user would: its code blocks are the
/// files of Docs/Examples, and the Python plugin runs through `sluice.toml`.
/// (The Swift example package is built, tested and run by `.ci/run` as a step
/// of its own, scripts/check-tutorial-package.sh: a nested build of Sluice
/// does not belong inside the test suite.)
@Suite(.serialized) struct TutorialTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples = root.appendingPathComponent("Docs/Examples")

    static func which(_ program: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(program)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (Int32, String) {
        let result = try ChildProcess.run(executable, arguments, in: directory)
        return (result.status, result.output)
    }

    @Test func everyCodeBlockOfTheTutorialIsTheRealFile() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("Docs/WritingAPlugin.md"), encoding: .utf8)
        let marker = "<!-- file: "
        var checked = 0
        for part in doc.components(separatedBy: marker).dropFirst() {
            let path = String(part.prefix { $0 != " " })
            let afterFence = try #require(part.range(of: "```")).upperBound
            let body = part[afterFence...].drop { $0 != "\n" }.dropFirst()
            let code = try #require(body.range(of: "\n```")).lowerBound
            let file = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            #expect(String(body[..<code]) + "\n" == file, "Docs/WritingAPlugin.md differs from \(path)")
            checked += 1
        }
        #expect(checked >= 6)
    }

    /// Docs/PluginReference.md: a whole file where it says `file:`, a real part
    /// of one where it says `excerpt:`, and every documented error kind and
    /// skip reason of the plugin API in its tables.
    @Test func theReferenceShowsRealCodeAndEveryDocumentedKindAndReason() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("Docs/PluginReference.md"), encoding: .utf8)
        var checked = 0
        for marker in ["<!-- file: ", "<!-- excerpt: "] {
            for part in doc.components(separatedBy: marker).dropFirst() {
                let path = String(part.prefix { $0 != " " })
                let afterFence = try #require(part.range(of: "```")).upperBound
                let body = part[afterFence...].drop { $0 != "\n" }.dropFirst()
                let code = String(body[..<(try #require(body.range(of: "\n```")).lowerBound)]) + "\n"
                let file = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
                if marker == "<!-- file: " {
                    #expect(code == file, "Docs/PluginReference.md differs from \(path)")
                } else {
                    #expect(file.contains(code), "Docs/PluginReference.md shows code that is not in \(path)")
                }
                checked += 1
            }
        }
        #expect(checked >= 6)
        for kind in ExtractionError.Kind.documented {
            #expect(doc.contains("| `\(kind.rawValue)` |"), "error kind \(kind) is not in the reference")
        }
        for reason in SkipReason.documented.keys {
            #expect(doc.contains("| `\(reason.rawValue)` |"), "skip reason \(reason) is not in the reference")
        }
    }

    @Test(
        .enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"),
        .enabled(if: which("python3") != nil, "python3 is not installed"))
    func thePythonPluginRunsThroughTheConfigFile() throws {
        let out = try TemporaryDirectory(prefix: "sluice-tutorial-py")
        defer { out.remove() }
        let dir = Self.examples.appendingPathComponent("python-plugin")
        let (status, output) = try Self.run(
            ResumeTests.binary!,
            ["ingest", "samples", "--out", out.path, "--overwrite", "--config", "sluice.toml", "--progress", "none"],
            in: dir)
        #expect(status == 0, "\(output)")
        let corpus = try CorpusReader(directory: out.url)
        let records = Dictionary(uniqueKeysWithValues: try corpus.currentRecords().map { ($0.path, $0) })
        #expect(
            RecordExpectation(
                title: "Gate inspection at the east sluice", published: "2024-04-02", lang: "en",
                extractor: "memo-py", textContains: ["both hoists worked"]
            ).mismatches(try #require(records["gate-inspection.memo"])) == [])
        #expect(records["闸门巡查.memo"]?.published == "2024-04-03")
        #expect(records["闸门巡查.memo"]?.mime == "text/x-memo")
        #expect(records["gate-inspection.memo"]?.text.contains("Duty officer") == false)  // keep_signature = false
        let errors = try corpus.errors()
        #expect(errors.map(\.path) == ["broken.memo"])
        #expect(errors.first?.kind == "external" && errors.first?.message.contains("not a memo") == true)
        // A skip line from the script, namespaced with the plugin's name.
        let skipped = try corpus.skipped()
        #expect(skipped.map(\.path) == ["unfinished.memo"] && skipped.first?.reason == "memo-py:no-body")
    }
}
