import Foundation
import SluicePluginAPI

/// How one top-level input is extracted: read (mapped when large), run
/// through the processor in this process or in a worker process, and told
/// back to the pipeline as a ``Pipeline/Completion``.
///
/// `Sendable` and stateless: every worker thread uses the same value.
struct InputExtraction: Sendable {
    let processor: DocumentProcessor
    /// Worker processes, when the run isolates extraction.
    let pool: WorkerPool?

    /// Extracts `input` unless its content proves unchanged.
    func run(
        _ input: DiscoveredInput, verdict: ChangeDetector.Verdict,
        emit: @escaping @Sendable (DocumentOutcome) -> Void
    ) -> Pipeline.Completion {
        var verdict = verdict
        let mtime = input.modified.timeIntervalSince1970
        if case .unchangedIf(let sha256, let plugins) = verdict {
            if let sha256, (try? SHA256Digest.hex(ofFileAt: input.absolutePath)) != sha256 {
                verdict = .changed(.content)
            } else if let plugins, !routesTheSame(input, as: plugins) {
                verdict = .changed(.routing)
            } else {
                return .unchanged(path: input.relativePath, mtime: mtime)
            }
        }
        let end = pool.map { $0.extract(input, emit: emit) } ?? Self.extract(input, with: processor, emit: emit)
        switch end {
        case .done(let digest):
            return .extracted(digest.map { FileFacts(size: input.size, mtime: mtime, sha256: $0) }, verdict)
        case .stopped:
            return .stopped
        }
    }

    /// Whether routing `input` under this run's plugins picks what its ledger
    /// entry records: the same single leaf plugin, or none when none took it.
    /// A container never counts as the same: its members may route anew.
    private func routesTheSame(_ input: DiscoveredInput, as plugins: Set<String>) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: input.absolutePath) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()  // what a sniff sees
        let document = SourceDocument(
            path: input.relativePath, head: head, size: input.size, modified: input.modified,
            location: input.absolutePath)
        guard let chosen = processor.registry.extractor(for: document)?.extractor else { return plugins.isEmpty }
        return chosen is any LeafExtractor && plugins == [chosen.id]
    }

    /// Reads one input and runs it through `processor` (in this process: the
    /// run's or a worker's).
    static func extract(
        _ input: DiscoveredInput, with processor: DocumentProcessor,
        emit: @escaping @Sendable (DocumentOutcome) -> Void
    ) -> ExtractionEnd {
        let document: SourceDocument
        let digest: String
        do {
            let url = URL(fileURLWithPath: input.absolutePath)
            if input.size >= largeFile {
                // Only the head is read: a container streams the file from disk and a
                // leaf gets it read whole (DocumentProcessor). Never mapped: a file
                // truncated while mapped would kill the process with SIGBUS.
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                let head = try handle.read(upToCount: headSize) ?? Data()
                document = SourceDocument(
                    path: input.relativePath, head: head, size: input.size, modified: input.modified,
                    location: input.absolutePath)
                digest = try SHA256Digest.hex(ofFileAt: input.absolutePath)
            } else {
                document = SourceDocument(
                    path: input.relativePath, bytes: try Data(contentsOf: url), modified: input.modified,
                    location: input.absolutePath)
                digest = SHA256Digest.hex(of: document.bytes)
            }
        } catch {
            emit(
                .failed(
                    ErrorEntry(
                        path: input.relativePath, members: [], extractor: nil, kind: "io",
                        message: "cannot read file: \(InputDiscovery.reason(error))")))
            return .done(sha256: nil)
        }
        switch processor.process(document, digest: digest, sink: emit) {
        case .finished: return .done(sha256: digest)
        case .stopped: return .stopped
        }
    }

    /// Files from this size on are given as their head (and hashed by streaming).
    static let largeFile = 16 << 20
    /// How much of a large file is read for sniffing and for containers' own looks.
    static let headSize = 64 << 10
}

/// How the extraction of a top-level input ended, in this process or in a worker's.
enum ExtractionEnd: Sendable, Equatable, Codable {
    /// Every outcome was sent; the content's SHA-256 (nil: the file could not be read).
    case done(sha256: String?)
    /// The run is stopping and the input was cut short: its outcomes are discarded.
    case stopped
}
