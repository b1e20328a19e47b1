import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Checks, locks and prepares the directory a run writes its corpus to,
/// before any work starts.
///
/// - **One run at a time.** An advisory `flock` on `.sluice.lock`, held for the
///   whole run (the kernel drops it when the process dies, even by kill -9); a
///   second run on the same directory exits 2 naming the process that holds it.
/// - **Only Sluice's own directory is reused.** The first run writes
///   `.sluice-corpus.json` (the input root) before anything else; a directory
///   is resumed only when that marker (or, from Sluice 0.1, its manifest) names
///   the same input. A directory holding files named like Sluice's own that
///   Sluice did not write (another tool's `ledger.sqlite`) is refused, even with
///   `--overwrite`.
/// - **`--overwrite` removes only what Sluice wrote**: its fixed file names and
///   its shard pattern, in a directory its marker says is a Sluice corpus;
///   other files stay.
/// - **The output is not the input.** `--out` equal to the input is refused (the
///   next run would ingest the corpus); an output inside the input is left out
///   of the walk.
enum OutputDirectory {
    static let markerName = ".sluice-corpus.json"
    static let lockName = ".sluice.lock"
    /// Symlinks to inputs whose paths are not UTF-8, for one run (``PathAliases``).
    static let aliasesName = ".sluice-paths"

    /// Files Sluice writes in a corpus directory, by exact name.
    static let fixedNames: Set<String> = [
        Manifest.fileName, "errors.jsonl", "skipped.jsonl", "tombstones.jsonl", "status.json", "report.json",
        Ledger.fileName, Ledger.fileName + "-journal", Ledger.fileName + "-wal", Ledger.fileName + "-shm",
        ".deferred-inputs", ".errors.jsonl.tmp", ".skipped.jsonl.tmp", ".tombstones.jsonl.tmp", markerName,
        aliasesName,
        // Written beside the corpus by `sluice ingest`/`report` and `sluice index`.
        "report.html", "search.sqlite", "search.sqlite-journal", "search.sqlite-wal", "search.sqlite-shm",
        // Written by `sluice dedupe` / `ingest --dedupe`.
        duplicatesName, "." + duplicatesName + ".tmp", "dedup.sqlite", "dedup.sqlite-journal", "dedup.sqlite-wal",
        "dedup.sqlite-shm",
    ]

    /// Records moved out of the shards as duplicates (`--drop-duplicates`).
    package static let duplicatesName = "duplicates.jsonl"

    /// Whether Sluice writes a file of this name (shards: `part-NNNNN.jsonl`,
    /// `.part-NNNNN.jsonl.partial`, and a merge's `part-sKKKKK-NNNNN.jsonl`).
    static func isCorpusFile(_ name: String) -> Bool {
        if fixedNames.contains(name) { return true }
        return name.wholeMatch(of: /\.?part-(s\d{5}-)?\d{5,}\.jsonl(\.partial)?/) != nil
    }

    struct Marker: Codable {
        var inputRoot: String

        enum CodingKeys: String, CodingKey { case inputRoot = "input_root" }
    }

    /// Creates or checks `directory`, takes its lock, and (with `overwrite`)
    /// removes Sluice's files from it.
    /// - Returns: the lock, held until the returned value is released.
    static func prepare(_ directory: URL, inputRoot: String, overwrite: Bool) throws(IngestError) -> CorpusLock {
        let path = directory.path
        if path == inputRoot || URL(fileURLWithPath: path).resolvingSymlinksInPath().path == inputRoot {
            throw .outputIsInput(path)
        }
        try create(directory)
        let lock = try CorpusLock(directory: directory)
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw .outputUnwritable(path, InputDiscovery.reason(error))
        }
        let ours = names.filter { isCorpusFile($0) && $0 != lockName }
        if !overwrite, let merged = try? Manifest.read(from: directory), merged.merge != nil {
            // A merge has no ledger: a run would take its shards for leftovers and delete them.
            throw .outputIsMerged(path)
        }
        if let owner = owner(of: directory, names: names) {
            if owner != inputRoot && !overwrite { throw .outputHoldsOtherCorpus(path, owner) }
            if overwrite { try remove(ours, from: directory) }
        } else if !ours.isEmpty {
            // Named like Sluice's files, but no Sluice run wrote them.
            throw .outputHasForeignFiles(path, ours.sorted())
        } else if !names.filter({ $0 != lockName }).isEmpty && !overwrite {
            throw .outputNotEmpty(path)
        }
        try writeMarker(Marker(inputRoot: inputRoot), to: directory)
        guard access(path, W_OK) == 0 else { throw .outputUnwritable(path, "permission denied") }
        return lock
    }

    /// The input root of the Sluice corpus in `directory`, or nil when it is not one.
    private static func owner(of directory: URL, names: [String]) -> String? {
        if names.contains(markerName),
            let data = try? Data(contentsOf: directory.appendingPathComponent(markerName)),
            let marker = try? JSONDecoder().decode(Marker.self, from: data)
        {
            return marker.inputRoot
        }
        // A corpus written by Sluice 0.1, before the marker.
        return (try? Manifest.read(from: directory))?.inputRoot
    }

    private static func create(_ directory: URL) throws(IngestError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .outputNotADirectory(directory.path) }
            return
        }
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw .outputUnwritable(directory.path, InputDiscovery.reason(error))
        }
    }

    private static func remove(_ names: [String], from directory: URL) throws(IngestError) {
        for name in names {
            do { try FileManager.default.removeItem(at: directory.appendingPathComponent(name)) } catch {
                throw .outputUnwritable(directory.path, InputDiscovery.reason(error))
            }
        }
    }

    private static func writeMarker(_ marker: Marker, to directory: URL) throws(IngestError) {
        do {
            try JSONEncoder().encode(marker).write(to: directory.appendingPathComponent(markerName), options: .atomic)
        } catch {
            throw .outputUnwritable(directory.path, InputDiscovery.reason(error))
        }
    }
}

/// The advisory lock on a corpus directory, held while this value lives.
package final class CorpusLock: Sendable {
    private let fd: Int32

    package init(directory: URL) throws(IngestError) {
        let path = directory.appendingPathComponent(OutputDirectory.lockName).path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .outputUnwritable(directory.path, String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw .outputLocked(directory.path, holder.flatMap { Int32($0) })
        }
        // Who holds it, for the message the next run prints.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Unlocked before the close: a process another thread is spawning holds a
    /// copy of this descriptor until it execs, and the lock lives as long as any
    /// copy does (seen as a run in the same process refused right after this one).
    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
