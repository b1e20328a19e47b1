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

    static func registry() throws -> ExtractorRegistry {
        do { return try ExtractorRegistry(plugins) } catch { throw CLIFailure(message: error.description, exitCode: 2) }
    }
}
