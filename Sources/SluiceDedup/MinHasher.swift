import CXXHash

/// MinHash signatures and their LSH band keys.
///
/// Each of `bands x rows` hash functions is `h -> (a*h + b) >> 32` over the
/// shingle's 64-bit XXH3 (multiply-shift hashing, Dietzfelbinger et al.
/// 1997), with odd `a` and any `b` drawn from SplitMix64 (Steele et al. 2014)
/// with a fixed seed, so signatures are the same on every machine and run.
/// A signature is the minimum of each function over the shingles; two texts'
/// signatures agree in a share of positions that estimates the Jaccard
/// similarity of their shingle sets.
struct MinHasher: Sendable {
    let parameters: DedupParameters
    private let multipliers: [UInt64]
    private let increments: [UInt64]

    init(_ parameters: DedupParameters) {
        self.parameters = parameters
        var state: UInt64 = 0x5EED_D0C5
        func next() -> UInt64 {
            // SplitMix64.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let count = parameters.bands * parameters.rows
        multipliers = (0..<count).map { _ in next() | 1 }
        increments = (0..<count).map { _ in next() }
    }

    func signature(of shingles: [UInt64]) -> [UInt32] {
        let count = multipliers.count
        var signature = [UInt32](repeating: .max, count: count)
        signature.withUnsafeMutableBufferPointer { sig in
            multipliers.withUnsafeBufferPointer { a in
                increments.withUnsafeBufferPointer { b in
                    for h in shingles {
                        for i in 0..<count {
                            let v = UInt32(truncatingIfNeeded: (a[i] &* h &+ b[i]) >> 32)
                            if v < sig[i] { sig[i] = v }
                        }
                    }
                }
            }
        }
        return signature
    }

    /// One key per band: XXH3 of the band's rows, seeded by the band number,
    /// so equal rows in different bands give different keys.
    func bandKeys(of signature: [UInt32]) -> [Int64] {
        let rows = parameters.rows
        return signature.withUnsafeBytes { raw in
            (0..<parameters.bands).map { band in
                Int64(bitPattern: XXH3_64bits_withSeed(raw.baseAddress! + band * rows * 4, rows * 4, UInt64(band)))
            }
        }
    }

    /// The share of positions where two signatures agree: the estimated Jaccard similarity.
    static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var same = 0
        for i in a.indices where a[i] == b[i] { same += 1 }
        return Double(same) / Double(a.count)
    }
}
