// sluice with a poisonous plugin, for the isolation tests only: on files
// whose content starts with a marker it crashes (a real segfault), hangs,
// or allocates without bound.
import Foundation
import SluiceCLI
import SluiceDefaultPlugins
import SluicePluginAPI

struct PoisonExtractor: LeafExtractor {
    let id = "poison"
    let version = "1"
    let accepts = InputPattern(extensions: ["poison"])

    func sniff(_ head: Data) -> SniffVerdict { .claims(if: head.starts(with: Data("POISON:".utf8))) }

    func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        let marker = String(decoding: document.bytes.prefix(20), as: UTF8.self)
        if marker.hasPrefix("POISON:CRASH") {
            let p = UnsafeMutablePointer<Int>(bitPattern: 8)!
            p.pointee = 1  // SIGSEGV, as a bug in a C library would
        }
        if marker.hasPrefix("POISON:HANG") {
            while true { Thread.sleep(forTimeInterval: 1) }
        }
        if marker.hasPrefix("POISON:ALLOC") {
            var hoard: [[UInt8]] = []
            while true { hoard.append([UInt8](repeating: 1, count: 16 << 20)) }
        }
        return [Extraction(text: "harmless " + document.path, mime: "text/x-poison")]
    }
}

SluiceCommand.main(plugins: [PoisonExtractor()] + Sluice.defaultPlugins, configured: Sluice.configuredPlugins)
