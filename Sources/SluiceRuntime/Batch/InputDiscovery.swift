import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file found under the input root.
public struct DiscoveredInput: Sendable, Equatable {
    /// Path relative to the root, `/`-separated.
    public var relativePath: String
    public var absolutePath: String
    public var size: Int
    public var modified: Date
}

/// What the walk reports, in a stable order (directory entries sorted by name).
public enum DiscoveryEvent: Sendable, Equatable {
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
public struct InputDiscovery {
    public var root: String
    public var includeHidden = false
    public var followSymlinks = false
    /// Absolute paths of directories and files to leave out, silently.
    public var excluding: [String] = []
    /// Only entries whose relative path this accepts are reported (a shard of a
    /// distributed run); directories are still walked whole.
    public var accepts: (@Sendable (String) -> Bool)?
    /// Read the inputs from this list (`sluice list`) instead of walking.
    public var listFile: String?

    public init(root: String) { self.root = root }

    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Calls `visit` for every entry; stops early when `visit` returns false.
    /// - Returns: the number of hidden entries left out.
    @discardableResult
    public func walk(_ visitor: (DiscoveryEvent) -> Bool) -> Int {
        func visit(_ event: DiscoveryEvent) -> Bool {
            guard let accepts else { return visitor(event) }
            let path: String
            switch event {
            case .file(let input): path = input.relativePath
            case .skipped(let entry): path = entry.path
            case .failed(let entry): path = entry.path
            }
            return accepts(path) ? visitor(event) : true
        }
        if let listFile {
            InputList(root: root, file: listFile, excluding: excluding).read(accepts: accepts, visitor)
            return 0  // hidden entries were left out when listing
        }
        let excluded = Set(excluding.compactMap(Self.fileID))
        var visitedDirectories = Set<FileID>()
        if let rootID = Self.fileID(root) { visitedDirectories.insert(rootID) }
        var hidden = 0
        var stopped = false

        func walkDirectory(_ relative: String) {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute).sorted()
            } catch {
                stopped = !visit(
                    .failed(
                        ErrorEntry(
                            path: relative.isEmpty ? "." : relative, members: [], extractor: nil, kind: "io",
                            message: "cannot list directory: \(Self.reason(error)); check its permissions")))
                return
            }
            for name in names {
                if stopped { return }
                if !includeHidden, name.hasPrefix(".") {
                    hidden += 1
                    continue
                }
                let rel = relative.isEmpty ? name : relative + "/" + name
                let abs = absolute + "/" + name
                var st = stat()
                guard lstat(abs, &st) == 0 else {
                    stopped = !visit(
                        .failed(
                            ErrorEntry(
                                path: rel, members: [], extractor: nil, kind: "io",
                                message: "cannot read file status: \(String(cString: strerror(errno)))")))
                    continue
                }
                if (st.st_mode & S_IFMT) == S_IFLNK {
                    guard followSymlinks else {
                        stopped = !visit(
                            .skipped(
                                SkipEntry(
                                    path: rel, members: [], extractor: nil, reason: "symlink",
                                    detail: "symbolic links are not followed; pass --follow-symlinks to follow them")))
                        continue
                    }
                    guard stat(abs, &st) == 0 else {
                        stopped = !visit(
                            .skipped(
                                SkipEntry(
                                    path: rel, members: [], extractor: nil, reason: "broken-symlink",
                                    detail: "the link's target does not exist")))
                        continue
                    }
                }
                let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    if excluded.contains(id) { continue }
                    guard visitedDirectories.insert(id).inserted else { continue }  // a symlink loop
                    walkDirectory(rel)
                case S_IFREG:
                    if excluded.contains(id) { continue }
                    let input = DiscoveredInput(
                        relativePath: rel, absolutePath: abs, size: Int(st.st_size),
                        modified: Date(
                            timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec) + TimeInterval(st.st_mtim.tv_nsec)
                                / 1e9))
                    stopped = !visit(.file(input))
                default:
                    stopped = !visit(
                        .skipped(
                            SkipEntry(
                                path: rel, members: [], extractor: nil, reason: "special-file",
                                detail: "not a regular file (a device, socket or pipe)")))
                }
            }
        }
        walkDirectory("")
        return hidden
    }

    private static func fileID(_ path: String) -> FileID? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
