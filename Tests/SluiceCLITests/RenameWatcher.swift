import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells a test when files are renamed into a directory (inotify), so that it
/// can act at a point of a run's progress (the k-th shard committed, the
/// manifest written) instead of after a guessed delay.
final class RenameWatcher {
    private let fd: Int32
    private var pending: [String] = []

    init(_ directory: String) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0, inotify_add_watch(fd, directory, UInt32(IN_MOVED_TO)) >= 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    deinit { close(fd) }

    /// The next name renamed into the directory, or nil when none came
    /// within `seconds` (a deadline against a hung run, not a delay).
    func next(within seconds: Int32 = 120) -> String? {
        while pending.isEmpty {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, seconds * 1000) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { return nil }
            var offset = 0
            while offset + 16 <= n {
                // struct inotify_event: wd, mask, cookie, len (4 bytes each), then the name.
                let length = buffer[offset + 12..<offset + 16].reversed().reduce(0) { $0 << 8 | Int($1) }
                let name = buffer[offset + 16..<offset + 16 + length].prefix { $0 != 0 }
                pending.append(String(decoding: name, as: UTF8.self))
                offset += 16 + length
            }
        }
        return pending.removeFirst()
    }

    /// Waits until `count` completed shards (`part-*.jsonl`) have been renamed
    /// in. False when the run finished (its manifest appeared) or the deadline passed first.
    func waitForShards(_ count: Int) -> Bool {
        var seen = 0
        while seen < count {
            guard let name = next() else { return false }
            if name == "manifest.json" { return false }
            if name.hasPrefix("part-") && name.hasSuffix(".jsonl") { seen += 1 }
        }
        return true
    }
}

extension FileHandle {
    /// Reads until a line containing `text` arrives; false at end of file.
    func readLine(containing text: String) -> Bool {
        var buffer = Data()
        while true {
            let chunk = availableData
            if chunk.isEmpty { return false }
            buffer += chunk
            if String(decoding: buffer, as: UTF8.self).contains(text) { return true }
        }
    }
}
