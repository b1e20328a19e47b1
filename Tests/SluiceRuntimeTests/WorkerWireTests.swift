import Foundation
import SluicePluginAPI
import Testing

@testable import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// The worker protocol's frames: every message reads back as written, and
/// damaged or cut frames give a ``WireError``, never a trap or an allocation
/// of what a damaged length claims.
@Suite struct WorkerWireTests {
    static let record = CorpusRecord(
        id: "3f2a", path: "www.example.gov.cn/通知/公告.html", members: ["bundle.zip", "内/页.htm"],
        sha256: String(repeating: "ab", count: 32), bytes: 4096, mime: "text/html", encoding: "GB18030",
        extractor: "html", extractorVersion: "1.1.0", lang: "zh", title: "关于\"引号\"的通知", published: nil,
        sourceOrg: "示例厅", breadcrumb: ["首页", "通知公告"], url: nil,
        text: "第一段。\n\n第二段 with emoji 👍🏽 and e\u{301}\u{0}", meta: bytesMeta())

    static func bytesMeta() -> [String: JSONValue] {
        [
            "page_type": .string("article"), "page_type_confidence": .int(87), "ratio": .double(0.25),
            "flags": .array([.bool(true), .null, .int(-3)]),
            "attachments": .array([.object(["url": .string("a.pdf"), "text": .string("附件")])]),
            "nested": .object(["deep": .object(["deeper": .array([])])]),
        ]
    }

    static let responses: [WorkerMessage.Response] = [
        .outcome(.record(record)),
        .outcome(
            .record(
                CorpusRecord(
                    id: "", path: "", members: [], sha256: "", bytes: 0, mime: "", encoding: nil, extractor: "",
                    extractorVersion: "", lang: "und", title: nil, published: nil, sourceOrg: nil, breadcrumb: [],
                    url: nil, text: "", meta: [:]))),
        .outcome(
            .failed(
                ErrorEntry(
                    path: "a.zip", members: ["x"], extractor: "archive", kind: "limit", message: "too big",
                    limit: "expanded-bytes"))),
        .outcome(.failed(ErrorEntry(path: "b", members: [], extractor: nil, kind: "io", message: "gone"))),
        .outcome(.skipped(SkipEntry(path: "c.png", members: [], extractor: nil, reason: "no-extractor", detail: nil))),
        .outcome(
            .skipped(SkipEntry(path: "d", members: ["e"], extractor: "html", reason: "not-article", detail: "链接"))),
        .outcome(.tally("format:ZIP 2.0")),
        .end(.done(sha256: "00ff")), .end(.done(sha256: nil)), .end(.stopped),
    ]

    private static func frame(_ bytes: [UInt8]) throws -> Frame {
        var r = WireReader(bytes)
        let tag = try r.byte()
        let length = try r.int()
        return Frame(tag: tag, payload: Array(bytes[9...]).prefix(length).map { $0 })
    }

    @Test func everyMessageReadsBackAsWritten() throws {
        for response in Self.responses {
            #expect(try WorkerMessage.Response(Self.frame(response.frame)) == response)
        }
        let request = WorkerMessage.Request(path: "甲/乙.html", absolutePath: "/crawl/甲/乙.html", size: 12, mtime: 1.5e9)
        #expect(try WorkerMessage.Request(Self.frame(request.frame)) == request)
        #expect(throws: WireError.self) { try WorkerMessage.Response(Self.frame(request.frame)) }
    }

    /// Every cut of a record's payload, and a damaged count, throw.
    @Test func cutOrDamagedPayloadsThrow() throws {
        let payload = try Self.frame(WorkerMessage.Response.outcome(.record(Self.record)).frame).payload
        for cut in 0..<payload.count {
            #expect(throws: WireError.self) {
                try WorkerMessage.Response(
                    Frame(tag: WorkerMessage.Tag.record.rawValue, payload: Array(payload[..<cut])))
            }
        }
        // The id's length (the payload's first word) says 2^62 bytes.
        var damaged = payload
        damaged[7] = 0x40
        #expect(throws: WireError.self) {
            try WorkerMessage.Response(Frame(tag: WorkerMessage.Tag.record.rawValue, payload: damaged))
        }
        #expect(throws: WireError.self) { try WorkerMessage.Response(Frame(tag: 99, payload: [])) }
    }

    /// Frames written to a pipe in odd pieces read back in order, a 3 MB one
    /// included; the pipe's close between frames ends the stream.
    @Test func framesCrossAPipe() throws {
        let big = WorkerMessage.Response.outcome(.tally(String(repeating: "长", count: 1_000_000)))
        let sent = Self.responses + [big] + Self.responses
        let bytes = sent.flatMap(\.frame)
        let received = try Self.read(bytes, pieces: [1, 8, 9, 100, 65_536, 7])
        // Compared as values (a frame's meta keys follow the dictionary's order), and
        // without printing a 3 MB message when they differ.
        #expect(received.count == sent.count)
        #expect(zip(received, sent).allSatisfy { $0 == $1 })
    }

    @Test func aPipeClosedInsideAFrameIsTruncation() throws {
        let bytes = Self.responses[0].frame
        for cut in [1, 8, 9, bytes.count / 2, bytes.count - 1] {
            #expect(throws: WireError.truncated) { try Self.read(Array(bytes[..<cut]), pieces: [4096]) }
        }
    }

    @Test func aLengthNoFrameCanHaveIsDamage() throws {
        var w = WireWriter()
        w.byte(WorkerMessage.Tag.tally.rawValue)
        w.int(-1)
        #expect(throws: WireError.self) { try Self.read(w.bytes, pieces: [64]) }
        var huge = WireWriter()
        huge.byte(WorkerMessage.Tag.tally.rawValue)
        huge.int(Int.max)
        #expect(throws: WireError.self) { try Self.read(huge.bytes, pieces: [64]) }
    }

    /// Writes `bytes` into a pipe from another thread in pieces of the given
    /// sizes (cycled), closes it, and reads every frame.
    private static func read(_ bytes: [UInt8], pieces: [Int]) throws(WireError) -> [WorkerMessage.Response] {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { fatalError("pipe: \(errno)") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread {
            var at = 0
            var piece = 0
            while at < bytes.count {
                let n = min(pieces[piece % pieces.count], bytes.count - at)
                bytes.withUnsafeBufferPointer { b in
                    var done = 0
                    while done < n { done += max(0, Glibc.write(writeEnd, b.baseAddress! + at + done, n - done)) }
                }
                at += n
                piece += 1
            }
            close(writeEnd)
        }
        writer.start()
        defer { close(readEnd) }
        let reader = FrameReader(descriptor: readEnd)
        var out: [WorkerMessage.Response] = []
        do {
            while let frame = try reader.next() { out.append(try WorkerMessage.Response(frame)) }
        } catch {
            // Drain so the writer thread can finish before the read end closes.
            var sink = [UInt8](repeating: 0, count: 65_536)
            while Glibc.read(readEnd, &sink, sink.count) > 0 {}
            throw error
        }
        return out
    }
}
