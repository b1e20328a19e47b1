import Foundation
import SluiceLibXML2
import SluicePluginAPI

/// Office attachments: Word (.docx) and OpenDocument (.odt) text, Excel
/// (.xlsx) and OpenDocument (.ods) sheets as tab-separated rows. Composes
/// the shared libarchive wrapper (the zip container) and the shared libxml2
/// wrapper (the XML parts); no C library of its own.
///
/// `title` comes from the document properties (`dc:title`), `published`
/// from their creation date (`dcterms:created`, `meta:creation-date`), the
/// author into `meta.author`. Legacy binary .doc/.xls/.ppt get an
/// `unsupported` error line: declare an external plugin for them in
/// `sluice.toml` (it is asked first). Presentations (.pptx/.odp) too.
///
/// Threading: stateless; every call parses its own parts.
public struct OfficeExtractor: LeafExtractor {
    public let id = "office"
    public let version = "1.0.0"
    /// Claimed by name before sniffing: every one of these is a zip, which the
    /// archive plugin would otherwise open as a bundle of XML files.
    public let accepts = InputPattern(
        extensions: [
            "docx", "docm", "dotx", "odt", "ott", "xlsx", "xlsm", "ods", "ots", "doc", "xls", "ppt", "pptx", "odp",
        ],
        mediaTypes: [
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/msword", "application/vnd.ms-excel",
        ],
        claimsByName: true)
    public let sniffDescription =
        "a zip whose first part is [Content_Types].xml (Office Open XML) or an OpenDocument mimetype; an OLE2 compound file (legacy Office)"

    public init() {}

    static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    public func sniff(_ head: Data) -> SniffVerdict {
        if head.starts(with: Self.ole2Magic) { return .claims }
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return .unsure }
        // The first local header's name starts at byte 30.
        let name = head.dropFirst(30).prefix(40)
        return .claims(
            if: name.starts(with: Array("[Content_Types].xml".utf8))
                || name.starts(with: Array("mimetypeapplication/vnd.oasis.opendocument.".utf8)))
    }

    public func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        if document.bytes.starts(with: Self.ole2Magic) {
            throw ExtractionError(
                .unsupported,
                "legacy binary Office file (.doc/.xls/.ppt, an OLE2 compound file): the office plugin reads .docx, .odt, .xlsx and .ods; declare an external plugin for it in sluice.toml (see Docs/WritingAPlugin.md)"
            )
        }
        let package = try OfficePackage(document, context: context) { name in
            name == "[Content_Types].xml" || name == "mimetype" || name == "word/document.xml"
                || name == "docProps/core.xml" || name == "meta.xml" || name == "content.xml"
                || name == "xl/workbook.xml" || name == "xl/_rels/workbook.xml.rels" || name == "xl/sharedStrings.xml"
                || (name.hasPrefix("xl/worksheets/") && name.hasSuffix(".xml"))
        }
        if package.has("word/document.xml") {
            let text = DocumentText.wordprocessingML(try package.xml("word/document.xml")!)
            return [extraction(text, DocumentProperties(ooxmlCore: try package.xml("docProps/core.xml")), .docx)]
        }
        // Sheet text is bounded like expanded bytes: repeated cells and shared
        // strings multiply text that the file holds once.
        var meter = ExpansionMeter(limits: context.limits, budget: context.expansion, source: document.size)
        if package.has("xl/workbook.xml") {
            let shared = SheetText.sharedStrings(try package.xml("xl/sharedStrings.xml"))
            var sheets: [SheetText.Sheet] = []
            for sheet in try SheetText.workbookSheets(
                workbook: package.xml("xl/workbook.xml"), relationships: package.xml("xl/_rels/workbook.xml.rels"))
            {
                guard let tree = try package.xml(sheet.part) else { continue }
                sheets.append(try SheetText.worksheet(tree, name: sheet.name, shared: shared, meter: &meter))
            }
            var e = extraction(
                sheets.map(\.text).joined(separator: "\n\n"),
                DocumentProperties(ooxmlCore: try package.xml("docProps/core.xml")), .xlsx)
            e.meta["sheets"] = .strings(sheets.map(\.name))
            return [e]
        }
        let mimetype = package.raw("mimetype").map { String(decoding: $0, as: UTF8.self) } ?? ""
        if mimetype.hasPrefix("application/vnd.oasis.opendocument.text"), let content = try package.xml("content.xml") {
            return [
                extraction(
                    DocumentText.openDocumentText(content), DocumentProperties(odfMeta: try package.xml("meta.xml")),
                    .odt)
            ]
        }
        if mimetype.hasPrefix("application/vnd.oasis.opendocument.spreadsheet"),
            let content = try package.xml("content.xml")
        {
            let sheets = try SheetText.openDocumentSheets(content, meter: &meter)
            var e = extraction(
                sheets.map(\.text).joined(separator: "\n\n"), DocumentProperties(odfMeta: try package.xml("meta.xml")),
                .ods)
            e.meta["sheets"] = .strings(sheets.map(\.name))
            return [e]
        }
        let what = mimetype.isEmpty ? "an Office Open XML package without a document or workbook part" : mimetype
        throw ExtractionError(
            .unsupported,
            "\(what): the office plugin reads word-processing documents and spreadsheets (.docx, .odt, .xlsx, .ods), not presentations or other packages"
        )
    }

    enum Format: String {
        case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case odt = "application/vnd.oasis.opendocument.text"
        case ods = "application/vnd.oasis.opendocument.spreadsheet"
    }

    private func extraction(_ text: String, _ properties: DocumentProperties, _ format: Format) -> Extraction {
        var meta: [String: MetaValue] = [:]
        if let author = properties.creator { meta["author"] = .string(author) }
        return Extraction(
            text: text, title: properties.title, published: properties.created, mime: format.rawValue, meta: meta)
    }
}
