import GRDB
import SluicePluginAPI

/// One JSON type per `meta` key across a corpus, so that loaders (pyarrow,
/// DuckDB, `datasets`) read each key as one column. The writer checks every
/// record against the types the corpus already holds (from the ledger, so
/// across runs too) and turns a record that breaks the rule into an error
/// line naming both types.
///
/// A type belongs to the plugin key (id and version, options) that gave it
/// first: a new version of that plugin may change it (its old records are all
/// re-extracted, their keys having changed), and `--full` forgets every type.
/// Under `--jobs` above 1 the first record written decides, so which of two
/// conflicting records is refused can differ between runs; either way the
/// plugin's bug is named.
///
/// Threading: owned by the ``CorpusWriter``, on its queue.
struct MetaTypes {
    struct Learned: Equatable {
        var type: String
        /// The first record that gave it: `path/member…`.
        var path: String
        /// `extractor@key` of that record's plugin (``ExtractorRegistry/pluginKeys(options:)``).
        var plugin: String
    }

    private var known: [String: Learned]
    /// Keys learned or changed since the last save.
    private(set) var unsaved: [String: Learned] = [:]

    init(_ known: [String: Learned]) { self.known = known }

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
    /// - Parameter pluginKey: the key of the plugin that made it, this run.
    /// - Returns: the error for the first key whose type conflicts, or nil.
    mutating func check(_ record: CorpusRecord, pluginKey: String) -> ExtractionError? {
        let plugin = record.extractor + "@" + pluginKey
        var learned: [(String, String)] = []
        for key in record.meta.keys.sorted() {
            guard let type = record.meta[key].flatMap(Self.typeName) else { continue }
            guard let earlier = known[key], earlier.type != type else {
                if known[key] == nil { learned.append((key, type)) }
                continue
            }
            // The same plugin in a new version: its old records are being redone.
            let earlierID = earlier.plugin.split(separator: "@", maxSplits: 1).first.map(String.init)
            if earlierID == record.extractor && earlier.plugin != plugin {
                learned.append((key, type))
                continue
            }
            return ExtractionError(
                .schema,
                "meta key '\(key)' is \(Self.withArticle(type)) here but \(Self.withArticle(earlier.type)) in earlier records (first in '\(earlier.path)', by \(earlier.plugin)); a key keeps one JSON type across the corpus so that loaders read it as one column: make the plugin write one type for it, or use another key"
            )
        }
        let path = ([record.path] + record.members).joined(separator: "/")
        for (key, type) in learned {
            let value = Learned(type: type, path: path, plugin: plugin)
            known[key] = value
            unsaved[key] = value
        }
        return nil
    }

    mutating func markSaved() { unsaved.removeAll() }
}

extension Ledger {
    /// The meta types a corpus holds (``MetaTypes``); none in a ledger older than 1.0.
    func metaTypes() throws -> [String: MetaTypes.Learned] {
        try db.read { db in
            guard try db.tableExists("meta_types") else { return [:] }
            var types: [String: MetaTypes.Learned] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, type, path, plugin FROM meta_types") {
                types[row["key"]] = MetaTypes.Learned(type: row["type"], path: row["path"], plugin: row["plugin"])
            }
            return types
        }
    }

    /// `--full`: every input is extracted again, so every type is learned again.
    func forgetMetaTypes() throws {
        try db.write { db in try db.execute(sql: "DELETE FROM meta_types") }
    }

    static func saveMetaTypes(_ types: [String: MetaTypes.Learned], _ db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO meta_types (key, type, path, plugin) VALUES (?, ?, ?, ?)")
        for (key, t) in types { try upsert.execute(arguments: [key, t.type, t.path, t.plugin]) }
    }
}
