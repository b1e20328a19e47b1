import ArgumentParser
import Foundation
import SluicePluginAPI
import SluiceRuntime
import SluiceSearch

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or update the full-text index of a corpus (search.sqlite beside the ledger).",
        discussion:
            "Indexes title, text and source organisation with SQLite FTS5's trigram tokenizer (any substring of three characters or more; shorter queries are scanned). Incremental: new shards are added and records the corpus buried are removed. Once the index exists, `sluice ingest` updates it after every run."
    )

    @Argument(help: "The corpus directory.", completion: .directory)
    var corpus: String

    func run() throws {
        do {
            let index = try SearchIndex(corpus: URL(fileURLWithPath: corpus))
            let u = try index.update()
            print(
                "sluice: index of \(corpus): \(try index.count()) documents (\(u.added) added, \(u.removed) removed\(u.rebuilt ? ", rebuilt" : "")) in \(String(format: "%.2f", u.seconds)) s"
            )
        } catch {
            throw fail(CLIFailure(message: "cannot index '\(corpus)': \(error)", exitCode: 2))
        }
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search a corpus's full-text index: ranked hits with title, date, path and a snippet.",
        discussion:
            "Every word of the query must occur. Words of three characters or more use the index and rank by bm25; shorter ones (two-character Chinese words) are matched by scanning the stored text, slower on large corpora. Build the index first with `sluice index CORPUS`."
    )

    @Argument(help: "The corpus directory.", completion: .directory)
    var corpus: String

    @Argument(help: "The words to find, e.g. 国门卫士.")
    var query: String

    @Option(help: "Only this site (the URL host, or the first directory of the path).")
    var site: String?

    @Option(help: "Published on or after this date: 2020, 2020-01 or 2020-01-15.")
    var from: String?

    @Option(help: "Published on or before this date: 2020, 2020-12 or 2020-12-31.")
    var to: String?

    @Option(help: "Only this language (zh, en, ...).")
    var lang: String?

    @Option(help: "At most this many hits.")
    var limit = 20

    @Flag(help: "JSON Lines for scripts: one object per hit.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, !Self.isDatePrefix(value) {
                throw ValidationError("\(name) '\(value)' is not a date; write 2020, 2020-01 or 2020-01-15")
            }
        }
    }

    static func isDatePrefix(_ s: String) -> Bool {
        let b = Array(s.utf8)
        let shape = [4, 7, 10].contains(b.count)
        return shape
            && b.enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == UInt8(ascii: "-") : (48...57).contains(c) }
    }

    func run() throws {
        let url = URL(fileURLWithPath: corpus)
        guard SearchIndex.exists(in: url) else {
            throw fail(
                CLIFailure(
                    message: "'\(corpus)' has no search index; build it with `sluice index \(corpus)`", exitCode: 2))
        }
        var q = SearchQuery(query)
        (q.site, q.from, q.to, q.lang, q.limit) = (site, from, to, lang, limit)
        let hits: [SearchQuery.Hit]
        do { hits = try q.run(on: try SearchIndex(corpus: url)) } catch {
            throw fail(CLIFailure(message: "search failed: \(error)", exitCode: 2))
        }
        for (i, h) in hits.enumerated() {
            if json {
                let line = JSONValue.object([
                    "id": .string(h.id), "title": .string(h.title), "published": .optional(h.published),
                    "path": .string(h.path), "site": .string(h.site), "lang": .optional(h.lang),
                    "score": h.score.map { .double($0) } ?? .null, "snippet": .string(h.snippet),
                ]).jsonText
                print(line)
            } else {
                print("\(i + 1). \(h.title.isEmpty ? "(no title)" : h.title)  \(h.published ?? "undated")  \(h.path)")
                print("   \(h.snippet)")
            }
        }
        if !json && hits.isEmpty { print("no document holds every word of '\(query)'") }
    }
}

/// After a run: an index the user built is brought up to date (new, changed
/// and gone records); a failure is a warning, the corpus is written.
enum SearchIndexUpdate {
    static func afterRun(corpus: String) {
        let url = URL(fileURLWithPath: corpus)
        guard SearchIndex.exists(in: url) else { return }
        do { try SearchIndex(corpus: url).update() } catch {
            StandardError.write(
                "sluice: warning: the search index was not updated: \(error); run `sluice index \(corpus)`\n")
        }
    }
}
