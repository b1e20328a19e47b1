#if canImport(Glibc)
    import Glibc
#endif

/// One frame of the worker protocol (``WorkerMessage``).
struct Frame {
    var tag: UInt8
    var payload: [UInt8]
}

/// Reads frames from a pipe's file descriptor. A frame's payload is read
/// straight into its own array once its length is known, so a 200 MB record
/// costs time linear in its size and memory for itself and one 64 KiB block.
///
/// Threading: one reader, one thread.
final class FrameReader {
    private let descriptor: Int32
    /// Bytes read but not yet returned are `buffer[start..<end]`.
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)
    private var start = 0
    private var end = 0
    private static let headerSize = 9

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next frame; nil when the pipe closes between frames.
    /// - Throws: ``WireError/truncated`` when it closes inside one, or
    ///   ``WireError/malformed(_:)`` for a length no frame can have.
    func next() throws(WireError) -> Frame? {
        while end - start < Self.headerSize {
            if try !fill() { return nil }
        }
        let tag = buffer[start]
        var length = 0
        for i in 0..<8 { length |= Int(buffer[start + 1 + i]) << (8 * i) }
        guard length >= 0, length <= WorkerMessage.maxPayload else {
            throw .malformed("a frame announces \(length) bytes")
        }
        start += Self.headerSize
        let buffered = min(length, end - start)
        var complete = true
        let payload = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            guard let base = out.baseAddress else { return }
            buffer.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress! + start, count: buffered) }
            initialized = buffered
            while initialized < length {
                let n = read(descriptor, base + initialized, length - initialized)
                if n > 0 {
                    initialized += n
                } else if n == 0 || errno != EINTR {
                    complete = false
                    return
                }
            }
        }
        start += buffered
        guard complete else { throw .truncated }
        return Frame(tag: tag, payload: payload)
    }

    /// Reads what the pipe has, after the bytes still buffered. Returns false
    /// at the end of the pipe with nothing buffered; throws when it ends with
    /// part of a header.
    private func fill() throws(WireError) -> Bool {
        let left = end - start
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { b in
                _ = memmove(b.baseAddress!, b.baseAddress! + start, left)
            }
            start = 0
            end = left
        }
        var n: Int
        repeat {
            n = buffer.withUnsafeMutableBufferPointer { b in read(descriptor, b.baseAddress! + end, b.count - end) }
        } while n < 0 && errno == EINTR
        if n > 0 {
            end += n
            return true
        }
        if left == 0 { return false }
        throw .truncated
    }
}
