import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing
import TextExtractor

@testable import SluiceReport
@testable import SluiceRuntime

/// A small corpus written by a real run: two sites, three months, one error.
struct SmallCorpus {
    let crawl: TemporaryDirectory
    let out: URL

    /// - Parameter counting: told of every record the first run writes.
    init(counting: WrittenRecordAggregates? = nil) throws {
        crawl = try TemporaryDirectory(prefix: "sluice-report")
        let pages = [
            ("www.a.gov.cn/1.txt", "2021-03-05", "水利工作会议召开"), ("www.a.gov.cn/2.txt", "2021-03-20", "防汛检查部署"),
            ("www.a.gov.cn/3.txt", "2021-04-02", "节水宣传活动"), ("www.b.gov.cn/1.txt", "2021-04-09", "河湖治理推进"),
            ("www.b.gov.cn/2.txt", "2021-06-30", "水资源管理通报"),
        ]
        for (path, date, title) in pages {
            let body = String(repeating: "\(title)的有关情况通报如下，各单位认真落实。", count: 4)
            try crawl.write(Data("\(title)\n\n发布时间：\(date)  来源：示例水利厅\n\n\(body)\n".utf8), to: "in/" + path)
        }
        try crawl.write(Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 1, 2, 3]), to: "in/www.b.gov.cn/logo.txt")
        out = crawl.url.appendingPathComponent("out")
        try run(counting: counting)
    }

    @discardableResult
    func run(counting: WrittenRecordAggregates? = nil) throws -> Manifest {
        let told: (@Sendable (CorpusRecord) -> Void)? = counting.map { $0.add }
        return try IngestRun(
            registry: try ExtractorRegistry([TextExtractor()]),
            configuration: IngestConfiguration(
                inputRoot: crawl.path + "/in", outputDirectory: out.path, commandLine: ["test"]),
            recordWritten: told
        ).run()
    }
}

@Suite struct ReportTests {
    @Test func theSummaryCountsWhatTheCorpusHolds() throws {
        let corpus = try SmallCorpus()
        defer { corpus.crawl.remove() }
        try corpus.run()  // a second night: nothing changed
        let s = try CorpusSummary.read(corpus.out)
        #expect(s.documents == 5)
        #expect(s.bySite == ["www.a.gov.cn": 3, "www.b.gov.cn": 2])
        #expect(s.byLanguage == ["zh": 5] && s.byExtractor == ["text": 5])
        #expect(s.byMonthAndSite["2021-03"] == ["www.a.gov.cn": 2])
        #expect(s.byMonthAndSite["2021-04"] == ["www.a.gov.cn": 1, "www.b.gov.cn": 1])
        #expect(s.errors["not-text"]?.count == 1 && s.errors["not-text"]?.paths == ["www.b.gov.cn/logo.txt"])
        #expect(s.runs.map(\.generation) == [1, 2])
        #expect(s.runs.map(\.new) == [6, 0] && s.runs.map(\.unchanged) == [0, 6])
        #expect(s.duplicateClusters == nil)
        let text = ReportText.summary(s, corpus: "c")
        #expect(text.contains("documents  5 from 2 sites, published Mar 2021 to Jun 2021"))
        #expect(text.contains("errors     not-text 1"))
    }

    /// The record counts a page carries are reused while no record changed,
    /// and counted again once one did; the runs and side files are always read.
    @Test func aPageCarriesItsRecordCountsForTheNextRunWhileNoRecordChanges() throws {
        let corpus = try SmallCorpus()
        defer { corpus.crawl.remove() }
        let first = try CorpusSummary.read(corpus.out)
        let page = ReportPage.html(first, corpus: "c") + first.cache.htmlComment
        let carried = try #require(AggregatesCache.found(inPage: page))
        #expect(carried == first.cache)

        // Nothing changed: the carried counts are used as they are (a marked copy shows it).
        try corpus.run()
        var marked = carried
        marked.aggregates.documents = 999
        let reused = try CorpusSummary.read(corpus.out, reusing: marked)
        #expect(reused.documents == 999 && reused.runs.count == 2)
        #expect(try CorpusSummary.read(corpus.out).aggregates == first.aggregates)

        // A page changes: the corpus's state moves on, and the records are counted again.
        try corpus.crawl.write(
            Data("新的标题\n\n发布时间：2022-01-01\n\n\(String(repeating: "新的正文内容。", count: 10))\n".utf8),
            to: "in/www.a.gov.cn/2.txt")
        try corpus.run()
        let recounted = try CorpusSummary.read(corpus.out, reusing: marked)
        #expect(recounted.recordsKey != carried.key)
        #expect(recounted.documents == 5 && recounted.byMonthAndSite["2022-01"] == ["www.a.gov.cn": 1])
        #expect(AggregatesCache.found(inPage: "<html>no cache here</html>") == nil)
    }

