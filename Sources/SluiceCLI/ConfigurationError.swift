/// A problem in `sluice.toml`, found before any work starts.
struct ConfigurationError: Error, CustomStringConvertible {
    var file: String
    var line: Int?
    var message: String

    var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
