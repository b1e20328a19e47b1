import Foundation
import SluicePluginAPI
import SluiceRuntime
import Testing

@testable import HTMLExtractor

/// Extraction accuracy on the shared dev set, scored by the shared scorer:
/// a guard against regressions, not a tuning target. Needs ../shared (the
/// team's machines and CI) and python3; skips with a message otherwise.
enum DevSet {
    static let eval = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/eval").standardizedFileURL
    static var isPresent: Bool {
        FileManager.default.fileExists(atPath: eval.appendingPathComponent("score.py").path)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    }
}

@Suite struct DevSetAccuracyTests {
    @Test(.enabled(if: DevSet.isPresent, "../shared/eval or python3 is absent: dev-set accuracy not checked"))
    func mainTextF1StaysAboveTheTargets() throws {
        let pages = DevSet.eval.appendingPathComponent("dev/pages")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-dev-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let registry = try ExtractorRegistry([HTMLExtractor()])
        try IngestRun(
            registry: registry,
            configuration: IngestConfiguration(inputRoot: pages.path, outputDirectory: out.path, commandLine: ["test"])
        ).run()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            DevSet.eval.appendingPathComponent("score.py").path, "--truth",
            DevSet.eval.appendingPathComponent("dev/truth.jsonl").path, "--pred",
            out.appendingPathComponent("part-00000.jsonl").path, "--json",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let scores = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: [String: Any]]])
        let zh = try #require(scores["zh"]?["corpus"]?["f1"] as? Double)
        let en = try #require(scores["en"]?["corpus"]?["f1"] as? Double)
        let dates = try #require(scores["ALL"]?["corpus"]?["date_acc"] as? Double)
        // Targets from the HTML issue; the measured figures are in Docs/Benchmarks.md.
        #expect(zh >= 0.92, "zh F1 \(zh)")
        #expect(en >= 0.95, "en F1 \(en)")
        #expect(dates >= 0.85, "date accuracy \(dates)")
    }
}
