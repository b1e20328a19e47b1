import SluiceText

/// Decodes archive member names stored as bytes in an unknown charset:
/// UTF-8 when valid, else GB18030 (zips made on Chinese Windows store GBK
/// without the UTF-8 flag), else UTF-8 with U+FFFD for the invalid bytes.
enum MemberNameDecoder {
    static func decode(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        if let s = try? TextDecoder.decode(bytes, as: .gb18030) { return s }
        return String(decoding: bytes, as: UTF8.self)
    }
}
