import Foundation
import SluiceLibArchive
import SluiceLibXML2
import SluicePluginAPI

/// The parts of an office file (a zip of XML parts), read with the shared
/// libarchive wrapper and parsed with the shared libxml2 wrapper.
struct OfficePackage {
    /// Part name → bytes, for the parts asked for only.
    private var parts: [String: [UInt8]] = [:]

    /// Reads the parts whose names `wanted` accepts. Together they are bounded
    /// by the run's limits and the input's expansion budget (``ExpansionMeter``),
    /// so a zip bomb wearing a .docx name costs a `limit` error, not the machine.
    init(_ document: SourceDocument, context: ExtractionContext, wanted: (String) -> Bool) throws(ExtractionError) {
        guard document.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw ExtractionError(
                .malformed,
                "not an office file: .docx, .xlsx, .odt and .ods are zip packages, and these bytes are not a zip")
        }
        let reader: ArchiveReader
        do {
            reader = try ArchiveReader(.memory(document.bytes), formats: .bundlesOrStream)
        } catch {
            throw ExtractionError(.malformed, "not a readable office file (its zip container: \(error.message))")
        }
        defer { reader.close() }
        // All parts together are one member's worth of expansion.
        var meter = ExpansionMeter(limits: context.limits, budget: context.expansion, ratioFloor: 0)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        do {
            while let entry = try reader.nextEntry() {
                guard entry.kind == .regular, wanted(entry.name) else {
                    reader.skipData()
                    continue
                }
                if entry.encrypted {
                    throw ExtractionError(.encrypted, "the office file is encrypted; Sluice cannot read it")
                }
                var bytes: [UInt8] = []
                while true {
                    let n = try reader.read(into: &buffer)
                    if n == 0 { break }
                    do { try meter.add(n, compressed: document.size) } catch { throw error.error }
                    bytes.append(contentsOf: buffer[0..<n])
                }
                parts[entry.name] = bytes
            }
        } catch let error as ArchiveError {
            throw ExtractionError(.malformed, "the office file's zip container is broken: \(error.message)")
        } catch let error as ExtractionError {
            throw error
        } catch {
            throw ExtractionError(.malformed, "the office file cannot be read: \(error)")
        }
    }

    var names: [String] { parts.keys.sorted() }

    func has(_ name: String) -> Bool { parts[name] != nil }

    func raw(_ name: String) -> [UInt8]? { parts[name] }

    /// The part as an XML tree; nil when absent. A part that is not XML is a `malformed` error.
    func xml(_ name: String) throws(ExtractionError) -> MarkupTree? {
        guard let bytes = parts[name] else { return nil }
        do {
            return try LibXML2.parseXML(bytes)
        } catch let failure where failure != .empty && failure != .unparseable && failure != .tooDeep {
            throw ExtractionError.limitExceeded("maxAttributes", "the part \(name) of the office file: \(failure)")
        } catch {
            throw ExtractionError(.malformed, "the part \(name) of the office file is not readable XML: \(error)")
        }
    }
}

extension MarkupTree {
    /// The first element named `name` (qualified, e.g. `dc:title`), if any.
    func first(_ name: String) -> Int? { first(in: root, name) }

    /// The first descendant element of `index` named `name`.
    func first(in index: Int, _ name: String) -> Int? {
        var found: Int?
        forEachDescendant(of: index) { i in
            if found == nil, self[i].kind == .element, self[i].name == name { found = i }
            return found == nil
        }
        return found
    }

    /// The trimmed text of the first element named `name`, nil when absent or empty.
    func firstText(_ name: String) -> String? {
        guard let i = first(name) else { return nil }
        let text = textContent(of: i).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The element children of `index`.
    func elementChildren(of index: Int) -> [Int] { children(of: index).filter { self[$0].kind == .element } }
}
