import Foundation
import GRDB

/// A search over a ``SearchIndex``: the words of a query (all must occur),
/// filters, and ranked hits with a highlighted snippet.
///
/// The `trigram` tokenizer indexes every three characters, so a term of
/// three characters or more is matched through the index and ranked by bm25.
/// A shorter term (two-character Chinese words are common: 海关, 疫情) cannot
/// be: it is matched by `LIKE` over the stored text, a scan whose time grows
/// with the corpus (measured in Docs/Benchmarks.md); hits found only that
/// way are ordered by date, newest first, and their snippet is cut by hand.
package struct SearchQuery: Sendable {
    package var terms: [String]
    package var site: String?
    /// Inclusive bounds on `published`, as a prefix: `2020`, `2020-01`, `2020-01-15`.
    package var from: String?
    package var to: String?
    package var lang: String?
    package var limit = 20

    package init(_ text: String) {
        terms = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// One hit: where, what, and a snippet with the match between « and ».
    package struct Hit: Sendable, Equatable {
        package var id, path, site, title, snippet: String
        package var published, lang: String?
        /// bm25 (lower is better); nil for a hit found by scan only.
        package var score: Double?
    }

    static let open = "«", close = "»"

    package func run(on index: SearchIndex) throws -> [Hit] {
        guard !terms.isEmpty else { return [] }
        let scanned = terms.filter { $0.count < 3 }
        var (conditions, arguments) = filter()
        let ranked = terms.contains { $0.count >= 3 }
        let snippet =
            ranked ? "snippet(docs, 8, '\(Self.open)', '\(Self.close)', '…', 48)" : "substr(text, 1, 0)"
        let sql = """
            SELECT id, path, site, title, published, lang, \(ranked ? "bm25(docs)" : "NULL") AS score, \(snippet) AS snip,
            \(ranked ? "NULL" : "text") AS body
            FROM docs WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(ranked ? "score" : "published DESC") LIMIT ?
            """
        arguments.append(limit)
        return try index.db.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map { $0.databaseValue })).map {
                row in
                let body: String? = row["body"]
                let stored: String? = row["snip"]
                let snip =
                    body.map { Self.cutSnippet($0, around: scanned.first ?? terms[0]) }
                    ?? (stored ?? "").replacingOccurrences(of: "\n", with: " ")
                return Hit(
                    id: row["id"], path: row["path"], site: row["site"], title: row["title"], snippet: snip,
                    published: row["published"], lang: row["lang"], score: row["score"])
            }
        }
    }

    /// The WHERE conditions and their arguments: the words (through the
    /// index or scanned), then the filters.
    private func filter() -> (conditions: [String], arguments: [any DatabaseValueConvertible]) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let indexed = terms.filter { $0.count >= 3 }
        if !indexed.isEmpty {
            conditions.append("docs MATCH ?")
            // Each term a phrase: the tokenizer's own syntax never sees the user's quotes.
            arguments.append(
                indexed.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
            )
        }
        for term in terms where term.count < 3 {
            conditions.append("(text LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')")
            let pattern = "%" + Self.escapeLike(term) + "%"
            arguments += [pattern, pattern]
        }
        let filters: [(String, String?)] = [
            ("site = ? COLLATE NOCASE", site), ("lang = ?", lang), ("published >= ?", from),
            // `~` sorts after every character of a date: `2020-12` takes all of December.
            ("published <= ?", to.map { $0 + "~" }),
        ]
        for case (let condition, let value?) in filters {
            conditions.append(condition)
            arguments.append(value)
        }
        return (conditions, arguments)
    }

    /// `%`, `_` and `\` taken literally in a LIKE pattern.
    static func escapeLike(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// About 24 characters on each side of the first `term` in `text`, the term marked.
    static func cutSnippet(_ text: String, around term: String) -> String {
        guard let r = text.range(of: term) else { return String(text.prefix(48)) }
        let start = text.index(r.lowerBound, offsetBy: -24, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(r.upperBound, offsetBy: 24, limitedBy: text.endIndex) ?? text.endIndex
        let flat = { (s: Substring) in s.replacingOccurrences(of: "\n", with: " ") }
        return (start > text.startIndex ? "…" : "") + flat(text[start..<r.lowerBound]) + open + String(text[r])
            + close + flat(text[r.upperBound..<end]) + (end < text.endIndex ? "…" : "")
    }
}
