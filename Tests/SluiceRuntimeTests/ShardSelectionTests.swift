import Foundation
import Testing

@testable import SluiceRuntime

@Suite struct ShardSelectionTests {
    /// Every path lands in exactly one shard, the shards are about even, and
    /// the choice never changes between versions (a resumed task must pick
    /// the inputs it started with): the values below are pinned.
    @Test func everyPathInExactlyOneStableShard() {
        let paths = (0..<4000).map { "www.example.gov.cn/art/\($0 % 37)/t\($0).html" }
        let shards = (0..<8).map { ShardSelection(index: $0, count: 8, source: "flag") }
        var sizes = [Int](repeating: 0, count: 8)
        for path in paths {
            let owners = shards.filter { $0.contains(path) }
            #expect(owners.count == 1)
            sizes[owners[0].index] += 1
        }
        #expect(sizes.allSatisfy { $0 > 400 && $0 < 600 }, "\(sizes)")
        // The documented rule, computed independently: int.from_bytes(sha256(path)[:8], "big") % 1000 in Python.
        #expect(["a/b.html", "通知/公告.htm", "x"].map { ShardSelection.shard(of: $0, count: 1000) } == [52, 518, 876])
    }
}
