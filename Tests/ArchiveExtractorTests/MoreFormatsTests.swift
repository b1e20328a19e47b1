import Foundation
import SluicePluginAPI
import SluiceRuntime
import SluiceTesting
import Testing

@testable import ArchiveExtractor

/// The formats libarchive reads beyond the common ones, each made with the
/// tool people make it with (or, where Debian has none, byte by byte), and
/// read to the same records as the pages read loose.
@Suite struct MoreFormatsTests {
    /// A tar of the pages, compressed by `tool` with `flags`, as `name`.
    func compressedTar(_ tool: String, _ flags: [String], _ suffix: String) throws {
        try #require(Fixtures.hasTools("tar", tool), "\(tool) is not installed: .\(suffix) not checked")
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("tar", ["-cf", "pages.tar", "site"])
        try f.run(tool, flags.contains("pages.tar") ? flags : flags + ["pages.tar"])
        try FormatTests.check(try f.bytes("pages.tar." + suffix), name: "pages.tar." + suffix)
    }

    @Test func compressZ() throws { try compressedTar("compress", ["-f"], "Z") }
    @Test func lz4() throws { try compressedTar("lz4", ["-q", "-f", "pages.tar", "pages.tar.lz4"], "lz4") }
    @Test func lzip() throws { try compressedTar("lzip", ["-f"], "lz") }

    @Test(.enabled(if: Fixtures.hasTools("gcab"), "gcab is not installed: .cab not checked"))
    func cab() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("gcab", ["-c", "-z", "pages.cab"] + Fixtures.pages.map(\.0))
        try FormatTests.check(try f.bytes("pages.cab"), name: "pages.cab", expectMembersUnder: "")
    }

    @Test(.enabled(if: Fixtures.hasTools("7z"), "7z (p7zip-full) is not installed: 7z self-extractors not checked"))
    func sevenZipSelfExtractor() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("7z", ["a", "-bd", "-sfx7zCon.sfx", "pages.exe", "site"])
        try FormatTests.check(try f.bytes("pages.exe"), name: "pages.exe")
    }

    @Test(
        .enabled(
            if: Fixtures.hasTools("zip", "unzipsfx"), "zip and unzipsfx are needed: zip self-extractors not checked"))
    func zipSelfExtractor() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        try f.run("zip", ["-q", "-r", "pages.zip", "site"])
        let stub = try Data(contentsOf: URL(fileURLWithPath: Fixtures.tool("unzipsfx")!))
        try (stub + f.bytes("pages.zip")).write(to: f.dir.url.appendingPathComponent("pages.exe"))
        try f.run("zip", ["-q", "-A", "pages.exe"])
        try FormatTests.check(try f.bytes("pages.exe"), name: "pages.exe")
    }

    @Test func aWindowsProgramThatIsNoArchiveIsSkippedNotAnError() {
        let exe = Data("MZ".utf8) + Data(repeating: 0x90, count: 4000)
        let outcomes = Fixtures.harness().outcomes(exe, name: "setup.exe")
        #expect(outcomes.errors.isEmpty && outcomes.skips.map(\.reason) == ["not-an-archive"], "\(outcomes)")
    }

    /// LHA has no writer in Debian (lhasa only reads): a level-0 header written byte by byte.
    @Test func lhaLevel0() throws {
        var archive = Data()
        for (path, data) in Fixtures.pages {
            let name = Array(path.utf8)
            var header: [UInt8] = Array("-lh0-".utf8)
            header += le32(data.count) + le32(data.count) + le32(0x5863_0000) + [0x20, 0x00, UInt8(name.count)]
            header += name + le16(Int(crc16(Array(data))))
            archive += Data([UInt8(header.count), UInt8(header.reduce(0) { ($0 + Int($1)) & 0xFF })] + header) + data
        }
        archive += Data([0])
        try FormatTests.check(archive, name: "pages.lzh")
    }

    /// xar has no tool in Debian either: a header, a zlib-compressed TOC and the heap, written by python3.
    @Test(.enabled(if: Fixtures.hasTools("python3"), "python3 is not installed: xar not checked"))
    func xar() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        let script = """
            import struct, zlib, sys
            files = sys.argv[1:]
            heap, entries = b"", []
            for i, path in enumerate(files, 1):
                data = open(path, "rb").read()
                entries.append(f'<file id="{i}"><name>{path.split("/")[-1]}</name><type>file</type><data><length>{len(data)}</length><offset>{len(heap)}</offset><size>{len(data)}</size><encoding style="application/octet-stream"/></data></file>')
                heap += data
            toc = ('<?xml version="1.0" encoding="UTF-8"?><xar><toc>' + "".join(entries) + "</toc></xar>").encode()
            z = zlib.compress(toc)
            sys.stdout.buffer.write(b"xar!" + struct.pack(">HHQQI", 28, 1, len(z), len(toc), 0) + z + heap)
            """
        let xar = try f.run("python3", ["-c", script] + Fixtures.pages.map(\.0))
        try FormatTests.check(xar, name: "pages.xar", expectMembersUnder: "")
    }

    @Test(.enabled(if: Fixtures.hasTools("rpmbuild", "python3"), "rpmbuild is not installed: .rpm not checked"))
    func rpm() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        let spec = """
            Name: pages
            Version: 1
            Release: 1
            Summary: pages
            License: none
            BuildArch: noarch
            %description
            pages
            %install
            mkdir -p %{buildroot}/srv
            cp -r \(f.dir.path)/site %{buildroot}/srv/
            %files
            /srv/site

            """
        try spec.write(to: f.dir.url.appendingPathComponent("pages.spec"), atomically: true, encoding: .utf8)
        try f.run("rpmbuild", ["--define", "_topdir \(f.dir.path)/rpm", "--quiet", "-bb", "pages.spec"])
        let rpm = try #require(
            FileManager.default.enumerator(atPath: f.dir.path + "/rpm/RPMS")?.compactMap { $0 as? String }
                .first { $0.hasSuffix(".rpm") })
        try FormatTests.check(
            try Data(contentsOf: URL(fileURLWithPath: f.dir.path + "/rpm/RPMS/" + rpm)), name: "pages.rpm",
            expectMembersUnder: "")
    }

    /// WARC/0.18, the ClueWeb09/12 format, frames records as 1.0 does.
    @Test func warc018() throws {
        let page = Fixtures.pages[0].1
        let http = Data("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8) + page
        let record =
            Data(
                "WARC/0.18\r\nWARC-Type: response\r\nWARC-Target-URI: http://www.example.gov.cn/a.html\r\nWARC-Date: 2009-03-15T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000018>\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: \(http.count)\r\n\r\n"
                    .utf8) + http + Data("\r\n\r\n".utf8)
        let outcomes = Fixtures.harness().outcomes(record, name: "clueweb.warc")
        let r = try #require(outcomes.records.first, "\(outcomes)")
        #expect(r.members == ["http://www.example.gov.cn/a.html"])
        #expect(r.text == FormatTests.loose["trs.html"]?.text)
    }

    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    /// CRC-16/ARC, as LHA stores it.
    func crc16(_ bytes: [UInt8]) -> UInt16 {
        var crc: UInt16 = 0
        for b in bytes {
            crc ^= UInt16(b)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
        }
        return crc
    }
}
