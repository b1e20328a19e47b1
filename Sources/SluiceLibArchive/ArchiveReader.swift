import CLibArchive
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// libarchive, wrapped once: the only file in Sluice that touches a
/// `struct archive *`. A reader owns its handle and the bytes it reads from,
/// frees both on every path (``close()`` or deinit), and streams: one entry
/// at a time, data in blocks, nothing written to disk.
///
/// Threading: a reader is used by one thread at a time; it is not `Sendable`.
public final class ArchiveReader {
    /// What to read.
    public enum Source {
        /// Bytes in memory; the reader keeps them alive while it reads.
        case memory(Data)
        /// A file, read in blocks (for large top-level inputs).
        case file(String)
    }

    /// Which formats to accept. `bundles` are the archive formats Sluice
    /// reads; `stream` is a single (optionally compressed) stream, for
    /// `page.html.gz` and WARC files. mtree is never enabled: with
    /// `mtree:checkfs` it would read local files an input names.
    public enum Formats {
        case bundlesOrStream
        /// Only formats read strictly front to back (tar family, cpio, zip by
        /// its local headers): their detection needs little read-ahead and no
        /// directory at the end, so a truncated file still opens.
        case sequentialBundles
        case stream
    }

    public struct Entry {
        public enum Kind: Equatable, Sendable {
            case regular, directory, symlink, hardlink, other
        }

        /// The name as UTF-8: the stored bytes when they are valid UTF-8, else
        /// libarchive's own conversion, else the bytes with U+FFFD for what is
        /// invalid. Callers that know better (GBK zips) decode ``rawName``.
        public var name: String
        /// The name exactly as stored, in whatever charset the archive used.
        public var rawName: [UInt8]
        public var kind: Kind
        /// The size the header declares, when it declares one.
        public var declaredSize: Int?
        public var modified: Date?
        public var encrypted: Bool
    }

    private var handle: OpaquePointer?
    private let memory: Data?
    private var memoryPointer: UnsafeMutableRawPointer?
    /// The current entry's data block (libarchive's, valid until the next
    /// block call), what of it is left, and zeros owed for a sparse gap.
    private var block: UnsafeRawPointer?
    private var blockLeft = 0
    private var zerosOwed: Int64 = 0
    private var entryPosition: Int64 = 0

    /// Opens `source`.
    /// - Throws: ``ArchiveError`` when libarchive recognises no format.
    public init(_ source: Source, formats: Formats) throws(ArchiveError) {
        guard let a = archive_read_new() else { throw ArchiveError(message: "libarchive could not allocate a reader") }
        handle = a
        archive_read_support_filter_all(a)
        if case .bundlesOrStream = formats {
            archive_read_support_format_zip(a)
            archive_read_support_format_tar(a)
            archive_read_support_format_gnutar(a)
            archive_read_support_format_7zip(a)
            archive_read_support_format_rar(a)
            archive_read_support_format_rar5(a)
            archive_read_support_format_cpio(a)
            archive_read_support_format_iso9660(a)
            archive_read_support_format_ar(a)
            archive_read_support_format_cab(a)
            archive_read_support_format_lha(a)
            archive_read_support_format_xar(a)
        }
        if case .sequentialBundles = formats {
            archive_read_support_format_zip_streamable(a)  // local headers, for a zip cut before its directory
            archive_read_support_format_tar(a)
            archive_read_support_format_gnutar(a)
            archive_read_support_format_cpio(a)
        }
        archive_read_support_format_raw(a)
        let status: Int32
        switch source {
        case .memory(let data):
            memory = data
            // Own a stable copy for libarchive: Data's storage may move.
            let p = UnsafeMutableRawPointer.allocate(byteCount: max(data.count, 1), alignment: 16)
            data.copyBytes(to: p.assumingMemoryBound(to: UInt8.self), count: data.count)
            memoryPointer = p
            status = archive_read_open_memory(a, p, data.count)
        case .file(let path):
            memory = nil
            status = archive_read_open_filename(a, path, 64 * 1024)
        }
        if status != ARCHIVE_OK {
            let message = Self.errorString(a)
            close()
            throw ArchiveError(message: message)
        }
    }

    deinit { close() }

    /// Frees the handle and the buffer; safe to call twice.
    public func close() {
        if let a = handle {
            archive_read_free(a)
            handle = nil
        }
        memoryPointer?.deallocate()
        memoryPointer = nil
    }

    /// The next entry, or nil at the end.
    /// - Throws: ``ArchiveError`` when the archive is damaged here.
    public func nextEntry() throws(ArchiveError) -> Entry? {
        guard let a = handle else { return nil }
        var entry: OpaquePointer? = nil
        (block, blockLeft, zerosOwed, entryPosition) = (nil, 0, 0, 0)
        let status = withUTF8Locale { archive_read_next_header(a, &entry) }
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let e = entry else {
            throw ArchiveError(message: Self.errorString(a))
        }
        let type = UInt32(archive_entry_filetype(e)) & sluice_ae_ifmt
        let kind: Entry.Kind
        if archive_entry_hardlink(e) != nil {
            kind = .hardlink
        } else if type == sluice_ae_ifreg || type == 0 {
            kind = .regular
        } else if type == sluice_ae_ifdir {
            kind = .directory
        } else if type == sluice_ae_iflnk {
            kind = .symlink
        } else {
            kind = .other
        }
        let (name, rawName) = withUTF8Locale { Self.names(e) }
        return Entry(
            name: name, rawName: rawName, kind: kind,
            declaredSize: archive_entry_size_is_set(e) != 0 ? Int(archive_entry_size(e)) : nil,
            modified: archive_entry_mtime_is_set(e) != 0
                ? Date(timeIntervalSince1970: TimeInterval(archive_entry_mtime(e))) : nil,
            encrypted: archive_entry_is_encrypted(e) != 0)
    }

