import Foundation

/// Numbers, dates and text as people read them in the report.
enum ReportFormat {
    /// `1234567` as `1,234,567`.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A share as `12.5%`.
    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2021-03` as `Mar 2021`; anything else as it is.
    static func month(_ key: String) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return key }
        return "\(monthNames[m - 1]) \(parts[0])"
    }

    /// `2026-12-01T20:41:05Z` as `2026-12-01 20:41 UTC`.
    static func timestamp(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }

    static func seconds(_ s: Double) -> String {
        s < 60
            ? String(format: "%.1f s", s)
            : s < 3600 ? String(format: "%.1f min", s / 60) : String(format: "%.1f h", s / 3600)
    }

    /// Text for HTML and SVG: the five characters that matter escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
