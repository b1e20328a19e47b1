import Testing

@testable import SluiceText

/// The validator against the standard library's own (`String(validating:)`),
/// which follows the same table: they must agree on every input.
@Suite struct UTF8ValidationTests {
    static func agree(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(UTF8Validation.isValid) == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test func everyOneAndTwoByteInputAgrees() {
        for a in 0...255 {
            #expect(Self.agree([UInt8(a)]), "\(a)")
            for b in 0...255 where !Self.agree([UInt8(a), UInt8(b)]) {
                Issue.record("[\(a), \(b)]")
            }
        }
    }

    @Test func boundariesOfEveryLeadByteAgree() {
        // Each multi-byte lead with every second byte, then continuation bytes
        // at and just outside the edges of their range.
        let edges: [UInt8] = [0x7F, 0x80, 0xBF, 0xC0]
        for lead in UInt8(0xC0)...0xFF {
            for second in 0...255 {
                for third in edges {
                    for bytes in [
                        [lead, UInt8(second)], [lead, UInt8(second), third], [lead, UInt8(second), third, 0x80],
                    ]
                    where !Self.agree(bytes) {
                        Issue.record("\(bytes)")
                    }
                }
            }
        }
    }

    @Test func theWordAtATimeLoopHandsOverAtEveryOffset() {
        let sequences: [[UInt8]] = [
            [0xC3, 0xA9], [0xE4, 0xB8, 0xAD], [0xF0, 0x9F, 0x98, 0x80], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xFF],
        ]
        for prefix in 0...17 {
            for sequence in sequences {
                for suffix in [0, 1, 8] {
                    let bytes =
                        [UInt8](repeating: 0x61, count: prefix) + sequence + [UInt8](repeating: 0x62, count: suffix)
                    #expect(Self.agree(bytes), "\(prefix) ASCII + \(sequence) + \(suffix)")
                }
            }
        }
    }

    @Test func textInManyScriptsIsValidAndEveryCutOfItIsJudgedAlike() {
        let text = Array("Ministry notice 关于做好2024年工作的通知 — ÉTÉ, Москва, 😀 𠀀 ٱلسَّلَام".utf8)
        #expect(text.withUnsafeBufferPointer(UTF8Validation.isValid))
        for end in 0...text.count { #expect(Self.agree(Array(text[..<end])), "cut at \(end)") }
        for start in 0...text.count { #expect(Self.agree(Array(text[start...])), "from \(start)") }
    }

    @Test func randomBytesAgree() {
        var generator = SplitMix64(seed: 20_261_202)
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 40)
            let bytes = (0..<count).map { _ in
                // Mostly ASCII and lead/continuation bytes, as real pages have.
                let r = generator.next()
                return r % 3 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : UInt8(0x61 + r % 26)
            }
            #expect(Self.agree(bytes), "\(bytes)")
        }
    }
}

/// A small seeded generator, so a failure names an input that can be rerun.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
