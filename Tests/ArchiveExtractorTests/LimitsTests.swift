import Foundation
import SluicePluginAPI
import SluiceTesting
import Testing

@testable import ArchiveExtractor

@Suite struct LimitsTests {
    @Test(.enabled(if: Fixtures.hasTools("zip"), "zip is not installed: the zip bomb is not built"))
    func aZipBombStopsWhileStreamingAndTheOtherMembersSurvive() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.dir.write(Data(count: 64 << 20), to: "zeros.bin")  // 64 MiB of zeros: ~64 KiB compressed
        try f.run("zip", ["-q", "-9", "bomb.zip", "zeros.bin", "site/notice.txt"])
        let outcomes = Fixtures.harness().outcomes(try f.bytes("bomb.zip"), name: "bomb.zip")
        let error = try #require(outcomes.errors.first)
        #expect(error.kind == "limit" && error.limit == "maxCompressionRatio" && error.members == ["zeros.bin"])
        #expect(outcomes.records.map(\.members) == [["site/notice.txt"]])
    }

    @Test(.enabled(if: Fixtures.hasTools("zip", "tar"), "zip and tar are needed"))
    func nestingDeeperThanTheLimitIsAnErrorLine() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("zip", ["-q", "-r", "inner.zip", "site/news"])
        try f.run("tar", ["-czf", "outer.tar.gz", "inner.zip"])
        var limits = ExtractionLimits()
        limits.maxDepth = 1
        let outcomes = Fixtures.harness(limits).outcomes(try f.bytes("outer.tar.gz"), name: "outer.tar.gz")
        #expect(outcomes.records.isEmpty)
        #expect(outcomes.errors.count == 2)
        #expect(outcomes.errors.allSatisfy { $0.limit == "maxDepth" && $0.members.first == "inner.zip" })
        // With the default depth the same bundle gives both pages.
        #expect(Fixtures.harness().outcomes(try f.bytes("outer.tar.gz"), name: "outer.tar.gz").records.count == 2)
    }

    @Test(.enabled(if: Fixtures.hasTools("zip"), "zip is not installed"))
    func tooManyMembersAndTooLargeMembers() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("zip", ["-q", "-r", "three.zip", "site"])
        var few = ExtractionLimits()
        few.maxMembers = 2
        let outcomes = Fixtures.harness(few).outcomes(try f.bytes("three.zip"), name: "three.zip")
        #expect(outcomes.records.count + outcomes.skips.count <= 2)
        #expect(outcomes.errors.map(\.limit) == ["maxMembers"])

        var small = ExtractionLimits()
        small.maxDocumentBytes = 1000  // the pages are 2089 and 1307 bytes, the notice 369
        let sized = Fixtures.harness(small).outcomes(try f.bytes("three.zip"), name: "three.zip")
        #expect(sized.errors.count == 2 && sized.errors.allSatisfy { $0.limit == "maxDocumentBytes" })
        #expect(sized.records.map(\.members) == [["site/notice.txt"]])
    }

    @Test(.enabled(if: Fixtures.hasTools("zip"), "zip is not installed"))
    func theExpansionBudgetCoversTheWholeInput() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("zip", ["-q", "-r", "three.zip", "site"])
        var tight = ExtractionLimits()
        tight.maxExpandedBytes = 3000  // the three members hold 3765 bytes
        let outcomes = Fixtures.harness(tight).outcomes(try f.bytes("three.zip"), name: "three.zip")
        #expect(outcomes.errors.last?.limit == "maxExpandedBytes")
        #expect(outcomes.records.count < 3)
    }

    @Test(.enabled(if: Fixtures.hasTools("zip"), "zip is not installed"))
    func anEncryptedMemberIsAnErrorLineAndTheOthersComeOut() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("zip", ["-q", "-P", "secret", "mixed.zip", "site/news/trs.html"])
        try f.run("zip", ["-q", "mixed.zip", "site/notice.txt"])
        let outcomes = Fixtures.harness().outcomes(try f.bytes("mixed.zip"), name: "mixed.zip")
        #expect(outcomes.errors.map(\.kind) == ["encrypted"])
        #expect(outcomes.errors.first?.members == ["site/news/trs.html"])
        #expect(outcomes.records.map(\.members) == [["site/notice.txt"]])
    }

    @Test(.enabled(if: Fixtures.hasTools("tar"), "tar is not installed"))
    func aTruncatedTarGzKeepsTheMembersBeforeTheCut() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        // Incompressible bytes (xorshift), so that the cut falls inside the last member.
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        let noise = (0..<60_000).map { _ -> UInt8 in
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return UInt8(truncatingIfNeeded: x)
        }
        try f.dir.write(Data(noise), to: "site/zz-noise.bin")
        // libarchive's gzip filter loses the output block (64 KiB) in which a
        // cut falls, so the noise before the cut is made longer than that.
        try f.dir.write(Data(noise + noise + noise), to: "site/zz-noise.bin")
        try f.run("tar", ["-czf", "cut.tar.gz", "site/news", "site/notice.txt", "site/zz-noise.bin"])
        let full = try f.bytes("cut.tar.gz")
        let outcomes = Fixtures.harness().outcomes(full.prefix(full.count - 20_000), name: "cut.tar.gz")
        #expect(outcomes.records.count >= 2, "\(outcomes)")
        let damage = try #require(outcomes.errors.last)
        #expect(damage.kind == "malformed" && damage.members.isEmpty && damage.extractor == "archive")
        #expect(damage.message.contains("damaged"))
    }

    @Test(.enabled(if: Fixtures.hasTools("zip"), "zip is not installed"))
    func aZipCutBeforeItsDirectoryStillGivesItsFirstMembers() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("zip", ["-q", "-0", "cut.zip", "site/notice.txt", "site/news/trs.html", "site/news/ucap.html"])
        let full = try f.bytes("cut.zip")
        let outcomes = Fixtures.harness().outcomes(full.prefix(full.count - 600), name: "cut.zip")
        #expect(outcomes.records.map(\.members).contains(["site/notice.txt"]), "\(outcomes)")
        #expect(outcomes.errors.last?.kind == "malformed")
    }

    @Test(.enabled(if: Fixtures.hasTools("tar"), "tar is not installed"))
    func hostileNamesAreRecordedSafelyAndLinksAreSkipped() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.dir.write(Data("Escape attempt\n\nThis text claims a path outside the archive.".utf8), to: "evil.txt")
        try FileManager.default.createSymbolicLink(atPath: f.dir.path + "/link.txt", withDestinationPath: "/etc/passwd")
        try f.run(
            "tar",
            [
                "-cf", "evil.tar", "--absolute-names", "--transform", "s,^evil.txt,../../etc/evil.txt,", "evil.txt",
                "link.txt",
            ])
        let outcomes = Fixtures.harness().outcomes(try f.bytes("evil.tar"), name: "evil.tar")
        #expect(outcomes.records.map(\.members) == [["etc/evil.txt"]])
        #expect(outcomes.skips.map(\.reason) == ["symlink"])
        #expect(MemberName.normalized("/abs/./a\\b\u{0007}c/../d.html") == "abs/a/d.html")
    }

    @Test func anMtreeManifestIsNeverReadAsAnArchive() throws {
        // With mtree enabled and `checkfs`, libarchive would read the files a
        // manifest names; Sluice never enables mtree.
        let manifest = Data("#mtree\n./etc/passwd type=file contents=/etc/passwd\n".utf8)
        let archiveOnly = try ExtractorHarness(ArchiveExtractor())
        let error = try #require(archiveOnly.error(manifest, name: "x.tar"))
        #expect(error.kind == "unsupported" && error.extractor == "archive")
        #expect(ArchiveExtractor().sniff(manifest) == .unsure)
    }
}
