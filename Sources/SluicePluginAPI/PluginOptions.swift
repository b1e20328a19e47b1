/// Options for one plugin: string, integer and boolean values by name.
public struct PluginOptions: Sendable, Equatable, Codable {
    public var values: [String: MetaValue]

    public init(_ values: [String: MetaValue] = [:]) { self.values = values }

    public func string(_ key: String) -> String? {
        if case .string(let s) = values[key] { return s }
        return nil
    }

    public func integer(_ key: String) -> Int? {
        if case .integer(let i) = values[key] { return i }
        return nil
    }

    public func boolean(_ key: String) -> Bool? {
        if case .boolean(let b) = values[key] { return b }
        return nil
    }
}
