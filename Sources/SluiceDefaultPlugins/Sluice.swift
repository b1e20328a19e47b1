import ArchiveExtractor
import ExternalExtractor
import HTMLExtractor
import OfficeExtractor
import SluicePluginAPI
import TextExtractor

/// The plugins the stock `sluice` ships with. A custom binary names what it
/// links: `SluiceCommand.main(plugins: [Mine()] + Sluice.defaultPlugins,
/// configured: Sluice.configuredPlugins)`.
public enum Sluice {
    /// The built-in plugins, in registry order (more specific first).
    public static var defaultPlugins: [any Extractor] {
        [OfficeExtractor(), ArchiveExtractor(), HTMLExtractor(), TextExtractor()]
    }

    /// The plugin families users declare in `sluice.toml` (`[[external]]`).
    public static var configuredPlugins: [any ConfiguredPlugins] { [ExternalPlugins()] }
}
