import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import SluiceRuntime

@Suite struct DocumentProcessorTests {
    let harness: ExtractorHarness

    init() throws {
        harness = try ExtractorHarness(
            [LineBundle(), StubLeaf()], pluginOptions: ["stub": PluginOptions(["suffix": .string("opt")])])
    }

    @Test func leafRecordsGetProvenanceAndNormalizedText() throws {
        let r = try harness.record(Data("STUB:hello\u{3000}\u{3000}world\n\n\n\nsecond".utf8), name: "dir/a.stub")
        #expect(r.path == "dir/a.stub" && r.members.isEmpty && r.extractor == "stub" && r.extractorVersion == "1")
        #expect(r.text == "hello world\n\nsecond")
        #expect(r.title == "T opt")
        // The core identified the language (the plugin gave none): CLD2 calls three English words reliable.
        #expect(r.lang == "en" && r.meta["langs"] == nil)
        guard case .int(let score) = r.meta["lang_score"] else {
            Issue.record("no integer lang_score in \(r.meta)")
            return
        }
        #expect((50...100).contains(score))
        #expect(r.sha256 == SHA256Digest.hex(of: Data("STUB:hello\u{3000}\u{3000}world\n\n\n\nsecond".utf8)))
    }

    @Test func errorsSkipsAndForeignErrorsBecomeLines() {
        #expect(harness.error(Data("STUB:FAIL".utf8), name: "f.stub")?.kind == "malformed")
        #expect(harness.error(Data("STUB:BOOM".utf8), name: "b.stub")?.kind == "plugin")
        let skip = harness.outcomes(Data("STUB:SKIP".utf8), name: "s.stub")
        #expect(
            skip == [
                .skipped(
                    SkipEntry(
                        path: "s.stub", members: [], extractor: "stub", reason: "not-article", detail: "a list page"))
            ])
        let empty = harness.outcomes(Data("STUB: \u{200B} ".utf8), name: "e.stub")
        #expect(
            empty.count == 1 && { if case .skipped(let s) = empty[0] { s.reason == "empty-text" } else { false } }())
    }

    @Test func containerMembersGoBackThroughTheRegistryWithTheirChain() {
        let inner = LineBundle.make([("deep.stub", Data("STUB:nested member".utf8))])
        let bundle = LineBundle.make([
            ("one.stub", Data("STUB:first member".utf8)), ("inner.bundle", inner), ("dir/", Data()),
            ("locked.stub", Data("STUB:secret".utf8)), ("picture.png", Data([0x89, 0x50])),
        ])
        let outcomes = harness.outcomes(bundle, name: "top.bundle")
        let records = outcomes.compactMap { if case .record(let r) = $0 { r } else { nil } }
        #expect(records.map(\.members) == [["one.stub"], ["inner.bundle", "deep.stub"]])
        #expect(records.map(\.text) == ["first member", "nested member"])
        #expect(records.allSatisfy { $0.path == "top.bundle" })
        #expect(records[1].sha256 == SHA256Digest.hex(of: Data("STUB:nested member".utf8)))
        #expect(
            outcomes.contains(
                .skipped(
                    SkipEntry(
                        path: "top.bundle", members: ["dir/"], extractor: "bundle", reason: "directory", detail: nil)))
        )
        #expect(
            outcomes.contains(
                .failed(
                    ErrorEntry(
                        path: "top.bundle", members: ["locked.stub"], extractor: "bundle", kind: "encrypted",
                        message: "member is encrypted"))))
        #expect(
            outcomes.contains {
                if case .skipped(let s) = $0 {
                    s.members == ["picture.png"] && s.reason == "no-extractor"
                } else {
                    false
                }
            })
        #expect(outcomes.count == 5)
    }

    @Test func aMemberRecordEqualsTheLooseFileRecordButForProvenance() throws {
        let content = Data("STUB:same bytes".utf8)
        let loose = try harness.record(content, name: "a.stub")
        let member = harness.outcomes(LineBundle.make([("a.stub", content)]), name: "b.bundle")
        guard case .record(let m) = member.first else {
            Issue.record("no record")
            return
        }
        #expect(m.text == loose.text && m.title == loose.title && m.sha256 == loose.sha256 && m.id != loose.id)
    }

    @Test func aTruncatedContainerKeepsTheMembersBeforeTheBreak() {
        var bundle = LineBundle.make([("a.stub", Data("STUB:kept".utf8)), ("b.stub", Data("STUB:lost part".utf8))])
        bundle.removeLast(4)
        let outcomes = harness.outcomes(bundle, name: "cut.bundle")
        #expect(outcomes.count == 2)
        guard case .record(let kept) = outcomes.first, case .failed(let e) = outcomes.last else {
            Issue.record("expected a record then an error: \(outcomes)")
            return
        }
        #expect(kept.text == "kept" && e.kind == "malformed" && e.extractor == "bundle" && e.members.isEmpty)
    }

    @Test func nestingPastTheLimitIsAnErrorLine() throws {
        var limited = harness
        limited.limits.maxDepth = 0
        let outcomes = limited.outcomes(LineBundle.make([("a.stub", Data("STUB:x".utf8))]), name: "t.bundle")
        #expect(outcomes.count == 1)
        guard case .failed(let e) = outcomes.first else {
            Issue.record("expected an error")
            return
        }
        #expect(e.kind == "limit" && e.message.contains("maxDepth") && e.members == ["a.stub"])
    }

    @Test func oversizedDocumentsAreRefusedBeforeExtraction() {
        var limited = harness
        limited.limits.maxDocumentBytes = 4
        #expect(limited.error(Data("STUB:too long".utf8), name: "big.stub")?.kind == "limit")
    }

    @Test func idsAreStableAndDependOnPathMembersAndContent() {
        let a = CorpusRecord.id(path: "a.txt", members: [], sha256: "00", index: 0)
        #expect(a == CorpusRecord.id(path: "a.txt", members: [], sha256: "00", index: 0))
        #expect(a != CorpusRecord.id(path: "a.txt", members: ["m"], sha256: "00", index: 0))
        #expect(a != CorpusRecord.id(path: "a.txt", members: [], sha256: "01", index: 0))
        #expect(CorpusRecord.id(path: "a.txt", members: [], sha256: "00", index: 2) == a + "-2")
    }
}
