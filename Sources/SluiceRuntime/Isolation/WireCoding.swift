import SluicePluginAPI

/// A frame or value of the worker protocol that cannot be read: the worker
/// wrote something this supervisor does not understand, or its output ended
/// in the middle of a frame.
enum WireError: Error, Equatable {
    case truncated
    case malformed(String)
}

/// Appends values in the worker protocol's binary encoding: integers as 8
/// little-endian bytes, strings as their UTF-8 length and bytes, optionals
/// and JSON values behind a one-byte tag. Binary, not JSON, because every
/// record crosses the pipe: Foundation's JSON coders on both ends took a
/// third of what isolation cost (Docs/Benchmarks.md).
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional(_ value: String?) {
        guard let value else { return bool(false) }
        bool(true)
        string(value)
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    mutating func json(_ value: JSONValue) {
        switch value {
        case .null: byte(0)
        case .bool(let b):
            byte(1)
            bool(b)
        case .int(let i):
            byte(2)
            int(i)
        case .double(let d):
            byte(3)
            double(d)
        case .string(let s):
            byte(4)
            string(s)
        case .array(let a):
            byte(5)
            int(a.count)
            for element in a { json(element) }
        case .object(let o):
            byte(6)
            jsonObject(o)
        }
    }

    mutating func jsonObject(_ object: [String: JSONValue]) {
        int(object.count)
        for (key, value) in object {
            string(key)
            json(value)
        }
    }
}

/// Reads what a ``WireWriter`` wrote. Every length and count is checked
/// against the bytes left before it is used, so a damaged frame throws
/// ``WireError`` instead of trapping or allocating what it claims.
struct WireReader {
    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { at == bytes.count }

    mutating func byte() throws(WireError) -> UInt8 {
        guard at < bytes.count else { throw .truncated }
        defer { at += 1 }
        return bytes[at]
    }

    private mutating func word() throws(WireError) -> UInt64 {
        guard bytes.count - at >= 8 else { throw .truncated }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        at += 8
        return value
    }

    mutating func int() throws(WireError) -> Int { Int(Int64(bitPattern: try word())) }

    mutating func bool() throws(WireError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let b: throw .malformed("boolean byte \(b)")
        }
    }

    mutating func double() throws(WireError) -> Double { Double(bitPattern: try word()) }

    /// A count of items that each take at least one byte: never more than the bytes left.
    private mutating func count() throws(WireError) -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw .malformed("count \(n) with \(bytes.count - at) bytes left") }
        return n
    }

    mutating func string() throws(WireError) -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: bytes[at..<at + n], as: UTF8.self)
    }

    mutating func optional() throws(WireError) -> String? { try bool() ? try string() : nil }

    mutating func strings() throws(WireError) -> [String] {
        let n = try count()
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try string()) }
        return values
    }

    /// Nesting is bounded by what a worker's records hold; a deeper value is damage.
    mutating func json(depth: Int = 0) throws(WireError) -> JSONValue {
        guard depth < 64 else { throw .malformed("JSON value nested deeper than 64") }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(try bool())
        case 2: return .int(try int())
        case 3: return .double(try double())
        case 4: return .string(try string())
        case 5:
            let n = try count()
            var values: [JSONValue] = []
            values.reserveCapacity(n)
            for _ in 0..<n { values.append(try json(depth: depth + 1)) }
            return .array(values)
        case 6: return .object(try jsonObject(depth: depth + 1))
        case let tag: throw .malformed("JSON value tag \(tag)")
        }
    }

    mutating func jsonObject(depth: Int = 0) throws(WireError) -> [String: JSONValue] {
        let n = try count()
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(n)
        for _ in 0..<n {
            let key = try string()
            object[key] = try json(depth: depth)
        }
        return object
    }
}
