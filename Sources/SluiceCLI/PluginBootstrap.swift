import SluiceCore
import Synchronization

/// The plugins the command line runs with, set once at start-up by
/// ``SluiceCommand/main(plugins:)`` (in the manner of swift-log's
/// `LoggingSystem.bootstrap`). The only global state of the CLI.
enum PluginBootstrap {
    private static let installed = Mutex<[any Extractor]?>(nil)

    /// Installs `plugins`; a second call is a programming error.
    static func bootstrap(_ plugins: [any Extractor]) {
        installed.withLock { current in
            precondition(current == nil, "PluginBootstrap.bootstrap called twice")
            current = plugins
        }
    }

    /// The installed plugins, or the defaults when nothing was bootstrapped
    /// (tests that drive the commands directly).
    static var plugins: [any Extractor] { installed.withLock { $0 } ?? Sluice.defaultPlugins }

    /// The registry of a run: the installed plugins, shaped by the config file
    /// when there is one (external plugins added, order, disabled), with the
    /// per-plugin options it sets.
    /// Failures are printed and thrown as the exit code (2).
    static func registry(config: ConfigurationFile? = nil) throws -> (
        registry: ExtractorRegistry, options: [String: PluginOptions]
    ) {
        var list = plugins
        var options: [String: PluginOptions] = [:]
        if let config {
            do {
                (list, options) = try config.plugins(base: list)
            } catch {
                throw CLIFailure(message: error.description, exitCode: 2).reported()
            }
        }
        do {
            return (try ExtractorRegistry(list), options)
        } catch {
            throw CLIFailure(message: error.description, exitCode: 2).reported()
        }
    }

    /// Reads `--config FILE`, turning a bad file into a usage failure before any work.
    static func configuration(_ path: String?) throws -> ConfigurationFile? {
        guard let path else { return nil }
        do { return try ConfigurationFile.load(path) } catch {
            throw CLIFailure(message: error.description, exitCode: 2).reported()
        }
    }
}
