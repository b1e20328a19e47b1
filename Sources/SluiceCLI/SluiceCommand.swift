import ArgumentParser
import Foundation
import SluicePluginAPI
import SluiceRuntime

/// The `sluice` command line. Build your own `sluice` with extra plugins by
/// calling ``main(plugins:configured:)`` from an executable target that
/// names what it links:
///
///     SluiceCommand.main(plugins: [MyExtractor()] + Sluice.defaultPlugins, configured: Sluice.configuredPlugins)
public struct SluiceCommand: ParsableCommand {
    /// Named after the running binary, so a custom build's help says its own name (`memo-sluice`).
    public static let configuration = CommandConfiguration(
        commandName: CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "sluice",
        abstract: "Turn a crawled directory of pages, texts and bundles into one JSON Lines corpus.",
        discussion: """
            Exit status: 0 the run completed (per-document errors are in errors.jsonl); 1 --strict \
            and some document failed; 2 the run could not start (bad input or output directory); \
            3 the corpus could not be written; 64 bad usage; 130/143 stopped by SIGINT/SIGTERM \
            (run the same command again to resume).
            """,
        version: SluiceVersion.current,
        subcommands: [
            IngestCommand.self, ListCommand.self, MergeCommand.self, InspectCommand.self, PluginsCommand.self,
            ReportCommand.self, IndexCommand.self, SearchCommand.self, DedupeCommand.self, WorkerCommand.self,
            ParseCheckCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line with `plugins` installed, then exits.
    /// - Parameter configured: plugin families users declare in `sluice.toml`
    ///   (`Sluice.configuredPlugins` reads `[[external]]`); none by default.
    public static func main(plugins: [any Extractor], configured: [any ConfiguredPlugins] = []) {
        PluginBootstrap.bootstrap(plugins, configured: configured)
        main()
    }
}

/// A failure the CLI reports itself: the message on stderr, then this exit code.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    var description: String { message }
}

extension CLIFailure {
    /// Prints the failure the way users read errors; throw the result to exit with its code.
    func reported() -> ExitCode {
        StandardError.write("sluice: error: \(message)\n")
        return ExitCode(exitCode)
    }
}

extension ParsableCommand {
    /// Prints `failure` the way users read errors and exits with its code.
    func fail(_ failure: CLIFailure) -> ExitCode { failure.reported() }
}
