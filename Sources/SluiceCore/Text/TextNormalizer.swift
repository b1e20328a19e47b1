import Foundation

/// The one normalization every plugin's text goes through, so that records
/// from different formats compare equal:
///
/// - Unicode NFC (compatibility forms are kept: full-width Chinese
///   punctuation stays as published);
/// - NBSP, the ideographic space U+3000 and the other Unicode spaces become
///   ordinary spaces; runs of spaces collapse to one; lines are trimmed;
/// - zero-width characters, the BOM and control characters go, except the
///   line feed and the tab (the tab separates table cells);
/// - CR LF and CR become LF; U+2028/U+2029 become LF;
/// - paragraphs are separated by exactly one blank line; no blank lines at
///   the start or the end.
public enum TextNormalizer {
    /// Normalize a multi-line text.
    public static func normalize(_ text: String) -> String {
        var lines: [String] = []
        var pendingBlank = false
        for raw in cleanScalars(text.precomposedStringWithCanonicalMapping).split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            let line = collapseLine(raw)
            if line.isEmpty {
                pendingBlank = !lines.isEmpty
                continue
            }
            if pendingBlank { lines.append("") }
            pendingBlank = false
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Normalize a single-line value (a title, a breadcrumb part): like
    /// ``normalize(_:)``, with line breaks and tabs turned into spaces.
    public static func normalizeLine(_ text: String) -> String {
        let cleaned = cleanScalars(text.precomposedStringWithCanonicalMapping)
        return collapseLine(Substring(cleaned.replacingOccurrences(of: "\n", with: " ")), keepTabs: false)
    }

    /// `normalizeLine`, or nil when the result is empty.
    public static func normalizeOptionalLine(_ text: String?) -> String? {
        guard let text else { return nil }
        let n = normalizeLine(text)
        return n.isEmpty ? nil : n
    }

    /// Maps spaces to " ", line separators to "\n", and drops invisible characters.
    private static func cleanScalars(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            defer { previousCR = s == "\r" }
            switch s.value {
            case 0x0A:
                if !previousCR { out.append("\n") }
            case 0x0D, 0x2028, 0x2029:
                out.append("\n")
            case 0x09:
                out.append(s)
            case 0x00...0x1F, 0x7F...0x9F:
                continue  // other C0/C1 controls
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
                continue  // zero-width characters, BOM, soft hyphen
            case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                out.append(" ")
            default:
                out.append(s)
            }
        }
        return String(out)
    }

    /// Collapses runs of spaces (and tabs, to one tab) and trims the line.
    private static func collapseLine(_ line: Substring, keepTabs: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        var pending: Unicode.Scalar? = nil
        for s in line.unicodeScalars {
            if s == " " || s == "\t" {
                let t: Unicode.Scalar = keepTabs && s == "\t" ? "\t" : " "
                if pending == nil || t == "\t" { pending = t }
                continue
            }
            if let p = pending, !out.isEmpty { out.append(p) }
            pending = nil
            out.append(s)
        }
        return String(out)
    }
}
