import Foundation
import SluicePluginAPI

/// Plain-text captures: decodes the bytes (BOM, UTF-8, GB18030, then
/// windows-1252), refuses binary, and recognises the shape ministry pages
/// take when saved as text (a 当前位置 trail, a headline, an optional ——
/// subtitle and 发布时间/来源 line, then the body).
public struct TextExtractor: LeafExtractor {
    public let id = "text"
    public let version = "1.0.0"
    public let accepts = InputPattern(extensions: ["txt", "text"], mediaTypes: ["text/plain"])
    public let sniffDescription = "text: UTF-8/16 with BOM, valid UTF-8, GB18030 Chinese, or printable single-byte"

    public init() {}

    /// Generic: any text would do, so a plugin that names a file's extension is asked first.
    public let isGeneric = true

    public func sniff(_ head: Data) -> SniffVerdict { .claims(if: TextSniffer.looksLikeText(head)) }

    public func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        let decoded = try TextSniffer.decode(document)
        let layout = PlainTextLayout(decoded.text)
        var meta: [String: MetaValue] = [:]
        if let subtitle = layout.subtitle { meta["subtitle"] = .string(subtitle) }
        if let author = layout.header?.author { meta["author"] = .string(author) }
        if let editor = layout.header?.editor { meta["editor"] = .string(editor) }
        return [
            Extraction(
                text: layout.body, title: layout.title, published: layout.header?.published,
                sourceOrg: layout.header?.source, breadcrumb: layout.breadcrumb, url: document.hints.url,
                mime: "text/plain", encoding: decoded.charset.name, meta: meta)
        ]
    }
}
