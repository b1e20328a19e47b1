import ArgumentParser
import ExternalExtractor
import SluicePluginAPI
import SluiceRuntime

struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the extractor plugins, in the order they are asked, with what each accepts.",
        discussion:
            "An input goes, in this order, to the first plugin whose name pattern claims it before sniffing; whose (specific) sniff claims its content; whose name pattern matches and whose sniff does not refuse it; whose generic sniff claims it; whose name pattern matches at all. `sluice inspect FILE --explain` shows each plugin's answer for one file."
    )

    @Option(help: "A sluice.toml: show the plugins it makes effective (external ones, order, disabled, options).")
    var config: String?

    func run() throws {
        let (registry, options) = try PluginBootstrap.registry(config: try PluginBootstrap.configuration(config))
        for e in registry.extractors {
            let kind =
                (e is any ContainerExtractor ? "container" : e is ExternalExtractor ? "leaf, external command" : "leaf")
                + (e.isGeneric ? ", generic: asked after the specific plugins and name matches" : "")
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
