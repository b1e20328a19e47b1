import GRDB
import SluicePluginAPI

/// One JSON type per `meta` key across a corpus, so that loaders (pyarrow,
/// DuckDB, `datasets`) read each key as one column. The writer checks every
/// record against the types the corpus already holds (from the ledger, so
/// across runs too) and turns a record that breaks the rule into an error
/// line naming both types.
///
/// Threading: owned by the ``CorpusWriter``, on its queue.
struct MetaTypes {
    /// Key to (type, the path of the first record that gave it).
    private var known: [String: (type: String, path: String)]
    /// Keys first seen in this run, saved at the next checkpoint.
    private(set) var unsaved: [(key: String, type: String, path: String)] = []

    init(_ known: [String: (type: String, path: String)]) { self.known = known }

    /// The JSON type name of a meta value, or nil when it says nothing about
    /// its type (`null`, an empty list: they fit any type).
    static func typeName(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .object: "object"
        case .array(let items):
            if items.isEmpty {
                nil
            } else if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                "list of strings"
            } else if items.allSatisfy({ if case .object = $0 { true } else { false } }) {
                "list of objects"
            } else {
                "mixed list"
            }
        }
    }

    static func withArticle(_ type: String) -> String {
        (type.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + type
    }

    /// Checks `record`'s meta against the corpus's types and learns its new keys.
    /// - Returns: the error for the first key whose type conflicts, or nil.
    mutating func check(_ record: CorpusRecord) -> ExtractionError? {
        var learned: [(String, String)] = []
        for key in record.meta.keys.sorted() {
            guard let type = record.meta[key].flatMap(Self.typeName) else { continue }
            guard let earlier = known[key] else {
                learned.append((key, type))
                continue
            }
            if earlier.type != type {
                return ExtractionError(
                    .schema,
                    "meta key '\(key)' is \(Self.withArticle(type)) here but \(Self.withArticle(earlier.type)) in earlier records (first in '\(earlier.path)'); a key keeps one JSON type across the corpus so that loaders read it as one column: make the plugin write one type for it, or use another key"
                )
            }
        }
        let path = ([record.path] + record.members).joined(separator: "/")
        for (key, type) in learned {
            known[key] = (type, path)
            unsaved.append((key, type, path))
        }
        return nil
    }

    mutating func markSaved() { unsaved.removeAll() }
}

extension Ledger {
    /// The meta types a corpus holds (``MetaTypes``).
    func metaTypes() throws -> [String: (type: String, path: String)] {
        try db.read { db in
            var types: [String: (type: String, path: String)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, type, path FROM meta_types") {
                types[row["key"]] = (row["type"], row["path"])
            }
            return types
        }
    }

    static func saveMetaTypes(_ types: [(key: String, type: String, path: String)], _ db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO meta_types (key, type, path) VALUES (?, ?, ?)")
        for t in types { try insert.execute(arguments: [t.key, t.type, t.path]) }
    }
}
