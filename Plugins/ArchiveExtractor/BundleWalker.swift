import Foundation
import SluiceLibArchive
import SluicePluginAPI

/// Walks the members of a bundle (zip, tar, 7z, …): regular members go back
/// through the registry; links, directories and devices are skip lines;
/// encrypted or over-limit members are error lines; damage ends the walk
/// with an error that says where, keeping every member before it.
struct BundleWalker {
    let reader: ArchiveReader
    let context: ExtractionContext
    let output: ContainerOutput
    let document: SourceDocument

    /// How far a walk got: what a salvage pass needs to read on from there.
    struct Progress {
        /// Entries dealt with (emitted, skipped or failed), from the first.
        var handled = 0
        /// The last entry whose header was read: its number (from 1) and
        /// where the header starts in the uncompressed stream.
        var lastHeader = 0
        var lastHeaderOffset: Int64 = 0
    }

    /// Walks from `first` (entry number `number` of the archive) to the end,
    /// passing over the entries numbered up to `skipping` (a salvage pass
    /// re-reading a stream from the middle).
    func walk(first: ArchiveReader.Entry, number: Int = 1, skipping: Int = 0, progress: inout Progress) throws {
        var entry: ArchiveReader.Entry? = first
        var index = number - 1
        var lastName = "(start)"
        while let e = entry {
            index += 1
            progress.lastHeader = index
            progress.lastHeaderOffset = reader.headerOffset
            let name = MemberName.normalized(MemberNameDecoder.decode(e.rawName))
            if index <= skipping {
                reader.skipData()
                lastName = name
                entry = try nextEntry(after: index, lastName)
                continue
            }
            if index > context.limits.maxMembers {
                output.fail(
                    member: name,
                    error: .limitExceeded(
                        "maxMembers",
                        "the archive has more than \(context.limits.maxMembers) members (the maxMembers limit); the rest are not read"
                    ))
                return
            }
            try visit(e, name: name)
            progress.handled = index
            lastName = name
            entry = try nextEntry(after: index, lastName)
        }
    }

    private func nextEntry(after index: Int, _ lastName: String) throws -> ArchiveReader.Entry? {
        do {
            return try reader.nextEntry()
        } catch {
            throw ExtractionError(
                .malformed, "the archive is damaged after member \(index) (\(lastName)): \(error.message)")
        }
    }

    private func visit(_ e: ArchiveReader.Entry, name: String) throws {
        switch e.kind {
        case .directory:
            output.skip(member: name, reason: "directory", detail: nil)
            return
        case .symlink:
            output.skip(member: name, reason: "symlink", detail: "links inside archives are not followed")
            return
        case .hardlink:
            output.skip(member: name, reason: "hardlink", detail: "the linked member is read under its own name")
            return
        case .other:
            output.skip(member: name, reason: "special-file", detail: "a device, fifo or socket entry")
            return
        case .regular:
            output.tally("format:" + reader.formatName)
        }
        if e.encrypted {
            reader.skipData()
            output.fail(
                member: name, error: ExtractionError(.encrypted, "the member is encrypted; Sluice reads no passwords"))
            return
        }
        if let size = e.declaredSize, size > context.limits.maxDocumentBytes {
            reader.skipData()
            output.fail(
                member: name,
                error: .limitExceeded(
                    "maxDocumentBytes",
                    "the member is \(size) bytes, over the maxDocumentBytes limit; raise it to read this member"
                ))
            return
        }
        do {
            let bytes = try readMember()
            try output.emit(document.child(named: name, bytes: bytes, modified: e.modified))
        } catch let failure as MemberFailure {
            reader.skipData()
            output.fail(member: name, error: failure.error)
        }
    }

    /// The current member's bytes, with the limits checked block by block
    /// (``ExpansionMeter``): the ratio compares bytes out with the compressed
    /// bytes consumed since the member began.
    private func readMember() throws -> Data {
        let start = reader.compressedBytesRead
        var meter = ExpansionMeter(limits: context.limits, budget: context.expansion)
        var out = Data()
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n: Int
            do {
                n = try reader.read(into: &block)
            } catch {
                let message = error.message
                if message.lowercased().contains("encrypt") || message.lowercased().contains("passphrase") {
                    throw MemberFailure(error: ExtractionError(.encrypted, "the member is encrypted: \(message)"))
                }
                throw ExtractionError(.malformed, "the archive is damaged inside a member: \(message)")
            }
            if n == 0 { return out }
            do {
                try meter.add(n, compressed: Int(reader.compressedBytesRead - start))
            } catch .member(let error) {
                throw MemberFailure(error: error)
            } catch {
                throw error.error
            }
            out.append(contentsOf: block[0..<n])
        }
    }
}