    /// A first run's count of what it wrote is the corpus's counts, as reading
    /// the records back gives them; a run over a corpus that holds more than
    /// it wrote, or buries records, gets none and the page reads the records.
    @Test func aFirstRunsOwnCountIsTheCorpusAndNoLaterRunsIs() throws {
        let written = WrittenRecordAggregates()
        let corpus = try SmallCorpus(counting: written)
        defer { corpus.crawl.remove() }
        let first = try CorpusReader(directory: corpus.out).manifest
        let counted = try #require(written.aggregates(ifCorpusIs: first))
        #expect(counted.documents == 5)
        #expect(counted == (try CorpusSummary.read(corpus.out).aggregates))
        #expect(try CorpusSummary.read(corpus.out, counted: counted).aggregates == counted)

        // Nothing new: the run wrote no record, the corpus holds five.
        let unchanged = WrittenRecordAggregates()
        #expect(unchanged.aggregates(ifCorpusIs: try corpus.run(counting: unchanged)) == nil)

        // One page changed: one record written, the old one buried.
        try corpus.crawl.write(
            Data("新的标题\n\n发布时间：2022-01-01\n\n\(String(repeating: "新的正文内容。", count: 10))\n".utf8),
            to: "in/www.a.gov.cn/2.txt")
        let changed = WrittenRecordAggregates()
        let manifest = try corpus.run(counting: changed)
        #expect(manifest.corpus.tombstones == 1)
        #expect(changed.aggregates(ifCorpusIs: manifest) == nil)
    }

    @Test func thePageIsSelfContainedAndSaysWhatItShows() throws {
        let corpus = try SmallCorpus()
        defer { corpus.crawl.remove() }
        let page = ReportPage.html(try CorpusSummary.read(corpus.out), corpus: corpus.out.path)
        #expect(
            !page.contains("<script") && !page.contains("src=") && !page.contains("href=") && !page.contains("@import"))
        #expect(page.contains("<svg") && page.contains("Documents per month of publication, by site"))
        #expect(page.contains("Mar 2021") && page.contains("www.b.gov.cn/logo.txt"))
        #expect(page.contains("Near-duplicate detection has not run"))
    }

    /// Aggregates, not one element per document: ten times the documents over
    /// the same sites and months give the same page size, to the digits of the counts.
    @Test func thePageDoesNotGrowWithTheNumberOfDocuments() throws {
        func page(_ n: Int) throws -> String {
            let corpus = try SmallCorpus()
            defer { corpus.crawl.remove() }
            var s = try CorpusSummary.read(corpus.out)
            for i in 0..<n {
                let site = "site-\(i % 40).gov.cn"
                let month = String(format: "20%02d-%02d", 15 + (i / 12) % 8, i % 12 + 1)
                s.byMonthAndSite[month, default: [:]][site, default: 0] += 1
                s.bySite[site, default: 0] += 1
                s.lengths.add(100 + i % 5000)
                s.documents += 1
            }
            return ReportPage.html(s, corpus: "c")
        }
        let small = try page(20_000)
        let large = try page(200_000)
        #expect(large.utf8.count < 400_000)
        #expect(abs(large.utf8.count - small.utf8.count) < 2_000)
        #expect(large.components(separatedBy: "<rect").count == small.components(separatedBy: "<rect").count)
    }

    @Test func numbersAndLengthsReadAsPeopleWriteThem() {
        #expect(
            ReportFormat.count(0) == "0" && ReportFormat.count(1_234_567) == "1,234,567"
                && ReportFormat.count(-1000) == "-1,000")
        #expect(ReportFormat.month("2021-03") == "Mar 2021" && ReportFormat.month("undated") == "undated")
        var h = LengthHistogram()
        for n in [0, 10, 20, 40, 40, 100, 5000] { h.add(n) }
        #expect(h.counts[0] == 2 && h.counts[1] == 1 && h.counts[2] == 2 && h.counts[3] == 1)
        #expect(h.percentile(0.5) == 63 && h.percentile(1.0) == 8191)
        #expect(SVGChart.niceCeiling(37) == 50 && SVGChart.niceCeiling(0) == 1 && SVGChart.divisions(50) == 5)
    }

    static let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { name in
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }.first

    /// The page in a real browser: headless Chromium renders it offline, the
    /// screenshot is not blank (scripts/check-screenshot.py), and nothing is logged as an error by the page.
    @Test(
        .enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium)"), .timeLimit(.minutes(2)))
    func chromiumRendersThePage() throws {
        let corpus = try SmallCorpus()
        defer { corpus.crawl.remove() }
        let html = corpus.crawl.url.appendingPathComponent("report.html")
        try Data(ReportPage.html(try CorpusSummary.read(corpus.out), corpus: "small").utf8).write(to: html)
        let png = corpus.crawl.path + "/report.png"
        let shot = try ChildProcess.run(
            Self.chromium!,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr",
                "--screenshot=\(png)", "--window-size=1280,2000", html.absoluteString,
            ])
        #expect(shot.status == 0, "\(shot.output)")
        #expect(!shot.output.contains("CONSOLE"), "the page logged: \(shot.output)")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let check = try ChildProcess.run("/usr/bin/env", ["python3", root.path + "/scripts/check-screenshot.py", png])
        #expect(check.status == 0, "\(check.output)")
    }
}
