import Foundation
import SluiceLibArchive
import SluicePluginAPI
import SluiceZlib

/// A `.tar.gz` cut while it was written (a crawler's bundle still growing)
/// or damaged part-way: libarchive stops a whole output block (up to 64 KiB
/// of members) before the damage. Here the gzip stream is inflated through
/// zlib as far as it is intact, within the input's expansion budget; the
/// bytes from the last header the first pass read go to a temporary file
/// (so its size is about that block, whatever the archive's), and the
/// members not yet handed on are read from it. The damage is then reported
/// as the input's error, as before, saying how many members were saved.
struct CutTarSalvage {
    let document: SourceDocument
    let context: ExtractionContext
    let output: ContainerOutput

    /// A gzip-compressed tar or cpio: sequential members in one gzip stream.
    static func applies(to reader: ArchiveReader) -> Bool {
        let format = reader.formatName.lowercased()
        return reader.filterNames == ["gzip"] && (format.contains("tar") || format.contains("cpio"))
    }

    /// Reads the members the first pass did not hand on (`progress` says how
    /// far it got), then throws `damage` with what was saved.
    func salvage(after progress: BundleWalker.Progress, damage: ExtractionError) throws {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-salvage-\(UUID().uuidString).tar")
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
            let sink = FileHandle(forWritingAtPath: file.path)
        else { throw damage }
        defer { try? FileManager.default.removeItem(at: file) }
        // Re-read from the last header the first pass read (entry `lastHeader`).
        let start = progress.lastHeader > 0 ? progress.lastHeaderOffset : 0
        let firstEntry = progress.lastHeader > 0 ? progress.lastHeader : 1
        let end: GzipInflater.End
        do {
            defer { try? sink.close() }
            var blocks = DocumentBlocks(document)
            defer { blocks.close() }
            var position: Int64 = 0
            end = try GzipInflater.inflate(
                limit: context.expansion.limit, next: { try blocks.next() },
                output: { block in
                    let skip = Int(max(0, min(start - position, Int64(block.count))))
                    position += Int64(block.count)
                    if skip < block.count { try sink.write(contentsOf: block.dropFirst(skip)) }
                })
        }
        guard end != .complete else { throw damage }  // intact gzip: the damage is in the tar itself
        // The file starts at entry `firstEntry`; those up to `handled` were handed on.
        var salvaged = BundleWalker.Progress()
        guard let reader = try? ArchiveReader(.file(file.path), formats: .sequentialBundles) else { throw damage }
        defer { reader.close() }
        do {
            if let first = try? reader.nextEntry() {
                try BundleWalker(reader: reader, context: context, output: output, document: document)
                    .walk(first: first, number: firstEntry, skipping: progress.handled, progress: &salvaged)
            }
        } catch let cut as ExtractionError where cut.kind == .malformed {
            // The inflated bytes end inside a member too: what came before it was read.
            // (Anything else, a limit or a stop, ends the salvage as it would the walk.)
        }
        let saved = max(0, salvaged.handled - progress.handled)
        guard saved > 0 else { throw damage }
        throw ExtractionError(
            .malformed, "\(damage.message); read through zlib up to the damage, \(saved) more entries were read")
    }
}

/// A document's bytes a block at a time: from its file when it is one on
/// disk (never loaded whole), else from memory.
private struct DocumentBlocks {
    private var handle: FileHandle?
    private var remaining: Data.SubSequence

    init(_ document: SourceDocument) {
        if let path = document.location, document.members.isEmpty {
            handle = FileHandle(forReadingAtPath: path)
        }
        remaining = handle == nil ? document.bytes[...] : Data()[...]
    }

    mutating func next() throws -> [UInt8]? {
        if let handle {
            guard let block = try handle.read(upToCount: 1 << 20), !block.isEmpty else { return nil }
            return Array(block)
        }
        guard !remaining.isEmpty else { return nil }
        defer { remaining = remaining.dropFirst(1 << 20) }
        return Array(remaining.prefix(1 << 20))
    }

    func close() { try? handle?.close() }
}
