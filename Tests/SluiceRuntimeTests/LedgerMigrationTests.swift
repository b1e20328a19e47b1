import Foundation
import GRDB
import SluiceTesting
import Testing

@testable import SluiceRuntime

/// A corpus written by Sluice 0.1 keeps working: its ledger (records as a
/// JSON string, plugins as "id@version" words, one page id per link) is
/// converted to typed rows once, when a run opens it.
@Suite struct LedgerMigrationTests {
    @Test func aVersion1LedgerIsConvertedToTypedRows() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-ledger-v1")
        defer { dir.remove() }
        let old = try DatabaseQueue(path: dir.path + "/" + Ledger.fileName)
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE inputs (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime DOUBLE NOT NULL,
                      sha256 TEXT NOT NULL, generation INTEGER NOT NULL, extractors TEXT NOT NULL, records TEXT NOT NULL,
                      errorLines TEXT NOT NULL, skipLines TEXT NOT NULL, seen INTEGER NOT NULL DEFAULT 0);
                    CREATE TABLE shards (name TEXT PRIMARY KEY, generation INTEGER NOT NULL, sha256 TEXT NOT NULL,
                      records INTEGER NOT NULL, bytes INTEGER NOT NULL);
                    CREATE TABLE tombstones (shard TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (shard, id));
                    CREATE TABLE runs (generation INTEGER PRIMARY KEY, started TEXT NOT NULL, status TEXT NOT NULL);
                    CREATE TABLE links (target TEXT PRIMARY KEY, pagePath TEXT NOT NULL, pageID TEXT NOT NULL);
                    INSERT INTO inputs VALUES ('site/a.html', 120, 1700000000.5, 'aa', 1, 'html@2 text@1',
                      '[["part-00000.jsonl","page-v2"]]', '', '', 1);
                    INSERT INTO inputs VALUES ('site/link', 0, 0, '', 1, '', '[]', '',
                      '{"path":"site/link","reason":"symlink"}', 1);
                    INSERT INTO links VALUES ('site/f.pdf', 'site/a.html', 'page-v1');
                    INSERT INTO runs VALUES (1, '2026-11-27T00:00:00Z', 'complete');
                    """)
        }
        let ledger = try Ledger(directory: dir.url)
        let prints = try ledger.fingerprints(inDirectory: "site")
        let page = try #require(prints["site/a.html"])
        #expect(page.file == FileFacts(size: 120, mtime: 1_700_000_000.5, sha256: "aa"))
        #expect(page.plugins == ["html": "2", "text": "1"])
        // The 0.1 row of an input never read (a placeholder summary) has no file facts.
        #expect(prints["site/link"]?.file == nil)
        // The link now resolves to the page's current record, not the id stored with it.
        #expect(try ledger.linkingPage(of: "site/f.pdf") == "page-v2")
        // 0.1 kept no routing signature: the first 1.0 run routes these inputs again, once.
        #expect(prints.values.allSatisfy { $0.routing == nil })
        #expect(try ledger.beginRun(started: "2026-12-01T00:00:00Z", routing: "r1") == 2)
        // Opening again applies nothing twice.
        _ = try Ledger(directory: dir.url)
    }
}
