import Foundation
import SluicePluginAPI

/// A plugin backed by a command in any language, declared in `sluice.toml`
/// (see ``ExternalPluginSpec`` and Docs/WritingAPlugin.md).
///
/// The command gets one document (on stdin or as a temporary file) and
/// writes its text, or JSON Lines of record fields, on stdout. Sluice adds
/// provenance and normalizes the text as for every other plugin. A missing
/// command, a non-zero exit or invalid output becomes an `external` error
/// line with the tail of stderr; a command past its timeout is killed and
/// becomes a `timeout` line. The run goes on either way.
///
/// Threading: stateless; each `extract` call runs its own process.
public struct ExternalExtractor: LeafExtractor {
    public let spec: ExternalPluginSpec

    public init(_ spec: ExternalPluginSpec) { self.spec = spec }

    public var id: String { spec.name }
    public var version: String { spec.version }
    /// A configured plugin claims the names it was configured for, before any sniffing.
    public var accepts: InputPattern { InputPattern(mediaTypes: spec.mime, globs: spec.match, claimsByName: true) }
    public var sniffDescription: String {
        spec.magic.isEmpty ? "none" : "starts with " + spec.magic.map { "'\($0)'" }.joined(separator: " or ")
    }

    /// The options declared in the plugin's `options` table.
    public var options: [PluginOptionSpec] { spec.options }

    public func sniff(_ head: Data) -> SniffVerdict {
        .claims(if: spec.magic.contains { head.starts(with: Data($0.utf8)) })
    }

    public func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        let program = spec.command[0]
        guard let executable = CommandRunner.resolve(program, in: spec.workingDirectory) else {
            throw ExtractionError(
                .external,
                "the command '\(program)' of external plugin '\(spec.name)' was not found on PATH; install it or correct `command` in the config file"
            )
        }
        // The document goes to a temporary file either way: appended as a path, or opened
        // as the command's stdin. A file, not a pipe: nothing to write while the command
        // runs, so a command that never reads its input cannot stall or break the write.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-external-" + UUID().uuidString)
        let file = dir.appendingPathComponent(document.fileName.isEmpty ? "document" : document.fileName)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try document.bytes.write(to: file)
        } catch {
            throw ExtractionError(.io, "could not write a temporary copy for '\(program)': \(error)")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        var arguments = Array(spec.command.dropFirst())
        if spec.input == .path { arguments.append(file.path) }

        let result: CommandRunner.Result
        do {
            result = try CommandRunner.run(
                executable: executable, arguments: arguments, directory: spec.workingDirectory,
                stdin: spec.input == .stdin ? file.path : nil, environment: environment(document, context),
                timeout: spec.timeout, outputLimit: context.limits.maxDocumentBytes)
        } catch {
            throw ExtractionError(.external, "could not start '\(executable)' for plugin '\(spec.name)': \(error)")
        }
        if result.timedOut {
            throw ExtractionError(
                .timeout,
                "'\(program)' (plugin '\(spec.name)') ran past its timeout of \(spec.timeout) s and was killed; raise `timeout` for it in the config file"
                    + CommandRunner.tail(result.stderr))
        }
        guard result.status == 0, !result.signalled else {
            let how = result.signalled ? "was killed by signal \(result.status)" : "exited with status \(result.status)"
            throw ExtractionError(
                .external, "'\(program)' (plugin '\(spec.name)') \(how)" + CommandRunner.tail(result.stderr))
        }
        if result.truncated {
            throw ExtractionError.limitExceeded(
                "maxDocumentBytes",
                "the output of '\(program)' (plugin '\(spec.name)') passed the maxDocumentBytes limit of \(context.limits.maxDocumentBytes) bytes; raise the limit to keep it"
            )
        }
        return try extractions(from: result.stdout, program: program, document: document)
    }

    /// The command's output as extractions: its text, or its JSON lines (a
    /// lone skip line throws the skip).
    private func extractions(from output: Data, program: String, document: SourceDocument) throws -> [Extraction] {
        let mime = document.hints.mediaType ?? spec.mime.first ?? "application/octet-stream"
        switch spec.output {
        case .text:
            return [Extraction(text: String(decoding: output, as: UTF8.self), mime: mime)]
        case .jsonl:
            let lines = try ExternalRecordLine.parse(output, program: program, plugin: spec.name)
            if let skip = lines.first(where: { $0.skip != nil }) {
                guard lines.count == 1 else {
                    throw ExtractionError(
                        .external,
                        "'\(program)' (plugin '\(spec.name)') wrote a skip line and other lines; a skip line must be the only line of its output"
                    )
                }
                throw DocumentSkipped(reason: SkipReason(rawValue: skip.skip!), detail: skip.detail)
            }
            return lines.map { $0.extraction(mime: mime) }
        }
    }

    /// What the command learns besides the document: where it comes from and
    /// the options set for the plugin (Docs/PluginReference.md lists them).
    func environment(_ document: SourceDocument, _ context: ExtractionContext) -> [String: String] {
        var env = ["SLUICE_PATH": ([document.path] + document.members).joined(separator: "/")]
        if let url = document.hints.url { env["SLUICE_URL"] = url }
        if let charset = document.hints.charset { env["SLUICE_CHARSET"] = charset }
        if let media = document.hints.mediaType { env["SLUICE_MEDIA_TYPE"] = media }
        var json: [String: JSONValue] = [:]
        for (key, value) in context.options.values {
            let name = ExternalPluginSpec.environmentName(key)
            switch value {
            case .string(let s):
                env[name] = s
                json[key] = .string(s)
            case .integer(let i):
                env[name] = String(i)
                json[key] = .int(i)
            case .boolean(let b):
                env[name] = b ? "true" : "false"
                json[key] = .bool(b)
            case .strings(let a):
                env[name] = a.joined(separator: "\n")
                json[key] = .array(a.map { .string($0) })
            case .objects: continue
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        env["SLUICE_OPTIONS"] = (try? encoder.encode(json)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return env
    }
}
