import ArgumentParser
import ExternalExtractor
import SluicePluginAPI
import SluiceRuntime

struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the extractor plugins, in the order they are asked, with what each accepts.",
        discussion:
            "An input goes to the first plugin whose content sniff claims it; when none does, to the first whose names or media types match."
    )

    @Option(help: "A sluice.toml: show the plugins it makes effective (external ones, order, disabled, options).")
    var config: String?

    func run() throws {
        let (registry, options) = try PluginBootstrap.registry(config: try PluginBootstrap.configuration(config))
        for e in registry.extractors {
            let kind =
                e is any ContainerExtractor ? "container" : e is ExternalExtractor ? "leaf, external command" : "leaf"
            print("\(e.id) \(e.version) (\(kind))")
            print("  sniff:   \(e.sniffDescription)")
            print("  accepts: \(e.accepts)")
            if let external = e as? ExternalExtractor {
                let spec = external.spec
                print(
                    "  command: \(spec.command.joined(separator: " ")) (input \(spec.input.rawValue), output \(spec.output.rawValue), timeout \(spec.timeout) s)"
                )
            }
            for option in e.options {
                let value = options[e.id]?.values[option.name].map { " = \(JSONValue($0).jsonText)" } ?? ""
                print("  option:  \(option.name) (\(option.type.rawValue))\(value): \(option.help)")
            }
        }
    }
}
