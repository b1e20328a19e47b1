import SluicePluginAPI
import SluiceRuntime
import Synchronization

/// The plugins the command line runs with, set once at start-up by
/// ``SluiceCommand/main(plugins:configured:)`` (in the manner of swift-log's
/// `LoggingSystem.bootstrap`). The only global state of the CLI; the CLI
/// itself links no plugin.
enum PluginBootstrap {
    struct Installed: Sendable {
        var plugins: [any Extractor]
        var configured: [any ConfiguredPlugins]
        /// Installed by ``SluiceCommand/main(plugins:configured:)``: this process is a
        /// `sluice` binary, which can run itself as a child (``TOMLParseCheck``).
        var isCommandLine = false
    }

    private static let installed = Mutex<Installed?>(nil)

    /// Installs the plugins; a second call is a programming error.
    static func bootstrap(_ plugins: [any Extractor], configured: [any ConfiguredPlugins]) {
        installed.withLock { current in
            precondition(current == nil, "PluginBootstrap.bootstrap called twice")
            current = Installed(plugins: plugins, configured: configured, isCommandLine: true)
        }
    }

    /// Installs the plugins unless some already are (tests that drive the commands directly).
    static func bootstrapOnce(_ plugins: @autoclosure () -> [any Extractor], configured: [any ConfiguredPlugins]) {
        installed.withLock { current in
            if current == nil { current = Installed(plugins: plugins(), configured: configured) }
        }
    }

    /// The installed plugins (none when nothing was bootstrapped).
    static var current: Installed { installed.withLock { $0 } ?? Installed(plugins: [], configured: []) }

    /// The registry of a run: the installed plugins, shaped by the config file
    /// when there is one (declared plugins added, order, disabled), with the
    /// per-plugin options it sets.
    /// Failures are printed and thrown as the exit code (2).
    static func registry(config: ConfigurationFile? = nil) throws -> (
        registry: ExtractorRegistry, options: [String: PluginOptions]
    ) {
        var list = current.plugins
        var options: [String: PluginOptions] = [:]
        if let config {
            do {
                (list, options) = try config.plugins(base: list, configured: current.configured)
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
        do {
            let file = try ConfigurationFile.load(
                path, configured: current.configured, checkInChild: current.isCommandLine)
            // The plugins' problems too, now: the user sees every problem of the file at once.
            _ = try file.plugins(base: current.plugins, configured: current.configured)
            return file
        } catch {
            throw CLIFailure(message: error.description, exitCode: 2).reported()
        }
    }
}
