import Crypto
import Foundation
import SluicePluginAPI

/// One `[[external]]` entry of `sluice.toml`: a command in any language that
/// turns a document into text or records. See Docs/WritingAPlugin.md.
public struct ExternalPluginSpec: Sendable, Equatable {
    /// How the command receives the document.
    public enum Input: String, Sendable, CaseIterable {
        /// The document's bytes on standard input.
        case stdin
        /// The path of a temporary copy (named like the document), appended to the command.
        case path
    }

    /// What the command writes on standard output.
    public enum Output: String, Sendable, CaseIterable {
        /// The document's text, UTF-8.
        case text
        /// JSON Lines, one record per line, with the fields of ``ExternalRecordLine``.
        case jsonl
    }

    /// The plugin id (`extractor` in records, shown by `sluice plugins`).
    public var name: String
    /// Globs on the file or member name (`*.pdf`).
    public var match: [String]
    /// Media types a container declared (`application/pdf`).
    public var mime: [String]
    /// Byte prefixes that identify the format (`%PDF-`), so a file without the
    /// right name is still recognised.
    public var magic: [String]
    /// The program and its arguments; never run through a shell.
    public var command: [String]
    public var input: Input
    public var output: Output
    /// Seconds before the command is killed and the document gets a `timeout` error line.
    public var timeout: Double
    /// Written into records as `extractor_version`; changing it re-extracts this
    /// plugin's inputs on the next run. Defaults to a digest of the command, its
    /// modes and the files it names (``defaultVersion(_:_:_:in:)``), so editing
    /// the command or its script also re-extracts.
    public var version: String
    /// The options the command takes (`options` in the table), set in
    /// `[plugins.NAME]` and passed as environment variables (``environmentName(_:)``).
    public var options: [PluginOptionSpec]
    /// The directory the command runs in (the config file's, so that relative
    /// paths in `command` mean what they say there); nil: Sluice's own.
    public var workingDirectory: String?

    public init(
        name: String, match: [String] = [], mime: [String] = [], magic: [String] = [], command: [String],
        input: Input = .stdin, output: Output = .text, timeout: Double = 60, version: String? = nil,
        options: [PluginOptionSpec] = [], workingDirectory: String? = nil
    ) {
        self.options = options
        self.name = name
        self.match = match
        self.mime = mime
        self.magic = magic
        self.command = command
        self.input = input
        self.output = output
        self.timeout = timeout
        self.workingDirectory = workingDirectory
        self.version = version ?? Self.defaultVersion(command, input, output, in: workingDirectory)
    }

    /// The environment variable that carries option `key`: `SLUICE_OPTION_` and
    /// the key in upper case, other characters than letters and digits as `_`.
    public static func environmentName(_ key: String) -> String {
        "SLUICE_OPTION_"
            + String(
                key.uppercased().unicodeScalars.map {
                    ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_"
                })
    }

    /// A digest of the command line and modes, and of the contents of every
    /// file the command names (the program found on PATH, a script given as an
    /// argument): editing `csv_plugin.py` re-extracts that plugin's inputs.
    static func defaultVersion(_ command: [String], _ input: Input, _ output: Output, in directory: String?) -> String {
        var hasher = SHA256()
        hasher.update(data: Data((command + [input.rawValue, output.rawValue]).joined(separator: "\u{0}").utf8))
        let program = command.first.flatMap { CommandRunner.resolve($0, in: directory) }
        let named =
            [program]
            + command.dropFirst().map { argument -> String? in
                let path = argument.hasPrefix("/") || directory == nil ? argument : directory! + "/" + argument
                return argument.isEmpty ? nil : path
            }
        for case let path? in named {
            // Regular files only: an argument may name /dev/zero or a fifo.
            var st = stat()
            guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, let handle = FileHandle(forReadingAtPath: path)
            else { continue }
            defer { try? handle.close() }
            hasher.update(data: Data(path.utf8))
            // Streamed: a program of some megabytes costs a few milliseconds, once per run.
            while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
        }
        return "cmd-" + hasher.finalize().map { String(format: "%02x", $0) }.joined().prefix(10)
    }
}
