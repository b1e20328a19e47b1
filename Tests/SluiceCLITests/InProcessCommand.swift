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

    static func run(_ arguments: [String]) throws {
        var command = try parse(arguments)
        try command.run()
    }
}
