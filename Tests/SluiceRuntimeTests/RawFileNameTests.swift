import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// A file whose name is not UTF-8 (a GBK name, as Chinese crawls save them)
/// is extracted like any other, its path percent-escaped in the record.
@Suite struct RawFileNameTests {
    /// Writes `contents` to `directory`/`name` where `name` is raw bytes.
    static func write(_ contents: String, rawName name: [UInt8], in directory: String) throws {
        let path = Array(directory.utf8) + [0x2F] + name + [0]
        let fd = path.withUnsafeBufferPointer {
            open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644)
        }
        try #require(fd >= 0)
        _ = Array(contents.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    @Test func aGBKNamedFileIsExtractedWithAnEscapedPath() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-gbk-names")
        defer { crawl.remove() }
        // "公告.stub" in GBK: B9 AB B8 E6, in a folder with a GBK name too ("新闻": D0 C2 CE C5).
        // (Some GBK names happen to be valid UTF-8, "通知" among them: those are kept as decoded.)
        try FileManager.default.createDirectory(
            atPath: crawl.path + "/site", withIntermediateDirectories: true)
        let folder = Array("site/".utf8) + [0xD0, 0xC2, 0xCE, 0xC5]
        let folderPath = Array(crawl.path.utf8) + [0x2F] + folder + [0]
        _ = folderPath.withUnsafeBufferPointer {
            mkdir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), 0o755)
        }
        try Self.write(
            "STUB:a notice saved under a GBK name",
            rawName: folder + [0x2F, 0xB9, 0xAB, 0xB8, 0xE6] + Array(".stub".utf8),
            in: crawl.path)
        try crawl.write(Data("STUB:a neighbour with a UTF-8 name".utf8), to: "site/plain.stub")
        let out = crawl.path + "-out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        for jobs in [1, 2] {
            try IngestRun(
                registry: try ExtractorRegistry([StubLeaf()]),
                configuration: IngestConfiguration(
                    inputRoot: crawl.path, outputDirectory: out, jobs: jobs, overwrite: true, commandLine: ["test"])
            ).run()
            let corpus = try CorpusReader(directory: URL(fileURLWithPath: out))
            let paths = Set(try corpus.currentRecords().map(\.path))
            #expect(paths == ["site/%D0%C2%CE%C5/%B9%AB%B8%E6.stub", "site/plain.stub"], "\(paths)")
            #expect(try corpus.errors().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: out + "/.sluice-paths"))
        }
        // An input list (`sluice list`) names it escaped; a run from the list still reads it.
        let list = crawl.path + "-inputs.txt"
        defer { try? FileManager.default.removeItem(atPath: list) }
        try Data("site/%D0%C2%CE%C5/%B9%AB%B8%E6.stub\n".utf8).write(to: URL(fileURLWithPath: list))
        var configuration = IngestConfiguration(
            inputRoot: crawl.path, outputDirectory: out + "-listed", overwrite: true, commandLine: ["test"])
        configuration.inputList = list
        defer { try? FileManager.default.removeItem(atPath: out + "-listed") }
        try IngestRun(registry: try ExtractorRegistry([StubLeaf()]), configuration: configuration).run()
        let listed = try CorpusReader(directory: URL(fileURLWithPath: out + "-listed"))
        #expect(try listed.currentRecords().map(\.path) == ["site/%D0%C2%CE%C5/%B9%AB%B8%E6.stub"])
    }

    /// `sluice list` walks without reading: the name is listed escaped, never dropped.
    @Test func aWalkThatOnlyListsNamesItEscaped() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-gbk-list")
        defer { crawl.remove() }
        try Self.write("x", rawName: [0xB9, 0xAB, 0xB8, 0xE6] + Array(".txt".utf8), in: crawl.path)
        var listed: [String] = []
        InputDiscovery(root: crawl.url.resolvingSymlinksInPath().path).walk { event in
            if case .file(let input) = event { listed.append(input.relativePath) }
            return true
        }
        #expect(listed == ["%B9%AB%B8%E6.txt"])
    }

    @Test func escapingIsPercentEncodingOfTheBytes() {
        #expect(RawPath.display(Array("通知.html".utf8)) == "通知.html")
        let raw: [UInt8] = [0xB9, 0xAB, 0x25, 0x41, 0x2E, 0x74]
        let shown = RawPath.display(raw)
        #expect(shown == "%B9%AB%25A.t")
        // Percent-decoding gives the bytes back exactly.
        var decoded: [UInt8] = []
        let bytes = Array(shown.utf8)
        var k = 0
        while k < bytes.count {
            if bytes[k] == 0x25, let b = UInt8(String(decoding: bytes[k + 1...k + 2], as: UTF8.self), radix: 16) {
                decoded.append(b)
                k += 3
            } else {
                decoded.append(bytes[k])
                k += 1
            }
        }
        #expect(decoded == raw)
    }
}
