import Foundation
import SluiceTesting
import Testing

/// `sluice report`, `sluice index` and `sluice search` as a user runs them,
/// and what `sluice ingest` does for them after a run.
@Suite struct ReportAndSearchCommandTests {
    @Test(.enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"))
    func aNightOfIngestThenReportIndexAndSearch() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-report-search")
        defer { dir.remove() }
        for (i, (date, title)) in [("2020-05-06", "国门卫士守护口岸"), ("2021-01-02", "口岸通关提速")].enumerated() {
            try dir.write(
                Data("\(title)\n\n发布时间：\(date)  来源：示例海关\n\n\(title)，海关关员坚守一线。国门卫士在行动。\n".utf8),
                to: "in/www.c.gov.cn/\(i).txt")
        }
        let sluice = ResumeTests.binary!
        let out = dir.path + "/out"
        var (status, output) = try TutorialTests.run(
            sluice, ["ingest", dir.path + "/in", "--out", out, "--progress", "none"])
        #expect(status == 0, "\(output)")
        // The run wrote its report page; the index does not exist until asked for.
        #expect(FileManager.default.fileExists(atPath: out + "/report.html"))
        #expect(!FileManager.default.fileExists(atPath: out + "/search.sqlite"))

        (status, output) = try TutorialTests.run(sluice, ["report", out, "--html", dir.path + "/r.html"])
        #expect(
            status == 0 && output.contains("documents  2 from 1 sites, published May 2020 to Jan 2021"), "\(output)")
        #expect(try String(contentsOfFile: dir.path + "/r.html", encoding: .utf8).contains("<svg"))

        (status, output) = try TutorialTests.run(sluice, ["search", out, "国门卫士"])
        #expect(status == 2 && output.contains("build it with `sluice index"), "\(output)")
        (status, output) = try TutorialTests.run(sluice, ["index", out])
        #expect(status == 0 && output.contains("2 documents (2 added, 0 removed)"), "\(output)")

        // The next night adds a notice: ingest brings the index up to date.
        try dir.write(
            Data("国门卫士表彰会\n\n发布时间：2022-03-03  来源：示例海关\n\n表彰国门卫士先进个人。\n".utf8), to: "in/www.c.gov.cn/9.txt")
        (status, output) = try TutorialTests.run(
            sluice, ["ingest", dir.path + "/in", "--out", out, "--progress", "none"])
        #expect(status == 0, "\(output)")
        (status, output) = try TutorialTests.run(sluice, ["search", out, "国门卫士", "--from", "2022", "--json"])
        #expect(status == 0, "\(output)")
        let hits = try output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(hits.map { $0["path"] as? String } == ["www.c.gov.cn/9.txt"])
        #expect((hits.first?["snippet"] as? String)?.contains("«国门卫士»") == true)
        (status, output) = try TutorialTests.run(sluice, ["search", out, "海关", "--to", "2020"])
        #expect(status == 0 && output.contains("1. 国门卫士守护口岸  2020-05-06  www.c.gov.cn/0.txt"), "\(output)")
        (status, output) = try TutorialTests.run(sluice, ["search", out, "x", "--from", "May 2020"])
        #expect(status == 64 && output.contains("is not a date"), "\(output)")
    }
}
