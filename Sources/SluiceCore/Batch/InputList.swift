import Foundation

/// A list of inputs written once by `sluice list` and read by every task of a
/// distributed run instead of walking the tree again: relative paths, one per
/// line, or NUL-separated (`sluice list --null`, for names that hold a newline).
struct InputList {
    let root: String
    let file: String

    /// Reports each listed path as a file, or as an `io` error when it is gone
    /// or not a regular file any more. Returns 0 (hidden entries were left out when listing).
    func read(_ visit: (DiscoveryEvent) -> Bool) -> Int {
        guard let data = FileManager.default.contents(atPath: file) else {
            _ = visit(
                .failed(
                    ErrorEntry(
                        path: file, members: [], extractor: nil, kind: "io",
                        message: "cannot read the input list; run `sluice list INPUT > FILE` again")))
            return 0
        }
        let separator: UInt8 = data.contains(0) ? 0 : 0x0A
        for raw in data.split(separator: separator) {
            var path = String(decoding: raw, as: UTF8.self)
            if separator == 0x0A, path.hasSuffix("\r") { path.removeLast() }
            if path.isEmpty { continue }
            let absolute = root + "/" + path
            var st = stat()
            let event: DiscoveryEvent
            if stat(absolute, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
                event = .file(
                    DiscoveredInput(
                        relativePath: path, absolutePath: absolute, size: Int(st.st_size),
                        modified: Date(
                            timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec) + TimeInterval(st.st_mtim.tv_nsec)
                                / 1e9)))
            } else {
                event = .failed(
                    ErrorEntry(
                        path: path, members: [], extractor: nil, kind: "io",
                        message: "listed in the input list but not a readable regular file now; list the input again"))
            }
            if !visit(event) { break }
        }
        return 0
    }
}
