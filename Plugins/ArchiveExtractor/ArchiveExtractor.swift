import Foundation
import SluiceLibArchive
import SluicePluginAPI

/// Bundles through libarchive: zip, the tar family (gzip, bzip2, xz, zstd),
/// 7z, rar/rar5, cpio, iso9660, single compressed files (`page.html.gz`)
/// and WARC. Each member is streamed back through the registry as a child
/// document, so a page inside a zip inside a tar.gz gives the record it
/// would give on disk, with its member chain. Limits (size, members,
/// expansion, ratio, depth) are checked while streaming; see
/// Docs/Archives.md.
public struct ArchiveExtractor: ContainerExtractor {
    public let id = "archive"
    public let version = "1.1.0"
    public let accepts = InputPattern(
        extensions: [
            "zip", "tar", "tgz", "gz", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "tzst", "7z", "rar", "cpio", "iso",
            "warc", "arc", "z", "taz", "lz4", "lz", "tlz", "lzma", "cab", "lzh", "lha", "xar", "rpm", "exe",
        ],
        mediaTypes: [
            "application/zip", "application/x-tar", "application/gzip", "application/x-7z-compressed",
            "application/vnd.rar", "application/warc",
        ])
    public let sniffDescription =
        "archive magic bytes: zip, gzip, bzip2, xz, zstd, compress, lz4, lzip, 7z, rar, cpio, ustar at 257, cab, lha, xar, rpm, WARC/1.x and 0.18"

    public init() {}

    public func sniff(_ head: Data) -> SniffVerdict {
        .claims(if: ArchiveSniffer.isArchive(Array(head.prefix(512))))
    }

    public func expand(_ document: SourceDocument, context: ExtractionContext, output: ContainerOutput) throws {
        var (reader, first) = try Self.open(document, formats: .bundlesOrStream)
        if first == nil, reader == nil {
            // Detecting zip/7z/iso needs read-ahead a truncated file cannot give;
            // the sequential formats still read every member before the cut.
            do {
                (reader, first) = try Self.open(document, formats: .sequentialBundles, failure: true)
            } catch let error as ExtractionError where document.bytes.starts(with: GzipMembers.magic) {
                // A .warc.gz or .tar.gz too short for libarchive's read-ahead past its damage.
                do {
                    try GzipMembers(document: document, context: context)
                        .salvageWARC(output: output, skipping: 0, damage: error)
                } catch let notWARC as ExtractionError where notWARC.message == error.message {
                    try CutTarSalvage(document: document, context: context, output: output)
                        .salvage(after: BundleWalker.Progress(), damage: error)
                }
                return
            }
        }
        if reader != nil, first == nil {
            // An archive with no members: empty, or compressed bytes that only
            // look like an empty tar (a run of NULs). The compressed content
            // read as one document settles which.
            (reader, first) = try Self.open(document, formats: .stream)
            guard let reader, first != nil, !reader.filterNames.isEmpty else {
                reader?.close()
                throw DocumentSkipped(reason: "empty-archive", detail: "the archive holds no members")
            }
        }
        guard let reader, let first else { return }
        defer { reader.close() }
        if reader.isRawStream {
            try expandStream(document, reader: reader, context: context, output: output)
            return
        }
        var progress = BundleWalker.Progress()
        do {
            try BundleWalker(reader: reader, context: context, output: output, document: document)
                .walk(first: first, progress: &progress)
        } catch let damage as ExtractionError
            where damage.kind == .malformed && CutTarSalvage.applies(to: reader)
        {
            // libarchive's gzip filter drops the output block a cut falls in:
            // whole members before the cut are read again through zlib.
            try CutTarSalvage(document: document, context: context, output: output)
                .salvage(after: progress, damage: damage)
        }
    }

