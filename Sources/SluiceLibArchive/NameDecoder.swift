import SluiceCore

/// Decodes archive member names stored as bytes in an unknown charset.
enum NameDecoder {
    static func decode(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        if let s = try? TextDecoder.decode(bytes, as: .gb18030) { return s }
        return String(decoding: bytes, as: UTF8.self)
    }
}
