import Foundation
import SluiceLibArchive
import SluicePluginAPI
import SluiceText

/// Reads WARC 1.0, 1.1 and 0.18 record framing (version line, named fields, a
/// `Content-Length` block, CR LF CR LF) from a decompressed stream.
/// libarchive undoes the compression (per-record gzip members included);
/// its own WARC reader is not used: it keeps HTTP headers in the data, cuts
/// scheme and host from names, skips records whose URI ends in `/`, and
/// rejects WARC/1.1 and fractional-second dates.
///
/// `response` records with HTTP status 200 and `resource` records become
/// child documents named by `WARC-Target-URI`, with the URL and the HTTP
/// charset as hints; every other record is a skip line saying why.
struct WARCReader {
    let stream: ArchiveStream
    let context: ExtractionContext
    let output: ContainerOutput
    let document: SourceDocument

    /// Reads every record; `handled` counts those done, the first `skipping`
    /// of them read but not handed on (a salvage pass re-reading a stream).
    func readAll(handled: inout Int, skipping: Int = 0) throws {
        var index = 0
        while let record = try nextRecord(&index) {
            if index > skipping { try handle(record) }
            handled = index
        }
    }

    struct Record {
        var fields: [(String, String)]
        var block: [UInt8]

        func field(_ name: String) -> String? {
            fields.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    /// WARC 1.0 and 1.1, and 0.17/0.18 (the ClueWeb09/12 crawls), which frame records the same way.
    static let versions: Set<String> = ["WARC/1.0", "WARC/1.1", "WARC/0.18", "WARC/0.17"]

    /// http, https and ftp URIs are documents; `metadata:`, `dns:` and the like are the crawler's own notes.
    static func isWeb(_ uri: String) -> Bool {
        let lower = uri.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("ftp://")
    }

    private func nextRecord(_ index: inout Int) throws -> Record? {
        var version: [UInt8]? = nil
        while let line = try stream.readLine() {
            if line.isEmpty { continue }  // the CR LF CR LF between records
            version = line
            break
        }
        guard let version else { return nil }
        index += 1
        let v = String(decoding: version, as: UTF8.self)
        guard Self.versions.contains(v) else {
            throw ExtractionError(
                .malformed,
                "record \(index) does not start with a WARC/1.0, 1.1 or 0.18 line (found \(v.prefix(40)))")
        }
        var fields: [(String, String)] = []
        while let line = try stream.readLine() {
            if line.isEmpty { break }
            let text = String(decoding: line, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else { continue }
            fields.append(
                (
                    String(text[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                ))
        }
        var record = Record(fields: fields, block: [])
        guard let length = record.field("Content-Length").flatMap({ Int($0) }), length >= 0 else {
            throw ExtractionError(.malformed, "record \(index) has no valid Content-Length")
        }
        if length > context.limits.maxDocumentBytes {
            try stream.skip(length)
            output.fail(
                member: record.field("WARC-Target-URI") ?? "record \(index)",
                error: .limitExceeded(
                    "maxDocumentBytes", "the record is \(length) bytes, over the maxDocumentBytes limit"))
            return Record(fields: [("WARC-Type", "oversized")], block: [])
        }
        record.block = try stream.read(length)
        if record.block.count < length {
            throw ExtractionError(.malformed, "the WARC file is cut off inside record \(index)")
        }
        return record
    }

    private func handle(_ record: Record) throws {
        let type = record.field("WARC-Type")?.lowercased() ?? "unknown"
        let uri = record.field("WARC-Target-URI").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) }
        let name = uri ?? record.field("WARC-Record-ID") ?? "(record)"
        switch type {
        case "oversized":
            return
        case "response", "resource":
            output.tally("format:WARC")
            fallthrough
        default:
            break
        }
        switch type {
        case "oversized":
            return
        case "response":
            guard let payload = HTTPPayload(record.block) else {
                output.fail(
                    member: name, error: ExtractionError(.malformed, "the response record holds no HTTP response"))
                return
            }
            guard payload.status == 200 else {
                output.skip(member: name, reason: "http-status", detail: "HTTP status \(payload.status)")
                return
            }
            do {
                let body = try payload.decodedBody(limits: context.limits)
                try output.emit(
                    document.child(
                        named: name, bytes: body, modified: nil,
                        hints: SourceHints(charset: payload.charset, url: uri, mediaType: payload.mediaType)))
            } catch let failure as MemberFailure {
                output.fail(member: name, error: failure.error)
            }
        case "resource" where uri.map(Self.isWeb) == false:
            output.skip(
                member: name, reason: "warc-resource",
                detail: "a resource that is not a web document (\(name.prefix(40)))")
        case "resource":
            let contentType = record.field("Content-Type")
            try output.emit(
                document.child(
                    named: name, bytes: Data(record.block), modified: nil,
                    hints: SourceHints(
                        charset: contentType.flatMap(HTTPResponseHead.charsetParameter), url: uri,
                        mediaType: contentType.flatMap(HTTPResponseHead.mediaType))))
        default:
            output.skip(
                member: name, reason: SkipReason(rawValue: "warc-\(type)"),
                detail: "WARC \(type) records hold no document")
        }
    }
}
