import Foundation
import HTMLExtractor
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import TextExtractor

@testable import ArchiveExtractor

/// Builds bundles with the tools people make them with (zip, tar, 7z, cpio,
/// xorriso), from pages written for Sluice, in a temporary directory.
struct Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = repository.appendingPathComponent("Corpus")

    static let pages: [(String, Data)] = [
        (
            "site/news/trs.html",
            try! Data(
                contentsOf: corpus.appendingPathComponent("www.mwr-example.gov.cn/art/2024/3/18/art_1001_5001.html"))
        ),
        (
            "site/news/ucap.html",
            try! Data(
                contentsOf: corpus.appendingPathComponent("www.ucap-example.gov.cn/col/col12/art/2024/art_77.html"))
        ),
        ("site/notice.txt", try! Data(contentsOf: corpus.appendingPathComponent("english/reservoir-bulletin.txt"))),
    ]

    static func harness(_ limits: ExtractionLimits = ExtractionLimits()) -> ExtractorHarness {
        try! ExtractorHarness([ArchiveExtractor(), HTMLExtractor(), TextExtractor()], limits: limits)
    }

    static func tool(_ name: String) -> String? {
        for dir in ["/usr/bin", "/bin", "/usr/local/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        return nil
    }

    static func hasTools(_ names: String...) -> Bool { names.allSatisfy { tool($0) != nil } }

    let dir: TemporaryDirectory

    init() throws {
        dir = try TemporaryDirectory(prefix: "sluice-archive")
        for (path, data) in Self.pages { try dir.write(data, to: path) }
    }

    /// Runs a tool in the fixture directory; throws when it fails.
    @discardableResult
    func run(_ tool: String, _ arguments: [String], stdin: Data? = nil) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.tool(tool) ?? tool)
        p.arguments = arguments
        p.currentDirectoryURL = dir.url
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        let input = Pipe()
        if stdin != nil { p.standardInput = input }
        try p.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw FixtureError(message: "\(tool) \(arguments) exited \(p.terminationStatus)")
        }
        return data
    }

    func bytes(_ name: String) throws -> Data { try Data(contentsOf: dir.url.appendingPathComponent(name)) }

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

extension Array where Element == DocumentOutcome {
    var records: [CorpusRecord] { compactMap { if case .record(let r) = $0 { r } else { nil } } }
    var errors: [ErrorEntry] { compactMap { if case .failed(let e) = $0 { e } else { nil } } }
    var skips: [SkipEntry] { compactMap { if case .skipped(let s) = $0 { s } else { nil } } }
}
