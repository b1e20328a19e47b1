import Foundation
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import Synchronization
import Testing
import TextExtractor

@testable import ArchiveExtractor

/// A stop (Ctrl-C, SIGTERM) reaches a container in the middle of a large WARC
/// through `emit`, without waiting for the rest of it, and the next run
/// resumes to exactly the corpus an uninterrupted run makes.
@Suite struct StopTests {
    static let pages = 3000

    /// A WARC of `count` plain-text responses (numbered from `first`).
    static func warc(_ count: Int, first: Int = 0) -> Data {
        var out = Data()
        for i in first..<first + count {
            let body = Data(
                "Bulletin \(i): the gauge at station \(i) read \(i % 97) centimetres above the warning line.\n".utf8)
            let http =
                Data(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.count)\r\n\r\n"
                        .utf8) + body
            out +=
                Data(
                    """
                    WARC/1.0\r
                    WARC-Type: response\r
                    WARC-Target-URI: https://www.example.gov.cn/bulletin/\(i).txt\r
                    WARC-Date: 2024-05-06T08:15:00Z\r
                    WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-\(String(format: "%012d", i))>\r
                    Content-Type: application/http;msgtype=response\r
                    Content-Length: \(http.count)\r
                    \r

                    """.utf8) + http + Data("\r\n\r\n".utf8)
        }
        return out
    }

    /// The text plugin, which asks the run to stop after its `after`-th document.
    struct StoppingText: LeafExtractor {
        let id = "text"
        let version = TextExtractor().version
        let accepts = TextExtractor().accepts
        let after: Int
        let state = State()

        final class State: Sendable {
            let seen = Mutex(0)
            let run = Mutex<IngestRun?>(nil)
        }

        func sniff(_ head: Data) -> SniffVerdict { TextExtractor().sniff(head) }

        func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
            if state.seen.withLock({ n in
                n += 1
                return n == after
            }) {
                state.run.withLock { $0 }?.requestStop()
            }
            return try TextExtractor().extract(document, context: context)
        }
    }

    static func ingest(_ input: String, _ out: String, stopAfter: Int? = nil) throws -> Manifest {
        let text = StoppingText(after: stopAfter ?? Int.max)
        let run = IngestRun(
            registry: try ExtractorRegistry([ArchiveExtractor(), text]),
            configuration: IngestConfiguration(inputRoot: input, outputDirectory: out, jobs: 1, commandLine: ["test"]))
        text.state.run.withLock { $0 = run }
        return try run.run()
    }

    static func current(_ out: String) throws -> [String: CorpusRecord] {
        let records = try CorpusReader(directory: URL(fileURLWithPath: out)).currentRecords()
        return Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
    }

    @Test func aStopCutsAWARCShortAndTheNextRunResumesExactly() throws {
        let crawl = try TemporaryDirectory(prefix: "sluice-stop")
        defer { crawl.remove() }
        try crawl.write(Data("A notice about the spring inspection of the east sluice gates.".utf8), to: "a.txt")
        try crawl.write(Self.warc(Self.pages), to: "big.warc")
        try crawl.write(Data("A second notice, about the summer flood season duty roster.".utf8), to: "c.txt")
        let out = crawl.path + "-out"
        let clean = crawl.path + "-clean"
        defer { for d in [out, clean] { try? FileManager.default.removeItem(atPath: d) } }

        // a.txt is the first document, then the WARC's members: stop at its 300th.
        let stopped = try Self.ingest(crawl.path, out, stopAfter: 301)
        #expect(stopped.status == "interrupted")
        // The cut WARC left nothing in the current corpus (half an input is no
        // input); the text file queued behind it was not started after the
        // stop (a stop waits only for what is being extracted).
        let partial = try Self.current(out).values.map(\.path).sorted()
        #expect(partial == ["a.txt"])
        #expect(stopped.counts.records == 1 && stopped.run.new == 1)
        #expect(stopped.byPlugin["text"]?.records == 1, "the cut WARC's records taken out of the breakdown too")

        let resumed = try Self.ingest(crawl.path, out)
        #expect(resumed.status == "complete")
        #expect(resumed.run.new == 2 && resumed.run.unchanged == 1)
        _ = try Self.ingest(crawl.path, clean)
        let expected = try Self.current(clean)
        #expect(expected.count == Self.pages + 2)
        #expect(try Self.current(out) == expected)
    }
}

/// A `.warc.gz` cut while it was written (a crawler killed mid-record) keeps
/// every record before the cut, however short the file: each record is its
/// own gzip member, read one by one when the stream breaks.
@Suite struct CutWARCTests {
    static func gzipMembers(_ count: Int) throws -> [Data] {
        let f = try Fixtures()
        defer { f.dir.remove() }
        return try (0..<count).map { i in
            try f.run("gzip", ["-c", "-n"], stdin: StopTests.warc(1, first: i))
        }
    }

    @Test(
        .enabled(if: Fixtures.hasTools("gzip"), "gzip is not installed"),
        arguments: [(4, 3), (400, 300)])
    func everyRecordBeforeTheCutComesOut(records: Int, intact: Int) throws {
        let members = try Self.gzipMembers(records)
        let whole = members[..<intact].reduce(Data(), +)
        let cut = whole + members[intact].prefix(members[intact].count / 2)
        let outcomes = Fixtures.harness().outcomes(cut, name: "crawl.warc.gz")
        #expect(outcomes.records.count == intact)
        #expect(Set(outcomes.records.map(\.members)).count == intact, "each record once")
        #expect(outcomes.errors.count == 1 && outcomes.errors.first?.kind == "malformed", "\(outcomes.errors)")
        #expect(
            outcomes.errors.first?.message.contains("record \(intact + 1)") == true,
            "\(outcomes.errors.first?.message ?? "")")
    }
}
