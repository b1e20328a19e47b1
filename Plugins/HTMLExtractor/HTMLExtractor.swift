import Foundation
import SluiceCore
import SluiceLibXML2

public struct HTMLExtractor: LeafExtractor {
    public let id = "html"
    public let version = "0.1.0"
    public let accepts = InputPattern(extensions: ["html", "htm", "shtml", "xhtml"], mediaTypes: ["text/html"])
    public init() {}
    public func sniff(_ head: Data) -> Bool { false }
    public func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] { [] }
}
