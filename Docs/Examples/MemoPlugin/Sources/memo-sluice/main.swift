import MemoExtractor
import SluiceCLI
import SluiceDefaultPlugins

// The whole sluice command line: the memo plugin asked first, then the stock
// plugins and the [[external]] plugins of sluice.toml.
SluiceCommand.main(plugins: [MemoExtractor()] + Sluice.defaultPlugins, configured: Sluice.configuredPlugins)
