import MemoExtractor
import SluiceCLI

// The whole sluice command line, with the memo plugin asked first.
SluiceCommand.main(plugins: [MemoExtractor()] + Sluice.defaultPlugins)
