/// Why a run could not start or complete. Per-document problems are never
/// these: they go to `errors.jsonl` and the run goes on.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case inputMissing(String)
    case inputNotADirectory(String)
    case outputNotADirectory(String)
    case outputNotEmpty(String)
    case outputHoldsOtherCorpus(String, String)
    case outputUnwritable(String, String)
    case writeFailed(String)

    public var description: String {
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
        case .writeFailed(let why):
            "writing the corpus failed: \(why); check free disk space, then run again"
        }
    }
}
