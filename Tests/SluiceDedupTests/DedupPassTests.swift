import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import SluiceDedup
@testable import SluiceReport
@testable import SluiceRuntime

@Suite struct DedupPassTests {
    typealias C = DedupCorpus

    /// path -> (dup_cluster as a path, duplicate_of as a path), for the records in clusters.
    static func clusters(_ out: URL) throws -> [String: String] {
        let reader = try CorpusReader(directory: out)
        let records = try reader.currentRecords() + reader.duplicates()
        let pathOf = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0.path) })
        var out: [String: String] = [:]
        for r in records {
            guard case .string(let cluster) = r.meta["dup_cluster"] else { continue }
            var of = ""
            if case .string(let id) = r.meta["duplicate_of"] { of = pathOf[id] ?? "?" }
            out[r.path] = (pathOf[cluster] ?? "?") + " <- " + of
        }
        return out
    }

    @Test func exactNearAndDistinctDocumentsAndTheKeptMember() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-dedup")
        defer { crawl.remove() }
        let body = C.paragraphs(topic: 0, place: 0, seed: 3)
        try C.write(
            crawl, "a/1.txt", C.page(title: "水库巡查推进会召开", date: "2020-03-02", source: "东川市水利局", paragraphs: body))
        // Another site: the same text under its own header, published later.
        try C.write(crawl, "b/1.txt", C.page(title: "东川召开推进会", date: "2020-03-05", source: "省水利厅", paragraphs: body))
        // Republished with edits, and dated earliest: the kept member.
        try C.write(
            crawl, "c/12.txt",
            C.page(title: "东川水库巡查", date: "2020-03-01", source: "东川日报", paragraphs: C.republished(body, drop: 3)))
        try C.write(
            crawl, "d/1.txt",
            C.page(
                title: "农田建设", date: "2020-03-02", source: "农业局", paragraphs: C.paragraphs(topic: 1, place: 0, seed: 3))
        )
        try C.write(
            crawl, "d/2.txt",
            C.page(
                title: "水库巡查", date: "2020-03-02", source: "水利局", paragraphs: C.paragraphs(topic: 2, place: 5, seed: 9))
        )
        // Two pages of symbols only: nothing to compare, so not duplicates of each other.
        try C.write(crawl, "e/1.txt", Data("★★★ ——— ★★★\n".utf8))
        try C.write(crawl, "e/2.txt", Data("※※ ——— ※※\n".utf8))
        let out = try C.ingest(crawl)
        let info = try DedupPass(directory: out).run()
        #expect(info.documents == 7 && info.signed == 7 && info.clusters == 1 && info.duplicates == 2)
        #expect(
            try Self.clusters(out) == [
                "a/1.txt": "c/12.txt <- c/12.txt", "b/1.txt": "c/12.txt <- c/12.txt", "c/12.txt": "c/12.txt <- ",
            ])
        let reader = try CorpusReader(directory: out)
        #expect(reader.verify() == [] && reader.manifest.dedup == info && reader.manifest.corpus.records == 7)
        // Exact copies are found by their key alone: with a threshold no signature can reach,
        // the copy under another header still joins its original, the edited one does not.
        var strict = DedupOptions()
        strict.parameters.threshold = 1.5
        let exactOnly = try DedupPass(directory: out, options: strict).run()
        #expect(exactOnly.signed == 7 && exactOnly.clusters == 1 && exactOnly.duplicates == 1)
        #expect(try Self.clusters(out) == ["a/1.txt": "a/1.txt <- ", "b/1.txt": "a/1.txt <- a/1.txt"])
        _ = try DedupPass(directory: out).run()
        // Nothing changed: nothing signed, nothing rewritten.
        let again = try DedupPass(directory: out).run()
        #expect(again.signed == 0 && again.revised == 0 && again.clusters == 1)
    }

    @Test func aSecondNightSignsOnlyWhatIsNewAndARemovedDocumentLeavesItsCluster() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-dedup-night")
        defer { crawl.remove() }
        let first = C.paragraphs(topic: 2, place: 1, seed: 4)
        let second = C.paragraphs(topic: 3, place: 2, seed: 7)
        try C.write(crawl, "a/1.txt", C.page(title: "公路养护", date: "2021-05-01", source: "交通局", paragraphs: first))
        try C.write(
            crawl, "b/1.txt",
            C.page(title: "公路养护", date: "2021-05-02", source: "日报", paragraphs: C.republished(first, drop: 1)))
        try C.write(crawl, "c/1.txt", C.page(title: "食品安全", date: "2021-06-01", source: "教育局", paragraphs: second))
        let out = try C.ingest(crawl)
        _ = try DedupPass(directory: out).run()
        #expect(try Set(Self.clusters(out).keys) == ["a/1.txt", "b/1.txt"])

        // Night two: the copy is gone, c gets an earlier-dated copy, one new unrelated page.
        try FileManager.default.removeItem(at: crawl.url.appendingPathComponent("in/b/1.txt"))
        try C.write(
            crawl, "e/1.txt",
            C.page(title: "食品安全", date: "2021-05-30", source: "晚报", paragraphs: C.republished(second, drop: 4)))
        try C.write(
            crawl, "f/1.txt",
            C.page(
                title: "河道整治", date: "2021-06-03", source: "水务局", paragraphs: C.paragraphs(topic: 5, place: 6, seed: 2))
        )
        _ = try C.ingest(crawl)
        let night = try DedupPass(directory: out).run()
        #expect(night.signed == 2 && night.documents == 4 && night.clusters == 1)
        #expect(try Self.clusters(out) == ["c/1.txt": "e/1.txt <- e/1.txt", "e/1.txt": "e/1.txt <- "])
        // a left its cluster: its record no longer says it was in one.
        let a = try CorpusReader(directory: out).currentRecords().first { $0.path == "a/1.txt" }
        #expect(a?.meta["dup_cluster"] == nil && a?.meta["duplicate_of"] == nil)
        #expect(try CorpusReader(directory: out).verify() == [])
    }

    /// Every input in exactly one place: a current record, duplicates.jsonl, errors or skipped.
    static func places(_ out: URL) throws -> [String: Int] {
        let reader = try CorpusReader(directory: out)
        var count: [String: Int] = [:]
        for p in try reader.currentRecords().map(\.path) + reader.duplicates().map(\.path)
            + reader.errors().map(\.path) + reader.skipped().map(\.path)
        {
            count[p, default: 0] += 1
        }
        return count
    }

    @Test func droppedDuplicatesKeepOnePlacePerInput() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-dedup-drop")
        defer { crawl.remove() }
        let body = C.paragraphs(topic: 4, place: 3, seed: 5)
        try C.write(crawl, "a/1.txt", C.page(title: "家庭医生", date: "2022-01-01", source: "卫健委", paragraphs: body))
        try C.write(crawl, "b/1.txt", C.page(title: "家庭医生", date: "2022-01-02", source: "日报", paragraphs: body))
        try C.write(
            crawl, "c/1.txt",
            C.page(title: "家庭医生", date: "2022-01-03", source: "晚报", paragraphs: C.republished(body, drop: 2)))
        try C.write(crawl, "d/1.txt", Data([0xFF, 0x00, 0x01]))
        let out = try C.ingest(crawl)
        let info = try DedupPass(directory: out, options: DedupOptions(dropDuplicates: true)).run()
        #expect(info.dropped == 2 && info.revised == 3)
        let reader = try CorpusReader(directory: out)
        #expect(try reader.currentRecords().map(\.path) == ["a/1.txt"])
        #expect(try Set(reader.duplicates().map(\.path)) == ["b/1.txt", "c/1.txt"])
        #expect(try Self.places(out) == ["a/1.txt": 1, "b/1.txt": 1, "c/1.txt": 1, "d/1.txt": 1])
        #expect(reader.verify() == [] && reader.manifest.corpus.records == 1)
        // The report counts the moved copies in their cluster, and names the kept document.
        let summary = try CorpusSummary.read(out)
        let kept = try reader.currentRecords()[0].id
        #expect(summary.duplicateClusters == [kept: 3] && summary.droppedDuplicates == 2)
        #expect(summary.keptPaths == [kept: "a/1.txt"] && summary.documents == 1)
        #expect(
            ReportText.summary(summary, corpus: "c").contains(
                "1 clusters, 3 documents in them (2 moved to duplicates.jsonl)"))

        // b's file changes: the run extracts it again into a shard, and its old line leaves duplicates.jsonl.
        try C.write(
            crawl, "b/1.txt",
            C.page(
                title: "河道", date: "2022-02-01", source: "水务局", paragraphs: C.paragraphs(topic: 5, place: 1, seed: 1)))
        _ = try C.ingest(crawl)
        #expect(try CorpusReader(directory: out).duplicates().map(\.path) == ["c/1.txt"])
        #expect(try Self.places(out).values.allSatisfy { $0 == 1 } && Self.places(out).count == 4)
        // a goes: c is the only one left of its cluster, and comes back to a shard.
        try FileManager.default.removeItem(at: crawl.url.appendingPathComponent("in/a/1.txt"))
        _ = try C.ingest(crawl)
        let last = try DedupPass(directory: out, options: DedupOptions(dropDuplicates: true)).run()
        #expect(last.clusters == 0 && last.dropped == 0)
        #expect(try CorpusReader(directory: out).duplicates().isEmpty)
        #expect(try Self.places(out) == ["b/1.txt": 1, "c/1.txt": 1, "d/1.txt": 1])
        #expect(try Self.clusters(out).isEmpty && CorpusReader(directory: out).verify() == [])
    }

    @Test func shardsMergedGiveTheClustersOfOneRun() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-dedup-shards")
        defer { crawl.remove() }
        for t in 0..<4 {
            let body = C.paragraphs(topic: t, place: t + 1, seed: t * 3 + 1)
            try C.write(
                crawl, "s\(t)/orig.txt",
                C.page(title: "通知\(t)", date: "2023-0\(t + 1)-10", source: "厅", paragraphs: body))
            for k in 0..<t {
                try C.write(
                    crawl, "r\(k)/copy\(t).txt",
                    C.page(
                        title: "转载\(t)", date: "2023-0\(t + 1)-1\(k + 1)", source: "报",
                        paragraphs: C.republished(body, drop: k + 1)))
            }
        }
        for t in 4..<6 {
            try C.write(
                crawl, "u/\(t).txt",
                C.page(
                    title: "其他\(t)", date: "2023-05-01", source: "局",
                    paragraphs: C.paragraphs(topic: t, place: t, seed: 40 + t)))
        }
        let single = try C.ingest(crawl, out: "single")
        _ = try DedupPass(directory: single).run()
        let expected = try Self.clusters(single)
        #expect(expected.count == 9, "three clusters of 2, 3 and 4 documents")

        var sources: [URL] = []
        for k in 0..<2 {
            let shard = ShardSelection(index: k, count: 2, source: "flag")
            let dir = try C.ingest(crawl, shard: shard, out: "sharded")
            let signedOnly = try DedupPass(directory: dir).run()
            #expect(signedOnly.clusters == 0 && signedOnly.revised == 0 && signedOnly.signed > 0)
            sources.append(dir)
        }
        let merged = crawl.url.appendingPathComponent("merged")
        _ = try CorpusMerger(sources: sources, output: merged, allowPartial: false).merge()
        try DedupPass.importSignatures(from: sources, into: merged, parameters: DedupParameters())
        let info = try DedupPass(directory: merged).run()
        #expect(info.signed == 0, "the shards' signatures are carried over")
        #expect(try Self.clusters(merged) == expected)
        #expect(try CorpusReader(directory: merged).verify() == [])
    }
}
