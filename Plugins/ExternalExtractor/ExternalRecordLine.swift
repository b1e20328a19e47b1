import Foundation
import SluicePluginAPI
import SluiceText

/// One line of a `jsonl` external plugin's output: the record fields a
/// command may set. Provenance (`id`, `path`, `members`, `sha256`, …) is
/// Sluice's to fill, so those keys are refused, like any unknown key: a typo
/// fails loudly instead of vanishing.
struct ExternalRecordLine {
    static let fields: Set<String> = [
        "title", "published", "source_org", "breadcrumb", "lang", "url", "text", "meta", "skip", "detail",
    ]

    var text = ""
    /// `{"skip": "reason", "detail": "…"}`: the document holds nothing for the
    /// corpus; the reason lands in `skipped.jsonl` (namespaced with the plugin's id
    /// unless it is a documented one).
    var skip, detail: String?
    var title, published, sourceOrg, lang, url: String?
    var breadcrumb: [String] = []
    var meta: [String: MetaValue] = [:]

    func extraction(mime: String) -> Extraction {
        // Dates are normalized to ISO 8601 like every plugin's; an unreadable one is left out, not invented.
        let date = published.flatMap { DateNormalizer.firstDate(in: $0) }
        return Extraction(
            text: text, title: title, published: date, sourceOrg: sourceOrg, breadcrumb: breadcrumb, url: url,
            // `zh-CN` as the tag the schema takes (`zh`; `zh-TW` gives `zh-Hant`); anything else is left for the schema check to name.
            lang: lang.map { LanguageTag.corpusForm(of: $0) ?? $0 }, mime: mime, meta: meta)
    }

    static func parse(_ output: Data, program: String, plugin: String) throws -> [ExternalRecordLine] {
        var lines: [ExternalRecordLine] = []
        let decoder = JSONDecoder()
        for (number, raw) in output.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            func invalid(_ why: String) -> ExtractionError {
                ExtractionError(
                    .external, "line \(number + 1) of the output of '\(program)' (plugin '\(plugin)') \(why)")
            }
            guard let object = try? decoder.decode([String: JSONValue].self, from: Data(raw)) else {
                throw invalid("is not a JSON object")
            }
            var line = ExternalRecordLine()
            for (key, value) in object {
                guard fields.contains(key) else {
                    throw invalid("has the key '\(key)'; the keys are \(fields.sorted().joined(separator: ", "))")
                }
                switch (key, value) {
                case (_, .null): continue
                case ("breadcrumb", .array(let items)):
                    line.breadcrumb = try items.map {
                        guard case .string(let s) = $0 else {
                            throw invalid("has a breadcrumb item that is not a string")
                        }
                        return s
                    }
                case ("meta", .object(let dict)):
                    for (k, v) in dict {
                        guard let m = metaValue(v) else {
                            throw invalid("has meta.\(k) that is not a string, integer, boolean or list of strings")
                        }
                        line.meta[k] = m
                    }
                case ("text", .string(let s)): line.text = s
                case ("title", .string(let s)): line.title = s
                case ("published", .string(let s)): line.published = s
                case ("source_org", .string(let s)): line.sourceOrg = s
                case ("lang", .string(let s)): line.lang = s
                case ("url", .string(let s)): line.url = s
                case ("skip", .string(let s)) where !s.isEmpty: line.skip = s
                case ("detail", .string(let s)): line.detail = s
                case ("breadcrumb", _): throw invalid("has a breadcrumb that is not a list of strings")
                case ("meta", _): throw invalid("has a meta that is not an object")
                default: throw invalid("has a \(key) that is not a string")
                }
            }
            lines.append(line)
        }
        return lines
    }

    private static func metaValue(_ value: JSONValue) -> MetaValue? {
        switch value {
        case .string(let s): return .string(s)
        case .int(let i): return .integer(i)
        case .bool(let b): return .boolean(b)
        case .array(let items):
            let strings = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            return strings.count == items.count ? .strings(strings) : nil
        default: return nil
        }
    }
}
