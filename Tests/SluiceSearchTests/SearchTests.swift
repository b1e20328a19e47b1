import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing
import TextExtractor

@testable import SluiceRuntime
@testable import SluiceSearch

@Suite struct SearchTests {
    /// A crawl of short notices on two sites, written and indexed.
    static func corpus(_ crawl: TemporaryDirectory) throws -> URL {
        let out = crawl.url.appendingPathComponent("out")
        try IngestRun(
            registry: try ExtractorRegistry([TextExtractor()]),
            configuration: IngestConfiguration(
                inputRoot: crawl.path + "/in", outputDirectory: out.path, commandLine: ["test"])
        ).run()
        return out
    }

    static func write(_ crawl: TemporaryDirectory, _ path: String, title: String, date: String, body: String) throws {
        try crawl.write(Data("\(title)\n\n发布时间：\(date)  来源：示例海关\n\n\(body)\n".utf8), to: "in/" + path)
    }

    static func seed(_ crawl: TemporaryDirectory) throws {
        try write(crawl, "www.a.gov.cn/1.txt", title: "国门卫士守护口岸安全", date: "2020-05-06", body: "海关关员坚守一线，国门卫士筑牢检疫防线。")
        try write(crawl, "www.a.gov.cn/2.txt", title: "口岸通关效率提升", date: "2021-02-01", body: "今年以来通关时间持续压缩，海关推出便利措施。")
        try write(crawl, "www.b.gov.cn/1.txt", title: "表彰国门卫士先进集体", date: "2020-11-30", body: "会议表彰了一批国门卫士先进集体和个人。")
        try crawl.write(
            Data(
                "The customs office opened a new inspection hall in the port, and the staff of the office moved there in May.\n"
                    .utf8), to: "in/www.b.gov.cn/en.txt")
    }

    @Test func substringsFromThreeCharactersAreFoundRankedWithFiltersAndSnippets() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-search")
        defer { crawl.remove() }
        try Self.seed(crawl)
        let index = try SearchIndex(corpus: try Self.corpus(crawl))
        #expect(try index.update().added == 4)
        let hits = try SearchQuery("国门卫士").run(on: index)
        #expect(Set(hits.map(\.path)) == ["www.a.gov.cn/1.txt", "www.b.gov.cn/1.txt"])
        #expect(hits.allSatisfy { $0.score != nil && $0.snippet.contains("«国门卫士»") })
        var in2020b = SearchQuery("国门卫士")
        (in2020b.site, in2020b.from, in2020b.to) = ("www.b.gov.cn", "2020-11", "2020-11")
        #expect(try in2020b.run(on: index).map(\.path) == ["www.b.gov.cn/1.txt"])
        var before = SearchQuery("国门卫士")
        before.to = "2020-10"
        #expect(try before.run(on: index).map(\.path) == ["www.a.gov.cn/1.txt"])
        var english = SearchQuery("inspection hall")
        english.lang = "en"
        #expect(try english.run(on: index).map(\.path) == ["www.b.gov.cn/en.txt"])
        // A quote in the query is a character, not syntax.
        #expect(try SearchQuery("国门\"卫士").run(on: index).isEmpty)
    }

    /// Trigrams cannot hold a two-character word: it is found by scanning.
    @Test func twoCharacterWordsAreFoundByScanning() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-search-short")
        defer { crawl.remove() }
        try Self.seed(crawl)
        let index = try SearchIndex(corpus: try Self.corpus(crawl))
        try index.update()
        let hits = try SearchQuery("海关").run(on: index)
        #expect(hits.map(\.path) == ["www.a.gov.cn/2.txt", "www.a.gov.cn/1.txt"])  // newest first
        #expect(hits.allSatisfy { $0.score == nil && $0.snippet.contains("«海关»") })
        // Mixed: the long word through the index, the short one scanned.
        #expect(try SearchQuery("国门卫士 海关").run(on: index).map(\.path) == ["www.a.gov.cn/1.txt"])
        #expect(try SearchQuery("5%").run(on: index).isEmpty)  // LIKE's wildcards are taken literally
    }

    @Test func theIndexFollowsTheCorpusAcrossRuns() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-search-inc")
        defer { crawl.remove() }
        try Self.seed(crawl)
        let out = try Self.corpus(crawl)
        try SearchIndex(corpus: out).update()
        // The next night: one notice changed, one removed, one added.
        try Self.write(crawl, "www.a.gov.cn/2.txt", title: "口岸通关效率再提升", date: "2021-03-01", body: "国门卫士助力通关便利化。")
        try FileManager.default.removeItem(atPath: crawl.path + "/in/www.b.gov.cn/1.txt")
        try Self.write(crawl, "www.b.gov.cn/3.txt", title: "新闻发布会", date: "2022-01-10", body: "国门卫士事迹报告会举行。")
        _ = try Self.corpus(crawl)
        let index = try SearchIndex(corpus: out)
        let update = try index.update()
        #expect(update.added == 2 && update.removed == 2 && !update.rebuilt)
        #expect(try index.count() == 4)
        #expect(
            Set(try SearchQuery("国门卫士").run(on: index).map(\.path)) == [
                "www.a.gov.cn/1.txt", "www.a.gov.cn/2.txt", "www.b.gov.cn/3.txt",
            ])
        let again = try index.update()
        #expect(again.added == 0 && again.removed == 0)
    }
}
