/// A map from pointers to small values, by open addressing: the builder asks
/// it once per element and attribute for the id of a name libxml2 interned,
/// and a `Dictionary` spent most of that time hashing (SipHash) the key.
struct PointerTable<Value> {
    private var keys: [UInt]
    private var values: [Value?]
    private var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
    }

    private func slot(_ key: UInt) -> Int {
        // Fibonacci hashing: the pointer's low bits are alignment, its high bits the same.
        let mask = UInt(keys.count - 1)
        var i = Int(truncatingIfNeeded: (((key >> 3) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask)
        while keys[i] != 0, keys[i] != key { i = (i + 1) & Int(mask) }
        return i
    }

    subscript(_ pointer: UnsafeRawPointer) -> Value? {
        get {
            let i = slot(UInt(bitPattern: pointer))
            return keys[i] == 0 ? nil : values[i]
        }
        set {
            guard let newValue else { return }  // entries are never removed
            let key = UInt(bitPattern: pointer)
            let i = slot(key)
            if keys[i] == 0 {
                keys[i] = key
                count += 1
            }
            values[i] = newValue
            if count * 2 > keys.count { grow() }
        }
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != 0 }
        keys = Array(repeating: 0, count: keys.count * 2)
        values = Array(repeating: nil, count: keys.count)
        for (key, value) in old {
            let i = slot(key)
            keys[i] = key
            values[i] = value
        }
    }
}
