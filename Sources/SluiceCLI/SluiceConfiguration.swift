import SluicePluginAPI

/// `sluice.toml` checked without running anything: for tools and fuzzing
/// that want the CLI's own reading of a config file.
public enum SluiceConfiguration {
    /// Reads `source` as the CLI reads `--config` and resolves its plugins
    /// against `configured` and `plugins`; throws the first problem, with its line.
    public static func check(
        source: String, path: String, plugins: [any Extractor] = [], configured: [any ConfiguredPlugins]
    ) throws(ConfigurationError) {
        let file = try ConfigurationFile(source: source, path: path, configured: configured)
        _ = try file.plugins(base: plugins, configured: configured)
    }
}
