import Foundation
import SluiceTesting
import Testing

/// Routing as a user sees it: `inspect --explain` and the run's warning.
@Suite struct RoutingCommandTests {
    @Test(.enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"))
    func inspectExplainSaysWhoWasAskedWhatEachAnsweredAndWhy() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-explain")
        defer { dir.remove() }
        try dir.write(Data("Plain words saved under an .html name, with no markup at all.\n".utf8), to: "note.html")
        let (status, output) = try TutorialTests.run(
            ResumeTests.binary!, ["inspect", dir.path + "/note.html", "--explain"])
        #expect(status == 0, "\(output)")
        // The routing object comes first, then the record.
        let end = try #require(output.range(of: "\n}\n")).upperBound
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output[..<end].utf8)) as? [String: Any])
        let routing = try #require(json["routing"] as? [String: Any])
        #expect(routing["extractor"] as? String == "text")
        #expect(routing["rule"] as? String == "generic-content")
        #expect(routing["passed_over"] as? [String] == ["html"])
        #expect((routing["reason"] as? String)?.contains("generic sniff claims it") == true)
        let asked = try #require(routing["asked"] as? [[String: Any]])
        #expect(asked.map { $0["plugin"] as? String } == ["office", "archive", "html", "text"])
        let html = try #require(asked.first { $0["plugin"] as? String == "html" })
        #expect(html["sniff"] as? String == "refuses" && html["name_matches"] as? Bool == true)
        #expect(output[end...].contains("\"extractor\": \"text\""))
    }

    @Test(.enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"))
    func ingestWarnsOnceWhenAGenericPluginTakesFilesAnotherPluginNames() throws {
        let dir = try TemporaryDirectory(prefix: "sluice-routing-warning")
        defer { dir.remove() }
        for i in 0..<3 { try dir.write(Data("Plain note number \(i), no markup.\n".utf8), to: "in/n\(i).html") }
        try dir.write(Data("<html><body><p>A page.</p></body></html>".utf8), to: "in/page.html")
        let (status, output) = try TutorialTests.run(
            ResumeTests.binary!, ["ingest", dir.path + "/in", "--out", dir.path + "/out", "--progress", "none"])
        #expect(status == 0, "\(output)")
        let warnings = output.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1, "\(output)")
        #expect(
            warnings.first?.contains(
                "3 files named *.html went to the generic plugin 'text' because 'html' refused their content") == true)
    }
}
