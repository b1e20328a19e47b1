import ArgumentParser
import Foundation
import SluicePluginAPI
import SluiceRuntime

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the record(s) one file would give, as pretty JSON, without writing a corpus.",
        discussion:
            "Errors and skips are printed the way errors.jsonl and skipped.jsonl would hold them; the exit status is 1 when the file fails. With --explain, a routing object comes first: which plugins were asked, in what order, what each answered and why the winner won."
    )

    @Argument(help: "The file to extract.", completion: .file())
    var file: String

    @Option(help: "A charset to prefer, as a container's transport would give it (e.g. gbk).")
    var charset: String?

    @Option(help: "A sluice.toml: its plugins, order and options apply.")
    var config: String?

    @Flag(
        help:
            "First print how the file was routed: every plugin's sniff answer and name match, and the step that chose.")
    var explain = false

    func run() throws {
        let (registry, options) = try PluginBootstrap.registry(config: try PluginBootstrap.configuration(config))
        let url = URL(fileURLWithPath: file)
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw fail(CLIFailure(message: "cannot read '\(file)': \(error.localizedDescription)", exitCode: 2))
        }
        let document = SourceDocument(
            path: url.lastPathComponent, bytes: bytes, modified: nil, hints: SourceHints(charset: charset))
        if explain {
            print(JSONPretty.format("{\"routing\":" + registry.route(document, explain: true).jsonObject() + "}"))
        }
        let processor = DocumentProcessor(registry: registry, pluginOptions: options)
        let collected = OutcomeCollector()
        processor.process(document, sink: collected.append)
        var failed = false
        for outcome in collected.outcomes {
            switch outcome {
            case .record(let r): print(JSONPretty.format(r.jsonLine()))
            case .failed(let e):
                failed = true
                print(JSONPretty.format("{\"error\":" + e.jsonLine() + "}"))
            case .skipped(let s): print(JSONPretty.format("{\"skipped\":" + s.jsonLine() + "}"))
            case .tally: break
            }
        }
        if failed { throw ExitCode(1) }
    }
}
