import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// File names that are not valid UTF-8 (GBK names are common in Chinese
/// crawls): shown percent-escaped, and read through a symlink with a UTF-8
/// name that points at the raw bytes, so that every reader (Foundation,
/// libarchive, worker processes) opens them like any other file.
enum RawPath {
    /// The name as it appears in records and lines: valid UTF-8 unchanged;
    /// otherwise every byte above 0x7F and every `%` as `%XX`, so that
    /// percent-decoding gives the name's bytes back exactly.
    static func display(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out = ""
        for b in bytes {
            if b >= 0x80 || b == 0x25 {
                out += String(format: "%%%02X", b)
            } else {
                out.unicodeScalars.append(.init(b))
            }
        }
        return out
    }
}

/// Symlinks with UTF-8 names to files whose paths are not UTF-8, in a folder
/// of the corpus directory that lives for one run.
final class PathAliases: Sendable {
    let directory: String

    init(directory: String) { self.directory = directory }

    /// A UTF-8 path that opens the file at the raw path `raw`.
    func alias(for raw: [UInt8]) throws -> String {
        let name = SHA256Digest.hex(of: Data(raw)).prefix(32)
        let link = directory + "/" + name
        if access(link, F_OK) == 0 { return link }
        mkdir(directory, 0o700)
        let made = raw.withUnsafeBufferPointer { target in
            var z = Array(target) + [0]
            return z.withUnsafeMutableBytes { symlink($0.baseAddress!.assumingMemoryBound(to: CChar.self), link) }
        }
        guard made == 0 || errno == EEXIST else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return link
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
