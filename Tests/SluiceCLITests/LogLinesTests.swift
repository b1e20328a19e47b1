import Foundation
import Logging
import SluiceTesting
import Testing

@testable import SluiceCLI

/// Log lines for unattended runs: text for people, JSON for log shippers.
@Suite struct LogLinesTests {
    @Test func jsonLinesKeepNumbersAsNumbers() throws {
        let handler = LineLogHandler(label: "sluice", format: .json)
        let line = handler.line(
            level: .info, message: "progress",
            metadata: ["done": .stringConvertible(12), "docs_per_second": .stringConvertible(3.5), "phase": "walk"],
            at: Date(timeIntervalSince1970: 0))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "progress")
        #expect(object["level"] as? String == "info")
        #expect(object["timestamp"] as? String == "1970-01-01T00:00:00Z")
        #expect(object["done"] as? Int == 12)
        #expect(object["docs_per_second"] as? Double == 3.5)
        #expect(object["phase"] as? String == "walk")
    }

    @Test func textLinesListMetadataSorted() {
        let handler = LineLogHandler(label: "sluice", format: .text)
        let line = handler.line(
            level: .warning, message: "stopping", metadata: ["b": "2", "a": "1"], at: Date(timeIntervalSince1970: 0))
        #expect(line == "1970-01-01T00:00:00Z warning sluice: stopping a=1 b=2")
    }

    /// The real binary, stderr redirected: a start and a finish line, each one JSON object.
    @Test(.enabled(if: ResumeTests.binary != nil, "the sluice binary was not built next to the tests"))
    func aRedirectedRunLogsJSONLines() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-log")
        defer { crawl.remove() }
        for i in 0..<5 {
            try crawl.write(Data("Note \(i)\n\nA text with a sentence, number \(i).".utf8), to: "n\(i).txt")
        }
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ResumeTests.binary!)
        p.arguments = ["ingest", crawl.path, "--out", out, "--log-format", "json"]
        let stderr = Pipe()
        p.standardError = stderr
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = stderr.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        let objects = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["message"] as? String } == ["ingest started", "ingest finished"])
        #expect(objects.last?["records"] as? Int == 5)
        #expect(objects.last?["status"] as? String == "complete")
    }
}
