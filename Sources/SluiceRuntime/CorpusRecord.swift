import Foundation
import SluicePluginAPI

/// One line of a corpus shard: schema version 1 (Docs/Schema.md,
/// Docs/corpus-record.schema.json). Keys are written in the order declared
/// here, always all of them, `null` where unknown.
public struct CorpusRecord: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    public var id: String
    public var path: String
    public var members: [String]
    public var sha256: String
    public var bytes: Int
    public var mime: String
    public var encoding: String?
    public var extractor: String
    public var extractorVersion: String
    public var lang: String
    public var title: String?
    public var published: String?
    public var sourceOrg: String?
    public var breadcrumb: [String]
    public var url: String?
    public var text: String
    public var meta: [String: JSONValue]

    enum CodingKeys: String, CodingKey {
        case id, path, members, sha256, bytes, mime, encoding, extractor
        case extractorVersion = "extractor_version"
        case lang, title, published
        case sourceOrg = "source_org"
        case breadcrumb, url, text, meta
    }

    /// The stable id of the `index`-th record of a document: derived from the
    /// path, the member chain and the content hash only, so the same input
    /// gives the same id on every run and machine.
    public static func id(path: String, members: [String], sha256: String, index: Int) -> String {
        let key = ([path] + members + [sha256]).joined(separator: "\u{0}")
        let base = String(SHA256Digest.hex(of: key).prefix(32))
        return index == 0 ? base : base + "-" + String(index)
    }

    /// The record as one JSON line (no trailing newline), keys in schema order.
    public func jsonLine() -> String { String(decoding: jsonLineUTF8(), as: UTF8.self) }

    /// The same line as UTF-8, as the writer appends it to a shard.
    package func jsonLineUTF8() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 512)
        JSONText.writeObject(
            [
                "id": .string(id), "path": .string(path), "members": .strings(members),
                "sha256": .string(sha256), "bytes": .int(bytes), "mime": .string(mime),
                "encoding": .optional(encoding), "extractor": .string(extractor),
                "extractor_version": .string(extractorVersion), "lang": .string(lang),
                "title": .optional(title), "published": .optional(published),
                "source_org": .optional(sourceOrg), "breadcrumb": .strings(breadcrumb),
                "url": .optional(url), "text": .string(text), "meta": .object(meta),
            ], to: &out)
        return out
    }
}

extension CorpusRecord {
    /// Where the record comes from, for grouping and filters (the report,
    /// search): its URL's host, else the first directory of its path
    /// (crawlers save by host), else `(top level)`.
    package var site: String { Self.site(url: url, path: path) }

    package static func site(url: String?, path: String) -> String {
        if let url, let host = URLComponents(string: url)?.host, !host.isEmpty { return host.lowercased() }
        if let slash = path.firstIndex(of: "/") { return String(path[..<slash]) }
        return "(top level)"
    }
}
