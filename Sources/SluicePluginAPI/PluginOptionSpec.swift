/// An option a plugin reads from ``ExtractionContext/options``, declared so
/// that `sluice.toml` can be checked before a run starts (an unknown key or a
/// wrong type is an error with its line number) and `sluice plugins` can list it.
public struct PluginOptionSpec: Sendable, Equatable {
    public enum ValueType: String, Sendable {
        case boolean, integer, string, strings
    }

    public var name: String
    public var type: ValueType
    /// One line: what the option does and its default.
    public var help: String

    public init(_ name: String, _ type: ValueType, help: String) {
        self.name = name
        self.type = type
        self.help = help
    }

    /// Whether `value` has this option's type.
    public func accepts(_ value: MetaValue) -> Bool {
        switch (type, value) {
        case (.boolean, .boolean), (.integer, .integer), (.string, .string), (.strings, .strings): true
        default: false
        }
    }
}

extension PluginOptionSpec {
    /// An option the command line sets for every plugin that declares it
    /// (`sluice ingest --keep-non-articles`): keep documents the plugin would
    /// skip as not being articles (list, column and hub pages), marked in
    /// `meta.page_type`, instead of writing skip lines.
    public static let keepNonArticles = PluginOptionSpec(
        "keep_non_articles", .boolean,
        help: "keep list and column pages as records, marked in meta.page_type (default false)")
}
