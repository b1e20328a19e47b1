import Foundation
import SluiceCore
import SluiceLibArchive

/// The HTTP response inside a WARC `response` record: status, headers and
/// body, with chunked transfer encoding and gzip content encoding undone.
struct HTTPPayload {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init?(_ block: [UInt8]) {
        guard let end = Self.headerEnd(block) else { return nil }
        let head = String(decoding: block[..<end.head], as: UTF8.self)
        var lines = head.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        }
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let code = Int(statusLine[1]) else { return nil }
        status = code
        headers = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
        }
        body = Array(block[end.body...])
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    var charset: String? { header("Content-Type").flatMap(Self.charsetParameter) }
    var mediaType: String? { header("Content-Type").flatMap(Self.mediaType) }

    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let v = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return v.isEmpty ? nil : v
        }
        return nil
    }

    static func mediaType(_ contentType: String) -> String? {
        let t = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return t?.isEmpty == false ? t : nil
    }

    /// The body as the server meant it: de-chunked, then decompressed.
    func decodedBody(limits: ExtractionLimits) throws -> Data {
        var bytes = body
        if header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            bytes = try Self.dechunk(bytes)
        }
        switch header("Content-Encoding")?.lowercased() ?? "identity" {
        case "identity", "":
            return Data(bytes)
        case "gzip", "x-gzip":
            return try Self.gunzip(bytes, limits: limits)
        case let other:
            throw MemberFailure(
                error: ExtractionError(
                    .unsupported, "the response's Content-Encoding \(other) is not one Sluice undoes"))
        }
    }

    static func dechunk(_ b: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            guard let nl = b[i...].firstIndex(of: 0x0A) else { break }
            let sizeText = String(decoding: b[i..<nl], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16) else {
                throw MemberFailure(error: ExtractionError(.malformed, "bad chunk size in a chunked HTTP body"))
            }
            i = nl + 1
            if size == 0 { break }
            guard i + size <= b.count else {
                throw MemberFailure(error: ExtractionError(.malformed, "a chunked HTTP body is cut off"))
            }
            out += b[i..<(i + size)]
            i += size
            if i < b.count, b[i] == 0x0D { i += 1 }
            if i < b.count, b[i] == 0x0A { i += 1 }
        }
        return out
    }

    /// gzip through libarchive (its raw format with the gzip filter), with the member limits.
    static func gunzip(_ bytes: [UInt8], limits: ExtractionLimits) throws -> Data {
        do {
            let reader = try ArchiveReader(.memory(Data(bytes)), formats: .stream)
            defer { reader.close() }
            guard try reader.nextEntry() != nil else { return Data() }
            let stream = ArchiveStream(reader: reader, budget: ExpansionBudget(bytes: limits.maxDocumentBytes))
            return try stream.readRest(limits: limits, ratioFrom: bytes.count)
        } catch let error as ArchiveError {
            throw MemberFailure(
                error: ExtractionError(.malformed, "the gzip-encoded HTTP body is damaged: \(error.message)"))
        } catch let error as ExtractionError {
            throw MemberFailure(error: error)
        }
    }

    private static func headerEnd(_ b: [UInt8]) -> (head: Int, body: Int)? {
        var i = 0
        while i < b.count {
            if b[i] == 0x0A {
                if i + 1 < b.count, b[i + 1] == 0x0A { return (i, i + 2) }
                if i + 2 < b.count, b[i + 1] == 0x0D, b[i + 2] == 0x0A { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }
}
