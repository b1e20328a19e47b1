import Foundation

/// Lines of a text file as people save them: LF, CR LF or CR line ends, with
/// or without a UTF-8 byte-order mark. (In Swift `"\r\n"` is one Character, so
/// `split(separator: "\n")` leaves CR LF lines whole; and a BOM makes a first
/// line that "starts with" something not start with it.)
public enum TextLines {
    /// The lines of `text`, line ends and a leading BOM removed.
    public static func split(_ text: String) -> [Substring] {
        let body = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    /// The first line of `head` (the first bytes of a file, for a sniff),
    /// decoded as UTF-8 with a BOM and the line end removed; nil when the
    /// head holds no line end or is not UTF-8.
    public static func firstLine(of head: Data) -> String? {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let end = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        return String(validating: bytes[..<end], as: UTF8.self)
    }
}