    /// Reads the next block of the current entry's data into `buffer`;
    /// returns how many bytes, 0 at the entry's end.
    ///
    /// Through `archive_read_data_block`, as libarchive's own tools read:
    /// `archive_read_data` returned the wrong bytes for every xar member after
    /// the first. Sparse gaps come out as zeros.
    public func read(into buffer: inout [UInt8]) throws(ArchiveError) -> Int {
        guard let a = handle, !buffer.isEmpty else { return 0 }
        while blockLeft == 0 && zerosOwed == 0 {
            var data: UnsafeRawPointer? = nil
            var size = 0
            var offset: la_int64_t = 0
            let status = archive_read_data_block(a, &data, &size, &offset)
            if status == ARCHIVE_EOF { return 0 }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN else {
                throw ArchiveError(message: Self.errorString(a))
            }
            zerosOwed = max(Int64(offset) - entryPosition, 0)
            (block, blockLeft) = (data, data == nil ? 0 : size)
        }
        let n: Int
        if zerosOwed > 0 {
            n = Int(min(zerosOwed, Int64(buffer.count)))
            for i in 0..<n { buffer[i] = 0 }
            zerosOwed -= Int64(n)
        } else {
            n = min(blockLeft, buffer.count)
            buffer.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: block!, byteCount: n) }
            block = block! + n
            blockLeft -= n
        }
        entryPosition += Int64(n)
        return n
    }

    /// Skips the rest of the current entry's data.
    public func skipData() {
        if let a = handle { archive_read_data_skip(a) }
    }

    /// Where the current entry's header starts in the uncompressed stream (a
    /// tar's byte offset), for reading on from there after damage.
    public var headerOffset: Int64 {
        guard let a = handle else { return 0 }
        return archive_read_header_position(a)
    }

    /// Bytes consumed from the source so far (compressed), for ratio limits.
    public var compressedBytesRead: Int64 {
        guard let a = handle else { return 0 }
        return archive_filter_bytes(a, -1)
    }

    /// The detected format, e.g. `ZIP 2.0 (deflation)`, `GNU tar format`, `raw`.
    public var formatName: String {
        guard let a = handle, let n = archive_format_name(a) else { return "unknown" }
        return String(cString: n)
    }

    /// Whether the detected format is a bare stream (no archive structure).
    public var isRawStream: Bool {
        guard let a = handle else { return false }
        return archive_format(a) & ARCHIVE_FORMAT_BASE_MASK == ARCHIVE_FORMAT_RAW
    }

    /// The compression filters in use, outermost last (`gzip`, `xz`, …); empty when none.
    public var filterNames: [String] {
        guard let a = handle else { return [] }
        let count = archive_filter_count(a)
        return (0..<count).compactMap { i in
            guard let n = archive_filter_name(a, i) else { return nil }
            let name = String(cString: n)
            return name == "none" ? nil : name
        }
    }

    // MARK: names

    /// A member's name as UTF-8 and as stored (see ``Entry/name``). The
    /// charset guess for non-UTF-8 names is the caller's: this wrapper knows
    /// libarchive, not Chinese crawls.
    private static func names(_ e: OpaquePointer) -> (String, [UInt8]) {
        if let raw = archive_entry_pathname(e) {
            let bytes = Array(UnsafeBufferPointer(start: raw, count: strlen(raw))).map { UInt8(bitPattern: $0) }
            if let valid = String(validating: bytes, as: UTF8.self) { return (valid, bytes) }
            if let utf8 = archive_entry_pathname_utf8(e) { return (String(cString: utf8), bytes) }
            return (String(decoding: bytes, as: UTF8.self), bytes)
        }
        if let utf8 = archive_entry_pathname_utf8(e) {
            let name = String(cString: utf8)
            return (name, Array(name.utf8))
        }
        return ("", [])
    }

    /// libarchive converts names through the C library's locale; in the
    /// default "C" locale it returns NULL for non-ASCII names. Switch this
    /// thread (only) to a UTF-8 LC_CTYPE around the call.
    private func withUTF8Locale<T>(_ body: () -> T) -> T {
        guard let utf8 = Self.utf8Locale else { return body() }
        let previous = uselocale(utf8)
        defer { uselocale(previous) }
        return body()
    }

    nonisolated(unsafe) private static let utf8Locale: locale_t? = {
        newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) ?? newlocale(LC_CTYPE_MASK, "en_US.UTF-8", nil)
    }()

    private static func errorString(_ a: OpaquePointer) -> String {
        archive_error_string(a).map { String(cString: $0) } ?? "unknown libarchive error"
    }
}

/// Why libarchive could not read on; the message is libarchive's own.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
