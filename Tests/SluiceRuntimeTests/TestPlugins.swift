import Foundation
import SluicePluginAPI

/// A leaf plugin for tests: content starting with `STUB:` is its own.
/// `STUB:FAIL` throws, `STUB:SKIP` skips, `STUB:BOOM` throws a foreign error.
struct StubLeaf: LeafExtractor {
    let id = "stub"
    let version = "1"
    let accepts = InputPattern(extensions: ["stub"])

    func sniff(_ head: Data) -> SniffVerdict { .claims(if: head.starts(with: Data("STUB:".utf8))) }

    struct Foreign: Error {}

    func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        let text = String(decoding: document.bytes, as: UTF8.self).dropFirst(5)
        switch text {
        case "FAIL": throw ExtractionError(.malformed, "stub says no")
        case "SKIP": throw DocumentSkipped(reason: "not-article", detail: "a list page")
        case "BOOM": throw Foreign()
        default:
            return [
                Extraction(
                    text: String(text), title: "T \(context.options.string("suffix") ?? "")", mime: "text/x-stub")
            ]
        }
    }
}

/// A container for tests: `BUNDLE\n`, then per member a line with its name, a
/// line with its length, and its bytes. Names ending in `/` are directories;
/// names starting with `locked` are "encrypted".
struct LineBundle: ContainerExtractor {
    let id = "bundle"
    let version = "1"
    let accepts = InputPattern(extensions: ["bundle"])

    static func make(_ members: [(String, Data)]) -> Data {
        var out = Data("BUNDLE\n".utf8)
        for (name, bytes) in members {
            out += Data("\(name)\n\(bytes.count)\n".utf8) + bytes
        }
        return out
    }

    func sniff(_ head: Data) -> SniffVerdict { .claims(if: head.starts(with: Data("BUNDLE\n".utf8))) }

    func expand(_ document: SourceDocument, context: ExtractionContext, output: ContainerOutput) throws {
        var rest = document.bytes.dropFirst(7)
        func line() -> String? {
            guard let nl = rest.firstIndex(of: 0x0A) else { return nil }
            defer { rest = rest[(nl + 1)...] }
            return String(decoding: rest[..<nl], as: UTF8.self)
        }
        while let name = line(), let count = line().flatMap({ Int($0) }) {
            guard rest.count >= count else { throw ExtractionError(.malformed, "bundle truncated in \(name)") }
            let bytes = Data(rest.prefix(count))
            rest = rest.dropFirst(count)
            if name.hasSuffix("/") {
                output.skip(member: name, reason: "directory", detail: nil)
            } else if name.hasPrefix("locked") {
                output.fail(member: name, error: ExtractionError(.encrypted, "member is encrypted"))
            } else {
                try output.emit(document.child(named: name, bytes: bytes))
            }
        }
    }
}

/// A generic plugin for routing tests: claims any content that is not empty.
struct AnyText: LeafExtractor {
    let id = "anytext"
    let version = "1"
    let accepts = InputPattern(extensions: ["txt"])
    let isGeneric = true
    func sniff(_ head: Data) -> SniffVerdict { .claims(if: !head.isEmpty) }
    func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        [Extraction(text: String(decoding: document.bytes, as: UTF8.self), mime: "text/plain")]
    }
}

/// A specific plugin naming `*.mail`: claims `From:` first lines, refuses
/// content that starts with `%PDF`, is unsure otherwise.
struct MailLike: LeafExtractor {
    let id = "mail"
    let version = "1"
    let accepts = InputPattern(extensions: ["mail"])
    func sniff(_ head: Data) -> SniffVerdict {
        if head.starts(with: Data("%PDF".utf8)) { return .refuses }
        return .claims(if: head.starts(with: Data("From:".utf8)))
    }
    func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        [Extraction(text: "mail", mime: "message/rfc822")]
    }
}
