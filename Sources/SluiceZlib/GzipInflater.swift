import CZlib

/// Inflates gzip data (every member of a multi-member file) as far as it is
/// intact, handing the output on block by block. libarchive's gzip filter
/// drops the output block that a cut or a damaged byte falls in (up to
/// 64 KiB of members that were whole); zlib, driven here directly, gives
/// every byte it could produce before the damage.
///
/// Threading: a call owns its zlib stream from start to end; calls on
/// different threads share nothing.
public enum GzipInflater {
    /// How the data ended.
    public enum End: Equatable, Sendable {
        /// Every member ended with its trailer.
        case complete
        /// The bytes stopped inside a member (a file cut while it was written).
        case truncated
        /// zlib refused a byte: the data is damaged there (zlib's message).
        case damaged(String)
        /// `limit` bytes came out and more would have: the caller's bound.
        case limitReached
    }

    /// Inflates the blocks `next` returns (nil or empty at the end) and calls
    /// `output` with each block of inflated bytes, at most `limit` in all.
    public static func inflate(
        limit: Int, next: () throws -> [UInt8]?, output: (ArraySlice<UInt8>) throws -> Void
    ) rethrows -> End {
        // zlib's state points back at its z_stream: it must not move, so it is allocated.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        // 15 + 16: a 32 KiB window, gzip framing.
        guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .damaged("zlib could not start")
        }
        var window = [UInt8](repeating: 0, count: 64 << 10)
        var produced = 0
        var memberEnded = false
        while var block = try next(), !block.isEmpty {
            var consumed = 0
            while consumed < block.count {
                if memberEnded {
                    // After a member's trailer only another member may follow.
                    guard block[consumed] == 0x1F else { return .complete }
                    memberEnded = false
                }
                let (status, used, made) = block.withUnsafeMutableBufferPointer { input in
                    window.withUnsafeMutableBufferPointer { out in
                        stream.pointee.next_in = input.baseAddress! + consumed
                        stream.pointee.avail_in = UInt32(input.count - consumed)
                        stream.pointee.next_out = out.baseAddress!
                        stream.pointee.avail_out = UInt32(out.count)
                        let status = CZlib.inflate(stream, Z_NO_FLUSH)
                        return (
                            status, input.count - consumed - Int(stream.pointee.avail_in),
                            out.count - Int(stream.pointee.avail_out)
                        )
                    }
                }
                consumed += used
                if made > 0 {
                    guard made <= limit - produced else {
                        try output(window[0..<(limit - produced)])
                        return .limitReached
                    }
                    produced += made
                    try output(window[0..<made])
                }
                switch status {
                case Z_OK, Z_BUF_ERROR:
                    // Z_BUF_ERROR: no progress without more input.
                    if used == 0 && made == 0 { consumed = block.count }
                case Z_STREAM_END:
                    memberEnded = true
                    inflateReset(stream)
                default:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    return .damaged(message)
                }
            }
        }
        return memberEnded ? .complete : .truncated
    }
}
