import ArgumentParser
import SluiceCore

struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the extractor plugins, in the order they are asked, with what each accepts.",
        discussion:
            "An input goes to the first plugin whose content sniff claims it; when none does, to the first whose names or media types match."
    )

    func run() throws {
        let registry = try PluginBootstrap.registry()
        for e in registry.extractors {
            let kind = e is any ContainerExtractor ? "container" : "leaf"
            print("\(e.id) \(e.version) (\(kind))")
            print("  sniff:   \(e.sniffDescription)")
            print("  accepts: \(e.accepts)")
        }
    }
}
