import Foundation
import SluiceLibArchive
import SluicePluginAPI

/// A gzip file read member by member, for salvage: a WARC file (`.warc.gz`)
/// holds one gzip member per record, so a damaged or cut member costs that
/// record, not the ones around it. Members are found by their magic bytes
/// (`1F 8B 08`); a candidate that does not decode is joined to the next (the
/// magic may occur inside compressed data), and what is left undecoded at the
/// end is the damage.
struct GzipMembers {
    let document: SourceDocument
    let context: ExtractionContext

    static let magic: [UInt8] = [0x1F, 0x8B, 0x08]

    /// Reads the WARC records of every member that decodes, past the first
    /// `skipping` records (already handed on by the streaming pass), then
    /// reports the damage as one error line for the file.
    /// - Throws: `damage` itself when the first member is no WARC record.
    func salvageWARC(output: ContainerOutput, skipping: Int, damage: ExtractionError) throws {
        var handled = 0
        var pending: [UInt8] = []
        var lost = false
        var isWARC: Bool? = nil
        try forEachSegment { segment in
            pending += segment
            guard let decoded = Self.gunzip(pending) else { return }
            pending.removeAll()
            if isWARC == nil { isWARC = decoded.starts(with: Data("WARC/".utf8)) }
            guard isWARC == true else { throw damage }
            let reader = try ArchiveReader(.memory(decoded), formats: .stream)
            defer { reader.close() }
            guard try reader.nextEntry() != nil else { return }
            let stream = ArchiveStream(reader: reader, budget: context.expansion)
            var inMember = 0
            try WARCReader(stream: stream, context: context, output: output, document: document)
                .readAll(handled: &inMember, skipping: max(skipping - handled, 0))
            handled += inMember
        }
        lost = !pending.isEmpty
        guard isWARC == true else { throw damage }
        output.fail(
            member: lost ? "record \(handled + 1)" : "(stream)",
            error: ExtractionError(
                .malformed,
                "\(damage.message); the records of every intact gzip member were read, "
                    + (lost ? "the damaged one (record \(handled + 1)) is lost" : "none is lost")))
    }

    /// Calls `body` with each candidate member's bytes, in order, reading the
    /// file (or the document's bytes) a block at a time.
    private func forEachSegment(_ body: ([UInt8]) throws -> Void) throws {
        var buffer: [UInt8] = []
        var scanned = 1  // a member starts at 0; look for the next from 1
        func flush(upTo end: Int) throws {
            try body(Array(buffer[..<end]))
            buffer.removeFirst(end)
            scanned = 1
        }
        func scan() throws {
            var i = scanned
            while i + 3 <= buffer.count {
                if buffer[i] == 0x1F, buffer[i + 1] == 0x8B, buffer[i + 2] == 0x08 {
                    try flush(upTo: i)
                    i = 1
                    continue
                }
                i += 1
            }
            scanned = max(1, buffer.count - 2)
        }
        if let path = document.location, document.members.isEmpty, let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
                buffer += block
                try scan()
            }
        } else {
            buffer = Array(document.bytes)
            try scan()
        }
        if !buffer.isEmpty { try body(buffer) }
    }

    /// One gzip member's content, or nil when it does not decode whole.
    static func gunzip(_ member: [UInt8]) -> Data? {
        guard member.starts(with: magic), let reader = try? ArchiveReader(.memory(Data(member)), formats: .stream)
        else { return nil }
        defer { reader.close() }
        guard (try? reader.nextEntry()) != nil else { return nil }
        var out = Data()
        var block = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            guard let n = try? reader.read(into: &block) else { return nil }
            if n == 0 { return out }
            out.append(contentsOf: block[0..<n])
        }
    }
}
