import Foundation
import SluicePluginAPI
import Testing

@testable import ArchiveExtractor

/// A `.tar.gz` cut anywhere (a crawler's bundle still being written) gives
/// every member that lies whole before the cut, as `gzip -dc` reads the cut
/// file; the cut itself is one `malformed` line for the input.
@Suite struct CutTarSalvageTests {
    /// Ends of the members (header offset + 512 + size) in an uncompressed
    /// ustar stream, read from its headers, in order.
    static func memberEnds(_ tar: [UInt8]) -> [Int] {
        var ends: [Int] = []
        var offset = 0
        while offset + 512 <= tar.count, tar[offset] != 0 {
            let field = tar[(offset + 124)..<(offset + 136)].prefix { $0 != 0 && $0 != 0x20 }
            guard let size = Int(String(decoding: field, as: UTF8.self), radix: 8) else { break }
            ends.append(offset + 512 + size)
            offset += 512 + (size + 511) / 512 * 512
        }
        return ends
    }

    @Test(.enabled(if: Fixtures.hasTools("tar", "gzip", "sh"), "tar, gzip or sh is not installed"))
    func everyWholeMemberBeforeTheCutIsRead() throws {
        let f = try Fixtures()
        defer { f.dir.remove() }
        let names = (1...40).map { String(format: "notices/n%02d.txt", $0) }
        for (n, name) in names.enumerated() {
            let body = (0..<12).map {
                "Notice \(n + 1), item \($0): the reservoir gate opens at dawn on day \($0 + n)."
            }
            try f.dir.write(Data(("Notice \(n + 1)\n\n" + body.joined(separator: " ") + "\n").utf8), to: name)
        }
        try f.run("tar", ["--format=ustar", "-cf", "notices.tar"] + names)
        let tar = Array(try f.bytes("notices.tar"))
        let ends = Self.memberEnds(tar)
        #expect(ends.count == names.count)
        let gz = try f.run("gzip", ["-n", "-9", "-c", "notices.tar"])
        for share in [0.15, 0.4, 0.65, 0.9] {
            let cut = gz.prefix(Int(Double(gz.count) * share))
            try f.dir.write(cut, to: "cut.tar.gz")
            // gzip -dc writes what it can before it meets the cut (and exits 1).
            let readable = try f.run("sh", ["-c", "gzip -dc < cut.tar.gz 2>/dev/null; true"]).count
            let whole = ends.filter { $0 <= readable }.count
            let outcomes = Fixtures.harness().outcomes(cut, name: "cut.tar.gz")
            #expect(
                outcomes.records.count == whole, "cut at \(share): \(outcomes.records.count) of \(whole) whole members")
            #expect(outcomes.records.map(\.members) == names.prefix(whole).map { [$0] })
            let damage = try #require(outcomes.errors.last)
            #expect(damage.kind == "malformed" && damage.members.isEmpty, "\(damage)")
        }
    }
}
