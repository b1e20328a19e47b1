import Foundation
import SluicePluginAPI
import SluiceText

/// `.memo` files: a first line `MEMO`, a title line, a `Date:` line, then the body.
/// A file named `.memo` whose `MEMO` line is missing still comes here (the
/// sniff is unsure, not refusing, and the name matches), so the line is optional.
public struct MemoExtractor: LeafExtractor {
    public let id = "memo"  // stable: written into every record
    public let version = "1.0.0"  // bump when output for the same input changes
    public let accepts = InputPattern(extensions: ["memo"], mediaTypes: ["text/x-memo"])
    public let sniffDescription = "starts with MEMO"
    public let options = [
        PluginOptionSpec("keep_signature", .boolean, help: "keep the '-- ' signature (default false)")
    ]

    public init() {}

    // Called for every input, concurrently: look at the first bytes only, never throw.
    // TextLines takes LF, CR LF or CR line ends and a BOM: files saved on Windows too.
    public func sniff(_ head: Data) -> SniffVerdict { .claims(if: TextLines.firstLine(of: head) == "MEMO") }

    // Called concurrently from the scheduler's threads: keep state local.
    public func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        guard let text = String(data: document.bytes, encoding: .utf8) else {
            throw ExtractionError(.encoding, "memo files must be UTF-8; re-save it as UTF-8")  // → errors.jsonl
        }
        var lines = TextLines.split(text)[...]
        if lines.first == "MEMO" { lines.removeFirst() }
        guard let title = lines.popFirst(), !lines.isEmpty else {
            // A reason of this plugin's own, namespaced with its id: `memo:no-body` in skipped.jsonl.
            throw DocumentSkipped(reason: SkipReason(id, "no-body"), detail: "the memo has a title but no body")
        }
        var published: String?
        if let dateLine = lines.first, dateLine.hasPrefix("Date:") {
            published = DateNormalizer.firstDate(in: dateLine)  // ISO 8601, or nil: never invent a date
            lines.removeFirst()
        }
        if context.options.boolean("keep_signature") != true, let cut = lines.firstIndex(of: "-- ") {
            lines = lines[..<cut]
        }
        return [
            Extraction(
                text: lines.joined(separator: "\n"), title: String(title), published: published,
                mime: "text/x-memo", encoding: "UTF-8")
        ]
    }
}
