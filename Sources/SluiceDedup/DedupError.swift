/// Why a near-duplicate pass could not run; each message says what to do.
public enum DedupError: Error, CustomStringConvertible, Equatable {
    case notACorpus(String)
    case incomplete(String, status: String)
    case locked(String)
    case failed(String)

    public var description: String {
        switch self {
        case .notACorpus(let path):
            "'\(path)' holds no corpus (no manifest.json); give the --out directory of a sluice ingest or merge"
        case .incomplete(let path, let status):
            "the corpus in '\(path)' is \(status); run the same sluice ingest again to finish it, then dedupe"
        case .locked(let message): message
        case .failed(let reason):
            "the near-duplicate pass stopped: \(reason); the corpus is as it was before the pass, run it again"
        }
    }
}
