import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// glibc's iconv, wrapped once: the only place in Sluice that touches an
/// `iconv_t`. Each call opens and closes its own converter, so it is safe
/// from any thread.
enum Iconv {
    enum Failure: Error, Equatable {
        /// The converter does not exist on this system.
        case unsupported
        /// An invalid sequence at this byte offset.
        case invalid(offset: Int)
        /// The input ends inside a multi-byte sequence.
        case truncated(offset: Int)
    }

    /// Converts `bytes` from `charset` to a String, failing on the first invalid sequence.
    static func decode(_ bytes: some Collection<UInt8>, from charset: String) throws(Failure) -> String {
        try convert(Array(bytes), from: charset, lossy: false).0
    }

    /// Converts `bytes` from `charset`, replacing each invalid byte with
    /// U+FFFD as browsers do. Returns the text and how many bytes were replaced.
    static func decodeLossy(_ bytes: [UInt8], from charset: String) throws(Failure) -> (String, Int) {
        try convert(bytes, from: charset, lossy: true)
    }

    /// The one conversion loop: strict (the first invalid or cut-off
    /// sequence is an error) or lossy (it becomes U+FFFD and one byte is skipped).
    private static func convert(_ bytes: [UInt8], from charset: String, lossy: Bool) throws(Failure) -> (String, Int) {
        let converter = iconv_open("UTF-8", charset)
        guard let converter, converter != iconv_t(bitPattern: -1) else { throw .unsupported }
        defer { iconv_close(converter) }
        var input = bytes
        if input.isEmpty { return ("", 0) }
        // UTF-8 needs at most 4 bytes per input byte for the charsets used here,
        // and a replacement (3 bytes) stands for at least one input byte.
        var output = [UInt8](repeating: 0, count: input.count * 4 + 4)
        var replaced = 0
        let total = input.count
        let result: Result<Int, Failure> = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                while inLeft > 0 {
                    if iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft) != -1 { break }
                    let truncated = errno == EINVAL
                    guard lossy else {
                        let offset = total - inLeft
                        return .failure(truncated ? .truncated(offset: offset) : .invalid(offset: offset))
                    }
                    for b: UInt8 in [0xEF, 0xBF, 0xBD] {
                        outPtr!.pointee = CChar(bitPattern: b)
                        outPtr! += 1
                    }
                    outLeft -= 3
                    replaced += 1
                    inPtr! += 1
                    inLeft -= 1
                    if truncated { break }
                    iconv(converter, nil, nil, nil, nil)  // reset the shift state
                }
                return .success(outBuf.count - outLeft)
            }
        }
        let written = try result.get()
        return (String(decoding: output[0..<written], as: UTF8.self), replaced)
    }
}
