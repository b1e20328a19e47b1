import ArgumentParser
import Foundation
import SluiceRuntime

/// `sluice worker`: the process `ingest --isolate` starts, not for people.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Extract inputs for an isolating supervisor (internal).",
        shouldDisplay: false)

    @Option(help: "Limits and plugin options, as JSON from the supervisor.")
    var settings: String

    @Option(help: "The supervisor's config file, for the same plugins in the same order.")
    var config: String?

    func run() throws {
        let (registry, _) = try PluginBootstrap.registry(config: try PluginBootstrap.configuration(config))
        try WorkerServer.serve(registry: registry, settings: settings)
    }

    /// This executable's path, so that workers run the same binary (and plugins).
    static var executablePath: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }
}
