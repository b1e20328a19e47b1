/// A value in a record's `meta` object. The cases are few on purpose: corpus
/// loaders (pyarrow, DuckDB, `datasets`) need one type per key.
public enum MetaValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case strings([String])
    /// A list of flat string-to-string objects (e.g. attachments: url and text).
    case objects([[String: String]])
}

extension MetaValue: Codable {
    /// Encoded as the plain JSON value (a string, a number, a boolean, a list
    /// of strings or a list of flat objects), as in the corpus record.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) {
            self = .boolean(b)
        } else if let i = try? c.decode(Int.self) {
            self = .integer(i)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([String].self) {
            self = .strings(a)
        } else {
            self = .objects(try c.decode([[String: String]].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .integer(let i): try c.encode(i)
        case .boolean(let b): try c.encode(b)
        case .strings(let a): try c.encode(a)
        case .objects(let a): try c.encode(a)
        }
    }
}
