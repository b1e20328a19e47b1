import Foundation

/// Reads newline-delimited lines from a file handle (a pipe or a file),
/// block by block: memory holds one line and one block, and a long line costs
/// time linear in its length (each byte is scanned for the newline once).
///
/// Threading: one reader, one thread.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Where the current line starts, and how far it has been searched for a newline.
    private var start = 0
    private var scanned = 0

    init(_ handle: FileHandle) { self.handle = handle }

    /// The next line without its newline; nil at the end (a last line
    /// without a newline is returned first).
    func next() -> [UInt8]? {
        while true {
            if let nl = buffer[scanned...].firstIndex(of: 0x0A) {
                defer {
                    start = nl + 1
                    scanned = start
                }
                return Array(buffer[start..<nl])
            }
            scanned = buffer.count
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            let chunk = handle.availableData
            if chunk.isEmpty {
                guard start < buffer.count else { return nil }
                defer {
                    buffer.removeAll()
                    start = 0
                    scanned = 0
                }
                return Array(buffer[start...])
            }
            buffer += chunk
        }
    }
}
