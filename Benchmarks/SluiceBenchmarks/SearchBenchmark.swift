import Foundation
import SluiceRuntime
import SluiceSearch

/// The full-text index on a corpus: build rate, size, and query latency.
///
/// The index is built afresh (search.sqlite removed first). The queries are
/// 100 substrings of the corpus's own titles, 20 each of 2, 3, 4, 5 and 6
/// characters, taken at fixed steps through the corpus so that every run asks
/// the same; each is run once to warm the cache, then timed.
enum SearchBenchmark {
    static func run(corpus: URL) throws {
        let file = corpus.appendingPathComponent(SearchIndex.fileName)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
        let index = try SearchIndex(corpus: corpus)
        let update = try index.update()
        let reader = try CorpusReader(directory: corpus)
        let corpusBytes = reader.manifest.shards.reduce(0) { $0 + $1.bytes }
        let indexBytes = ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? Int) ?? 0
        print(
            String(
                format: "index   %d documents in %.1f s: %.0f docs/s; %.1f MB index for %.1f MB of shards (%.2f×)",
                update.added, update.seconds, Double(update.added) / update.seconds, Double(indexBytes) / 1e6,
                Double(corpusBytes) / 1e6, Double(indexBytes) / Double(max(corpusBytes, 1))))
        var titles: [String] = []
        var seen = 0
        try reader.forEachCurrentRecord { r in
            seen += 1
            if seen % 997 == 0, let t = r.title, t.count >= 8 { titles.append(t) }
        }
        guard !titles.isEmpty else {
            print("query   skipped: the corpus has too few titles of 8 characters or more to draw queries from")
            return
        }
        var all: [Double] = []
        for length in 2...6 {
            var times: [Double] = []
            var hits = 0
            for k in 0..<20 {
                let title = Array(titles[(k * 7 + length) % titles.count])
                let start = (k * 3) % max(title.count - length, 1)
                var query = SearchQuery(String(title[start..<start + length]))
                query.limit = 20
                _ = try query.run(on: index)  // warm
                let t0 = DispatchTime.now().uptimeNanoseconds
                hits += try query.run(on: index).count
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            }
            all += times
            print(
                String(
                    format: "query   %d characters: p50 %7.1f ms, p95 %7.1f ms (%d hits)", length,
                    percentile(times, 0.5), percentile(times, 0.95), hits))
        }
        print(String(format: "query   all 100: p50 %.1f ms, p95 %.1f ms", percentile(all, 0.5), percentile(all, 0.95)))
    }

    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        let s = xs.sorted()
        return s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)]
    }
}
