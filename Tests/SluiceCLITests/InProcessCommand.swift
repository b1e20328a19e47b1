import ArgumentParser
import SluiceDefaultPlugins

@testable import SluiceCLI

/// Parses and runs a `sluice` command line in this process, with the stock
/// plugins installed as the `sluice` binary installs them.
enum InProcessCommand {
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        PluginBootstrap.bootstrapOnce(Sluice.defaultPlugins, configured: Sluice.configuredPlugins)
        return try SluiceCommand.parseAsRoot(arguments)
    }

    /// An `ingest` runs in this process unless the test asks for `--isolate`:
    /// isolation re-executes this executable as `sluice worker`, and the test
    /// runner is not one.
    static func run(_ arguments: [String]) throws {
        let isolation = arguments.contains("--isolate") || arguments.contains("--no-isolate")
        var command = try parse(arguments.first == "ingest" && !isolation ? arguments + ["--no-isolate"] : arguments)
        try command.run()
    }
}
