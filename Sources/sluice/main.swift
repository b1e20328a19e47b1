import SluiceCLI
import SluiceDefaultPlugins

SluiceCommand.main(plugins: Sluice.defaultPlugins, configured: Sluice.configuredPlugins)
