import Foundation
import SluicePluginAPI
import SluiceRuntime

/// Validates JSON against a JSON Schema, supporting the keywords Sluice's
/// record schema uses: `type`, `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `const`, `pattern`, `minLength`,
/// `minimum`, `maximum`, `anyOf`. An unsupported keyword is reported, never ignored.
public struct JSONSchemaValidator: Sendable {
    public let schema: JSONValue

    static let supported: Set<String> = [
        "$schema", "$id", "title", "description", "$comment", "type", "properties", "required",
        "additionalProperties", "items", "enum", "const", "pattern", "minLength", "minimum", "maximum", "anyOf",
    ]

    public init(schema: JSONValue) { self.schema = schema }

    public init(contentsOf url: URL) throws {
        schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }

    /// Problems found in `json` (one JSON text); empty when it is valid.
    public func validate(jsonText: String) -> [String] {
        do {
            return validate(try JSONDecoder().decode(JSONValue.self, from: Data(jsonText.utf8)))
        } catch {
            return ["not JSON: \(error)"]
        }
    }

    public func validate(_ value: JSONValue) -> [String] {
        var problems: [String] = []
        check(value, against: schema, at: "$", into: &problems)
        return problems
    }

    private func check(_ v: JSONValue, against s: JSONValue, at path: String, into problems: inout [String]) {
        guard case .object(let s) = s else {
            if case .bool(false) = s { problems.append("\(path): not allowed") }
            return
        }
        for key in s.keys where !Self.supported.contains(key) {
            problems.append("\(path): schema keyword '\(key)' is not supported by this validator")
        }
        if let t = s["type"] {
            let allowed: [String] =
                switch t {
                case .string(let one): [one]
                case .array(let many): many.compactMap { if case .string(let x) = $0 { x } else { nil } }
                default: []
                }
            if !allowed.contains(where: { Self.has(type: $0, v) }) {
                problems.append("\(path): expected \(allowed.joined(separator: " or ")), got \(Self.typeName(v))")
                return
            }
        }
        if case .array(let options) = s["enum"], !options.contains(v) {
            problems.append("\(path): not one of the enum values")
        }
        if let c = s["const"], c != v { problems.append("\(path): not the constant value") }
        if case .array(let options) = s["anyOf"] {
            let ok = options.contains { option in
                var p: [String] = []
                check(v, against: option, at: path, into: &p)
                return p.isEmpty
            }
            if !ok { problems.append("\(path): matches none of anyOf") }
        }
        switch v {
        case .string(let str):
            if case .int(let n) = s["minLength"], str.count < n { problems.append("\(path): shorter than \(n)") }
            if case .string(let p) = s["pattern"], str.range(of: p, options: .regularExpression) == nil {
                problems.append("\(path): does not match pattern \(p)")
            }
        case .int(let n):
            if case .int(let m) = s["minimum"], n < m { problems.append("\(path): below minimum \(m)") }
            if case .int(let m) = s["maximum"], n > m { problems.append("\(path): above maximum \(m)") }
        case .array(let items):
            if let itemSchema = s["items"] {
                for (i, item) in items.enumerated() {
                    check(item, against: itemSchema, at: "\(path)[\(i)]", into: &problems)
                }
            }
        case .object(let o):
            if case .array(let required) = s["required"] {
                for case .string(let k) in required where o[k] == nil { problems.append("\(path): missing '\(k)'") }
            }
            let properties: [String: JSONValue] = if case .object(let p) = s["properties"] { p } else { [:] }
            for (k, child) in o {
                if let ps = properties[k] {
                    check(child, against: ps, at: "\(path).\(k)", into: &problems)
                } else if let extra = s["additionalProperties"] {
                    check(child, against: extra, at: "\(path).\(k)", into: &problems)
                }
            }
        default: break
        }
    }

    static func has(type: String, _ v: JSONValue) -> Bool {
        switch (type, v) {
        case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double),
            ("string", .string), ("array", .array), ("object", .object):
            true
        default: false
        }
    }

    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
