import Foundation
import SluiceLibArchive
import SluicePluginAPI
import SluiceText

/// The HTTP response inside a WARC `response` record: status, headers and
/// body, with chunked transfer encoding and gzip content encoding undone.
struct HTTPPayload {
    var head: HTTPResponseHead
    var body: [UInt8]

    init?(_ block: [UInt8]) {
        let (head, body) = HTTPResponseHead.split(block)
        guard let head else { return nil }
        self.head = head
        self.body = body
    }

    var status: Int { head.statusCode }
    var charset: String? { head.charset }
    var mediaType: String? { head.mediaType }
    func header(_ name: String) -> String? { head.header(name) }

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
            // A size read from the file is checked before any arithmetic: "-1" or
            // "7fffffffffffffff" must cost this record, not trap the process.
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16), size >= 0
            else {
                throw MemberFailure(error: ExtractionError(.malformed, "bad chunk size in a chunked HTTP body"))
            }
            i = nl + 1
            if size == 0 { break }
            guard size <= b.count - i else {
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
}
