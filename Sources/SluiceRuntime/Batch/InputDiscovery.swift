import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file found under the input root.
package struct DiscoveredInput: Sendable, Equatable {
    /// Path relative to the root, `/`-separated.
    package var relativePath: String
    package var absolutePath: String
    package var size: Int
    package var modified: Date
}

/// What the walk reports, in a stable order (directory entries sorted by name).
package enum DiscoveryEvent: Sendable, Equatable {
    case file(DiscoveredInput)
    /// Found but not an input: a symlink not followed, a socket, a device.
    case skipped(SkipEntry)
    /// A directory or file that could not be read.
    case failed(ErrorEntry)
}

/// Walks an input directory depth-first, streaming: it holds one directory's
/// listing at a time, never the whole tree, so a crawl of millions of files
/// starts producing work at once.
///
/// Symlinks are not followed unless asked (then loops are detected by device
/// and inode); hidden entries (names starting with `.`) are left out unless
/// asked; directories and files listed in `excluding` (the run's own output, its
/// config file) are never entered or read.
/// Not thread-safe: one walk runs on one thread.
package struct InputDiscovery {
    package var root: String
    package var includeHidden = false
    package var followSymlinks = false
    /// Absolute paths of directories and files to leave out, silently.
    package var excluding: [String] = []
    /// Only entries whose relative path this accepts are reported (a shard of a
    /// distributed run); directories are still walked whole.
    package var accepts: (@Sendable (String) -> Bool)?
    /// Read the inputs from this list (`sluice list`) instead of walking.
    package var listFile: String?
    /// Where symlinks to files whose paths are not UTF-8 are made (nil: such a
    /// file is reported under its escaped path, which cannot be opened: for
    /// walks that only list).
    var aliases: PathAliases?

    package init(root: String) { self.root = root }

    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Calls `visitor` for every entry; stops early when it returns false.
    /// - Returns: the number of hidden entries left out.
    @discardableResult
    package func walk(_ visitor: (DiscoveryEvent) -> Bool) -> Int {
        let visit: (DiscoveryEvent) -> Bool = { event in
            guard let accepts else { return visitor(event) }
            return accepts(event.path) ? visitor(event) : true
        }
        if let listFile {
            InputList(root: root, file: listFile, excluding: excluding, aliases: aliases).read(
                accepts: accepts, visitor)
            return 0  // hidden entries were left out when listing
        }
        return withoutActuallyEscaping(visit) { visit in
            let walk = DirectoryWalk(self, excluded: Set(excluding.compactMap(Self.fileID)), visit: visit)
            if let rootID = Self.fileID(root) { walk.visited.insert(rootID) }
            walk.walk("")
            return walk.hidden
        }
    }

    static func fileID(_ path: String) -> FileID? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

extension DiscoveryEvent {
    /// The relative path the event is about.
    var path: String {
        switch self {
        case .file(let input): input.relativePath
        case .skipped(let entry): entry.path
        case .failed(let entry): entry.path
        }
    }
}

/// The state of one walk of ``InputDiscovery``: depth-first, entries sorted
/// by name, one directory's listing in memory at a time.
private final class DirectoryWalk {
    let discovery: InputDiscovery
    let excluded: Set<InputDiscovery.FileID>
    let visit: (DiscoveryEvent) -> Bool
    /// Directories entered, by device and inode: a symlink loop is entered once.
    var visited = Set<InputDiscovery.FileID>()
    var hidden = 0
    private var stopped = false

    init(_ discovery: InputDiscovery, excluded: Set<InputDiscovery.FileID>, visit: @escaping (DiscoveryEvent) -> Bool) {
        self.discovery = discovery
        self.excluded = excluded
        self.visit = visit
    }

    private func report(_ event: DiscoveryEvent) { stopped = !visit(event) }

    private func skip(_ path: String, _ reason: String, _ detail: String) {
        report(.skipped(SkipEntry(path: path, members: [], extractor: nil, reason: reason, detail: detail)))
    }

    private func fail(_ path: String, _ message: String) {
        report(.failed(ErrorEntry(path: path, members: [], extractor: nil, kind: "io", message: message)))
    }

    func walk(_ relative: String) { walk(relative, raw: Array(discovery.root.utf8)) }

    /// Lists the directory at the raw path `raw` (names as bytes: a GBK name
    /// is read, not lost) and visits its entries in name order.
    private func walk(_ relative: String, raw: [UInt8]) {
        guard let names = Self.list(raw) else {
            let message = "cannot list directory: \(String(cString: strerror(errno))); check its permissions"
            return fail(relative.isEmpty ? "." : relative, message)
        }
        for (name, bytes) in names {
            if stopped { return }
            if !discovery.includeHidden, name.hasPrefix(".") {
                hidden += 1
                continue
            }
            entry(relative.isEmpty ? name : relative + "/" + name, raw: raw + [0x2F] + bytes)
        }
    }

    /// The entries of a directory as display names and raw bytes, sorted by display name.
    private static func list(_ raw: [UInt8]) -> [(String, [UInt8])]? {
        guard
            let dir = (raw + [0]).withUnsafeBufferPointer({
                opendir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self))
            })
        else { return nil }
        defer { closedir(dir) }
        var out: [(String, [UInt8])] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            out.append((RawPath.display(bytes), bytes))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// One directory entry: a file to report, a directory to enter, or a line saying why not.
    private func entry(_ relative: String, raw: [UInt8]) {
        let path = raw + [0]
        var st = stat()
        let status = path.withUnsafeBufferPointer {
            lstat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st)
        }
        guard status == 0 else {
            return fail(relative, "cannot read file status: \(String(cString: strerror(errno)))")
        }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            guard discovery.followSymlinks else {
                return skip(
                    relative, "symlink", "symbolic links are not followed; pass --follow-symlinks to follow them")
            }
            let followed = path.withUnsafeBufferPointer {
                stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st)
            }
            guard followed == 0 else {
                return skip(relative, "broken-symlink", "the link's target does not exist")
            }
        }
        let id = InputDiscovery.FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            if excluded.contains(id) { return }
            guard visited.insert(id).inserted else { return }  // a symlink loop
            walk(relative, raw: raw)
        case S_IFREG:
            if excluded.contains(id) { return }
            guard let absolute = openablePath(relative, raw: raw) else {
                return fail(
                    relative, "the path is not valid UTF-8 and no alias for it could be made in the output directory")
            }
            let modified = TimeInterval(st.st_mtim.tv_sec) + TimeInterval(st.st_mtim.tv_nsec) / 1e9
            report(
                .file(
                    DiscoveredInput(
                        relativePath: relative, absolutePath: absolute, size: Int(st.st_size),
                        modified: Date(timeIntervalSince1970: modified))))
        default:
            skip(relative, "special-file", "not a regular file (a device, socket or pipe)")
        }
    }

    /// A path that opens the file: the raw path when it is UTF-8, else an alias
    /// (``PathAliases``); a walk that reads nothing (`sluice list`) gets the
    /// escaped path, which a run from the list decodes (``InputList``).
    private func openablePath(_ relative: String, raw: [UInt8]) -> String? {
        if let valid = String(validating: raw, as: UTF8.self) { return valid }
        guard let aliases = discovery.aliases else { return discovery.root + "/" + relative }
        return try? aliases.alias(for: raw)
    }
}
