import Foundation

/// A list of inputs written once by `sluice list` and read by every task of a
/// distributed run instead of walking the tree again: relative paths, one per
/// line, or NUL-separated (`sluice list --null`, for names that hold a newline).
/// Read in blocks, so a list of millions of paths costs one block of memory;
/// a shard's task stats only its own paths.
struct InputList {
    let root: String
    let file: String
    /// Absolute paths never read (the run's output, its config file), as in a walk.
    var excluding: [String] = []
    /// For listed paths that are percent-escaped raw names (``RawPath``).
    var aliases: PathAliases?

    /// A listed path that is a percent-escaped non-UTF-8 name, opened through an alias.
    private func rawAlias(_ path: String) -> String? {
        guard let aliases, path.contains("%") else { return nil }
        let bytes = Array(path.utf8)
        var raw: [UInt8] = Array(root.utf8) + [0x2F]
        var k = 0
        while k < bytes.count {
            if bytes[k] == 0x25, k + 2 < bytes.count,
                let b = UInt8(String(decoding: bytes[k + 1...k + 2], as: UTF8.self), radix: 16)
            {
                raw.append(b)
                k += 3
            } else {
                raw.append(bytes[k])
                k += 1
            }
        }
        return try? aliases.alias(for: raw)
    }

    /// Reports each listed path `accepts` takes as a file, or as an `io` error
    /// when it is gone or no longer a regular file.
    func read(accepts: ((String) -> Bool)?, _ visit: (DiscoveryEvent) -> Bool) {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            _ = visit(
                .failed(
                    ErrorEntry(
                        path: file, members: [], extractor: nil, kind: "io",
                        message: "cannot read the input list; run `sluice list INPUT > FILE` again")))
            return
        }
        defer { try? handle.close() }
        var pending = Data()
        var separator: UInt8?
        while true {
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? Data()
            pending.append(chunk)
            if separator == nil, !pending.isEmpty { separator = pending.contains(0) ? 0 : 0x0A }
            let sep = separator ?? 0x0A
            var start = pending.startIndex
            while let end = pending[start...].firstIndex(of: sep) {
                if !report(pending[start..<end], sep, accepts, visit) { return }
                start = end + 1
            }
            pending.removeSubrange(pending.startIndex..<start)
            if chunk.isEmpty {
                if !pending.isEmpty { _ = report(pending[...], sep, accepts, visit) }
                return
            }
        }
    }

    private func report(
        _ raw: Data.SubSequence, _ separator: UInt8, _ accepts: ((String) -> Bool)?, _ visit: (DiscoveryEvent) -> Bool
    ) -> Bool {
        var path = String(decoding: raw, as: UTF8.self)
        if separator == 0x0A, path.hasSuffix("\r") { path.removeLast() }
        if path.isEmpty || accepts?(path) == false { return true }
        var absolute = root + "/" + path
        if excluding.contains(where: { absolute == $0 || absolute.hasPrefix($0 + "/") }) { return true }
        var st = stat()
        if stat(absolute, &st) != 0, let alias = rawAlias(path) { absolute = alias }
        guard stat(absolute, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            return visit(
                .failed(
                    ErrorEntry(
                        path: path, members: [], extractor: nil, kind: "io",
                        message: "listed in the input list but not a readable regular file now; list the input again")))
        }
        return visit(
            .file(
                DiscoveredInput(
                    relativePath: path, absolutePath: absolute, size: Int(st.st_size),
                    modified: Date(
                        timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec) + TimeInterval(st.st_mtim.tv_nsec) / 1e9)
                )))
    }
}
