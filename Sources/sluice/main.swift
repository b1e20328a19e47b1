import SluiceCLI

SluiceCommand.main(plugins: Sluice.defaultPlugins)
