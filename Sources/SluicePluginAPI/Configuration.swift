#if canImport(Glibc)
    import Glibc
#endif

/// A problem in `sluice.toml`, found before any work starts. Its description
/// is what the user reads: `sluice.toml:12: 'timeout' in [[external]] #1 must be …`.
/// A file with several problems gives them all at once: the first here, the
/// others in ``more``, one line each.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    /// The file's other problems, in the order found.
    public var more: [ConfigurationError] = []

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// This problem and every one in ``more``, each without further problems.
    public var all: [ConfigurationError] {
        var first = self
        first.more = []
        return [first] + more.flatMap(\.all)
    }

    public var description: String {
        let lines = all.map { "\($0.file)\($0.line.map { ":\($0)" } ?? ""): \($0.message)" }
        return lines.count == 1 ? lines[0] : "\(lines.count) problems:\n  " + lines.joined(separator: "\n  ")
    }
}

/// Gathers the problems of a config file so that all of them are reported at
/// once, not the first only: each read goes through ``check(_:)``, and
/// ``throwIfAny()`` ends the reading.
public struct ConfigurationProblems: Sendable {
    public private(set) var errors: [ConfigurationError] = []

    public init() {}

    /// Runs `read`; a problem it throws is kept and nil returned.
    public mutating func check<T>(_ read: () throws(ConfigurationError) -> T) -> T? {
        do { return try read() } catch {
            errors += error.all
            return nil
        }
    }

    /// Keeps `error` (and its ``ConfigurationError/more``).
    public mutating func add(_ error: ConfigurationError) { errors += error.all }

    /// Throws the problems in line order: the first with the others in its
    /// ``ConfigurationError/more``.
    public func throwIfAny() throws(ConfigurationError) {
        let sorted = errors.enumerated().sorted {
            ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
        }
        guard var first = sorted.first?.element else { return }
        first.more = sorted.dropFirst().map(\.element)
        throw first
    }
}

/// A value of the config file, as a plugin reads it.
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case array([ConfigValue])
    case table(ConfigTable)
}

/// One table of the config file with the line of each key, so that every
/// error a reader throws names the file, the line and the table.
///
/// The typed readers return nil for a missing key and throw a
/// ``ConfigurationError`` for a value of the wrong type.
public struct ConfigTable: Sendable, Equatable {
    public var values: [String: ConfigValue]
    /// How messages name the table: `[limits]`, `[[external]] #2`, `the top level`.
    public var name: String
    /// The config file's path, as the user gave it.
    public var file: String
    /// The line of each key; the key "" holds the line of the table's header.
    public var lines: [String: Int]

    public init(values: [String: ConfigValue], name: String, file: String, lines: [String: Int] = [:]) {
        self.values = values
        self.name = name
        self.file = file
        self.lines = lines
    }

    /// The directory of the config file: relative paths in it mean what they say there.
    public var directory: String {
        let absolute = file.hasPrefix("/") ? file : currentDirectory() + "/" + file
        var parts = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !parts.isEmpty { parts.removeLast() }
        var resolved: [String] = []
        for part in parts where part != "." {
            if part == ".." { _ = resolved.popLast() } else { resolved.append(part) }
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// An error about `key` (nil: the table itself), at its line.
    public func error(key: String?, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: key.flatMap { lines[$0] } ?? lines[""], message: message)
    }

    /// Refuses every key not in `known`, naming the keys there are.
    public func onlyKeys(_ known: [String]) throws(ConfigurationError) {
        var problems = ConfigurationProblems()
        for key in values.keys.sorted(by: { (lines[$0] ?? 0, $0) < (lines[$1] ?? 0, $1) }) where !known.contains(key) {
            problems.add(
                error(key: key, "unknown key '\(key)' in \(name); the keys are \(known.joined(separator: ", "))"))
        }
        try problems.throwIfAny()
    }

    public func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = values[key] else { return nil }
        guard case .string(let s) = value else { throw typeError(key, "a string") }
        return s
    }

    public func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = values[key] else { return nil }
        guard case .array(let items) = value else { throw typeError(key, "a list of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw typeError(key, "a list of strings") }
            out.append(s)
        }
        return out
    }

    public func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .boolean(let b) = value else { throw typeError(key, "true or false") }
        return b
    }

    public func positiveInt(_ key: String) throws(ConfigurationError) -> Int? {
        guard let value = values[key] else { return nil }
        guard case .integer(let i) = value, i > 0 else { throw typeError(key, "a whole number above 0") }
        return i
    }

    /// A number of seconds above zero, whole or not.
    public func seconds(_ key: String) throws(ConfigurationError) -> Double? {
        guard let value = values[key] else { return nil }
        switch value {
        case .number(let d) where d > 0: return d
        case .integer(let i) where i > 0: return Double(i)
        default: throw typeError(key, "a number of seconds above 0")
        }
    }

    /// A sub-table (`[plugins]` inside the top level).
    public func table(_ key: String) throws(ConfigurationError) -> ConfigTable? {
        guard let value = values[key] else { return nil }
        guard case .table(let t) = value else { throw typeError(key, "a table ([\(key)])") }
        return t
    }

    /// An array of tables (`[[external]]`).
    public func tables(_ key: String) throws(ConfigurationError) -> [ConfigTable]? {
        guard let value = values[key] else { return nil }
        guard case .array(let items) = value else { throw typeError(key, "an array of tables ([[\(key)]])") }
        var out: [ConfigTable] = []
        for item in items {
            guard case .table(let t) = item else { throw typeError(key, "an array of tables ([[\(key)]])") }
            out.append(t)
        }
        return out
    }

    private func typeError(_ key: String, _ expected: String) -> ConfigurationError {
        error(key: key, "'\(key)' in \(name) must be \(expected)")
    }

    private func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A family of plugins that users declare in the config file as an array of
/// tables, such as the external-command plugins of `[[external]]`. The CLI
/// hands each such plugin family its tables; it knows nothing of their keys.
///
/// Threading: called once, on the main thread, before a run starts.
public protocol ConfiguredPlugins: Sendable {
    /// The name of the array of tables it reads (`external` for `[[external]]`).
    var section: String { get }
    /// The plugins the tables declare, in their order. Every problem is a
    /// ``ConfigurationError`` made with ``ConfigTable/error(key:_:)``.
    func plugins(from tables: [ConfigTable]) throws(ConfigurationError) -> [any Extractor]
}
