import Foundation

/// The status line and headers of an HTTP response: what `wget
/// --save-headers` writes before a page's body, and what a WARC response
/// record holds before its payload. Shared by the plugins that meet them.
public struct HTTPResponseHead: Equatable, Sendable {
    public var statusCode: Int
    public var headers: [(name: String, value: String)]

    public static func == (a: Self, b: Self) -> Bool {
        a.statusCode == b.statusCode && a.headers.elementsEqual(b.headers) { $0 == $1 }
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The `charset` parameter of `Content-Type`.
    public var charset: String? { header("Content-Type").flatMap(Self.charsetParameter) }

    /// The media type of `Content-Type`, lower-cased, without parameters.
    public var mediaType: String? { header("Content-Type").flatMap(Self.mediaType) }

    public static func mediaType(_ contentType: String) -> String? {
        let t = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return t?.isEmpty == false ? t : nil
    }

    /// The `charset` parameter of a `Content-Type` value.
    public static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let v = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return v.isEmpty ? nil : v
        }
        return nil
    }

    /// Splits `bytes` into a response head and the body when they start with
    /// an HTTP status line; otherwise returns nil and the bytes unchanged.
    public static func split(_ bytes: [UInt8]) -> (HTTPResponseHead?, [UInt8]) {
        guard bytes.starts(with: Array("HTTP/".utf8)) else { return (nil, bytes) }
        let window = bytes.prefix(65_536)
        guard let end = headEnd(window) else { return (nil, bytes) }
        let headText = String(decoding: window[window.startIndex..<end.head], as: UTF8.self)
        var lines = headText.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        }
        guard !lines.isEmpty else { return (nil, bytes) }
        let status = lines.removeFirst().split(separator: " ")
        guard status.count >= 2, let code = Int(status[1]) else { return (nil, bytes) }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
        }
        return (HTTPResponseHead(statusCode: code, headers: headers), Array(bytes[end.body...]))
    }

    /// Where the head ends (before the blank line) and the body starts.
    private static func headEnd(_ b: ArraySlice<UInt8>) -> (head: Int, body: Int)? {
        var i = b.startIndex
        while i < b.endIndex {
            if b[i] == 0x0A {
                let next = b.index(after: i)
                if next < b.endIndex, b[next] == 0x0A { return (i, b.index(after: next)) }
                if next + 1 < b.endIndex, b[next] == 0x0D, b[next + 1] == 0x0A { return (i, next + 2) }
            }
            i = b.index(after: i)
        }
        return nil
    }
}
