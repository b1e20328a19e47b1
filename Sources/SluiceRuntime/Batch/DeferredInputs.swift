import Foundation

/// Inputs set aside during the walk and extracted after it (attachments,
/// which wait for the pages that link them). Kept in a temporary file in
/// the output directory, not in memory, so a crawl of millions of
/// attachments costs disk, not RAM. Not thread-safe: the walk's thread only.
final class DeferredInputs {
    private let url: URL
    private var handle: FileHandle?
    private var buffer = Data()
    private(set) var count = 0

    init(directory: URL) {
        url = directory.appendingPathComponent(".deferred-inputs")
    }

    /// One record per input: size, modification time, absolute and relative path, NUL-separated
    /// (a path can hold any byte but NUL).
    func add(_ input: DiscoveredInput) throws {
        if handle == nil {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
        }
        let fields = [
            String(input.size), String(input.modified.timeIntervalSince1970), input.absolutePath, input.relativePath,
        ]
        for field in fields {
            buffer.append(contentsOf: field.utf8)
            buffer.append(0)
        }
        count += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle?.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each input in the order added, reading the file in blocks; then deletes it.
    func replay(_ body: (DiscoveredInput) -> Bool) throws {
        defer { remove() }
        guard handle != nil else { return }
        try flush()
        try handle?.close()
        handle = nil
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        var pending = Data()
        var fields: [String] = []
        while true {
            let chunk = try reader.read(upToCount: 1 << 16) ?? Data()
            if chunk.isEmpty { return }
            pending.append(chunk)
            while let nul = pending.firstIndex(of: 0) {
                fields.append(String(decoding: pending[pending.startIndex..<nul], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...nul)
                if fields.count == 4 {
                    let input = DiscoveredInput(
                        relativePath: fields[3], absolutePath: fields[2], size: Int(fields[0]) ?? 0,
                        modified: Date(timeIntervalSince1970: Double(fields[1]) ?? 0))
                    fields.removeAll()
                    if !body(input) { return }
                }
            }
        }
    }

    func remove() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(at: url)
    }
}
