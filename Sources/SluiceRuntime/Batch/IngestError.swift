/// Why a run could not start or complete. Per-document problems are never
/// these: they go to `errors.jsonl` and the run goes on.
package enum IngestError: Error, Equatable, CustomStringConvertible {
    case inputMissing(String)
    case inputNotADirectory(String)
    case outputNotADirectory(String)
    case outputNotEmpty(String)
    case outputHoldsOtherCorpus(String, String)
    case outputUnwritable(String, String)
    /// Another run holds the directory's lock (its pid, when it wrote it).
    case outputLocked(String, Int32?)
    /// `--out` is the input directory itself.
    case outputIsInput(String)
    /// Files named like Sluice's own that no Sluice run wrote there.
    case outputHasForeignFiles(String, [String])
    /// A corpus made by `sluice merge`, which has no ledger to resume.
    case outputIsMerged(String)
    case writeFailed(String)
    /// Isolation is on and its worker processes cannot run.
    case workersUnavailable(String)

    package var description: String {
        switch self {
        case .inputMissing(let p):
            "input directory '\(p)' does not exist; give the directory your crawler saved to"
        case .inputNotADirectory(let p):
            "input '\(p)' is not a directory; to see what one file gives, use 'sluice inspect \(p)'"
        case .outputNotADirectory(let p):
            "output '\(p)' exists and is not a directory; choose a directory for --out"
        case .outputNotEmpty(let p):
            "output directory '\(p)' is not empty and holds no Sluice corpus; choose a new or empty directory, or pass --overwrite to write into it anyway"
        case .outputHoldsOtherCorpus(let p, let other):
            "output directory '\(p)' holds a corpus of another input ('\(other)'); choose another --out, or pass --overwrite to replace it"
        case .outputUnwritable(let p, let why):
            "cannot write to output directory '\(p)': \(why); check the path and its permissions"
        case .outputLocked(let p, let pid):
            "another sluice run\(pid.map { " (pid \($0))" } ?? "") is writing to '\(p)'; wait for it to finish, or choose another --out"
        case .outputIsInput(let p):
            "output directory '\(p)' is the input directory; the next run would read the corpus as input: choose a directory outside the crawl for --out"
        case .outputHasForeignFiles(let p, let names):
            "output directory '\(p)' holds files named like Sluice's own that Sluice did not write (\(names.prefix(5).joined(separator: ", "))); Sluice will not touch them, even with --overwrite: choose another --out"
        case .outputIsMerged(let p):
            "output directory '\(p)' holds a corpus made by `sluice merge`; run the shards again into their own directories and merge again, or pass --overwrite to replace it"
        case .workersUnavailable(let why):
            "the worker processes that isolate extraction cannot run: \(why); pass --no-isolate to extract in this process instead"
        case .writeFailed(let why):
            "writing the corpus failed: \(why); check free disk space, then run again"
        }
    }
}
