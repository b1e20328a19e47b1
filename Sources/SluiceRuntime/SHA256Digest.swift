import Crypto
import Foundation

/// SHA-256 as lower-case hex, in one place so every caller hashes the same way.
package enum SHA256Digest {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    package static func hex(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    package static func hex(of string: String) -> String { hex(of: Data(string.utf8)) }

    /// The digest of a file, read in 1 MiB blocks: memory stays flat however large the file.
    package static func hex(ofFileAt path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Incremental SHA-256 for streams (corpus shards); not thread-safe, owned by one writer.
struct StreamingSHA256 {
    private var hasher = SHA256()
    mutating func update(_ data: Data) { hasher.update(data: data) }
    func finalize() -> String { SHA256Digest.hex(hasher.finalize()) }
}