    /// A reader and its first entry; (nil, nil) when libarchive could not
    /// read a first entry, or an error when `failure` says that is final.
    private static func open(_ document: SourceDocument, formats: ArchiveReader.Formats, failure: Bool = false) throws
        -> (ArchiveReader?, ArchiveReader.Entry?)
    {
        do {
            // A top-level file is streamed from disk; a member is already in memory.
            let source: ArchiveReader.Source =
                if let path = document.location, document.members.isEmpty { .file(path) } else {
                    .memory(document.bytes)
                }
            let reader = try ArchiveReader(source, formats: formats)
            do {
                guard let first = try reader.nextEntry() else {
                    reader.close()
                    return (reader, nil)
                }
                return (reader, first)
            } catch {
                reader.close()
                throw error
            }
        } catch {
            if failure { throw ExtractionError(.malformed, "not a readable archive: \(error)") }
            return (nil, nil)
        }
    }

    /// A bare stream: a WARC file (compressed or not), or one compressed document.
    private func expandStream(
        _ document: SourceDocument, reader: ArchiveReader, context: ExtractionContext, output: ContainerOutput
    ) throws {
        let stream = ArchiveStream(reader: reader, budget: context.expansion)
        let head = try stream.peek(8)
        if head.starts(with: Array("WARC/".utf8)) {
            var handled = 0
            do {
                try WARCReader(stream: stream, context: context, output: output, document: document)
                    .readAll(handled: &handled)
            } catch let error as ExtractionError where error.kind == .malformed && reader.filterNames == ["gzip"] {
                // libarchive reads ahead: a gzip stream damaged or cut (a crawl
                // killed while writing) fails some records before the damage.
                // Each WARC record is its own gzip member: read them one by one.
                try GzipMembers(document: document, context: context)
                    .salvageWARC(output: output, skipping: handled, damage: error)
            }
            return
        }
        guard !reader.filterNames.isEmpty else {
            // Most Windows programs are no self-extracting archive: not an error.
            if document.fileExtension == "exe" {
                throw DocumentSkipped(reason: "not-an-archive", detail: "a program, not a self-extracting archive")
            }
            throw ExtractionError(
                .unsupported, "not an archive format Sluice reads (no known archive structure or compression)")
        }
        let name = MemberName.strippingCompressionSuffix(document.fileName)
        output.tally("format:" + reader.filterNames.joined(separator: "+"))
        do {
            let bytes = try stream.readRest(limits: context.limits, ratioFrom: document.size)
            try output.emit(document.child(named: name, bytes: bytes, modified: document.modified))
        } catch let failure as MemberFailure {
            output.fail(member: name, error: failure.error)
        }
    }
}

/// Archive formats by their first bytes.
enum ArchiveSniffer {
    static func isArchive(_ b: [UInt8]) -> Bool {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + magic.count && b[offset..<(offset + magic.count)].elementsEqual(magic)
        }
        return starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06])  // zip, empty zip
            || starts([0x1F, 0x8B])  // gzip
            || starts(Array("BZh".utf8))  // bzip2
            || starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])  // xz
            || starts([0x28, 0xB5, 0x2F, 0xFD])  // zstd
            || starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])  // 7z
            || starts(Array("Rar!\u{1A}\u{07}".utf8))  // rar, rar5
            || starts(Array("070707".utf8)) || starts(Array("070701".utf8)) || starts(Array("070702".utf8))  // cpio
            || starts([0xC7, 0x71]) || starts([0x71, 0xC7])  // binary cpio
            || starts(Array("ustar".utf8), at: 257)  // tar
            || starts([0x1F, 0x9D])  // compress (.Z)
            || starts([0x04, 0x22, 0x4D, 0x18])  // lz4
            || starts(Array("LZIP".utf8))  // lzip
            || starts(Array("MSCF".utf8))  // cab
            || (starts(Array("-lh".utf8), at: 2) && b.count > 6 && b[6] == 0x2D)  // lha: "-lh?-" at 2
            || starts(Array("xar!".utf8))  // xar
            || starts([0xED, 0xAB, 0xEE, 0xDB])  // rpm
            || starts(Array("WARC/1.".utf8)) || starts(Array("WARC/0.1".utf8))
    }
}
