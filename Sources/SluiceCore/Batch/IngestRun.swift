import Dispatch
import Foundation
import Synchronization

/// One batch run: walks the input directory, extracts every input on a
/// concurrent Dispatch queue, and writes the corpus through one serial writer.
///
/// ## Flow and bounds
/// The walk runs on the caller's thread. Before an input is handed on it
/// takes one of `maxInFlight` slots (released once its outcomes are written)
/// and one of `jobs` worker slots (released when extraction ends), so at most
/// `jobs` documents are extracted at once and at most `maxInFlight` are held
/// in memory, however large the corpus.
///
/// ## Threading
/// ``run()`` blocks its caller until the corpus is complete; ``progress`` may
/// be read from any thread meanwhile. Records reach the writer in completion
/// order, so with `jobs > 1` the order of lines in a shard may differ between
/// runs; the set of records does not.
public final class IngestRun: Sendable {
    public let registry: ExtractorRegistry
    public let configuration: IngestConfiguration
    private let statistics = RunStatistics()

    public init(registry: ExtractorRegistry, configuration: IngestConfiguration) {
        self.registry = registry
        self.configuration = configuration
    }

    /// The counters so far; safe to call from any thread while ``run()`` works.
    public var progress: RunProgress { statistics.snapshot }

    /// Runs the batch to the end and writes the manifest.
    /// - Throws: ``IngestError`` when the run cannot start or the corpus cannot
    ///   be written; per-document failures are never thrown.
    @discardableResult
    public func run() throws(IngestError) -> Manifest {
        let started = Date()
        let root = try Self.resolveInputRoot(configuration.inputRoot)
        let outURL = URL(fileURLWithPath: configuration.outputDirectory).standardizedFileURL
        try OutputDirectory.prepare(outURL, inputRoot: root, overwrite: configuration.overwrite)
        let writer: CorpusWriter
        do { writer = try CorpusWriter(directory: outURL, shardSizeLimit: configuration.shardSizeLimit) } catch {
            throw .outputUnwritable(outURL.path, InputDiscovery.reason(error))
        }

        let processor = DocumentProcessor(
            registry: registry, limits: configuration.limits, pluginOptions: configuration.pluginOptions)
        let pipeline = Pipeline(
            writer: writer, statistics: statistics, jobs: configuration.jobs, maxInFlight: configuration.maxInFlight)

        var discovery = InputDiscovery(root: root)
        discovery.includeHidden = configuration.includeHidden
        discovery.followSymlinks = configuration.followSymlinks
        discovery.excluding = [outURL.path]
        let hidden = discovery.walk { event in
            statistics.update { $0.found += 1 }
            switch event {
            case .file(let input):
                statistics.update { $0.bytesIn += input.size }
                pipeline.submit { Self.extract(input, with: processor, emit: $0) }
            case .skipped(let entry): pipeline.submit { $0(.skipped(entry)) }
            case .failed(let entry): pipeline.submit { $0(.failed(entry)) }
            }
            return pipeline.failure == nil
        }
        statistics.update {
            $0.hiddenIgnored = hidden
            $0.discoveryFinished = true
        }
        pipeline.drain()

        var failure = pipeline.failure
        if failure == nil {
            do { try pipeline.onWriter { try writer.finish() } } catch { failure = InputDiscovery.reason(error) }
        }
        let manifest = makeManifest(
            root: root, started: started, writer: writer, failure: failure)
        do { try writer.writeManifest(manifest) } catch {
            throw .writeFailed(InputDiscovery.reason(error))
        }
        if let failure { throw .writeFailed(failure) }
        return manifest
    }

    /// Reads one input (mapped, not copied, where the system allows: a large
    /// bundle is streamed by its plugin; the size limit for documents read
    /// whole is checked by the processor) and runs it through the processor.
    static func extract(
        _ input: DiscoveredInput, with processor: DocumentProcessor,
        emit: @escaping @Sendable (DocumentOutcome) -> Void
    ) {
        let document: SourceDocument
        do {
            let url = URL(fileURLWithPath: input.absolutePath)
            if input.size >= Self.largeFile {
                // Mapped, not read: only the pages a plugin touches are loaded,
                // and the digest is computed from streamed reads.
                document = SourceDocument(
                    path: input.relativePath, bytes: try Data(contentsOf: url, options: .alwaysMapped),
                    modified: input.modified, location: input.absolutePath,
                    sha256: try SHA256Digest.hex(ofFileAt: input.absolutePath))
            } else {
                document = SourceDocument(
                    path: input.relativePath, bytes: try Data(contentsOf: url), modified: input.modified,
                    location: input.absolutePath)
            }
        } catch {
            emit(
                .failed(
                    ErrorEntry(
                        path: input.relativePath, members: [], extractor: nil, kind: "io",
                        message: "cannot read file: \(InputDiscovery.reason(error))")))
            return
        }
        processor.process(document, sink: emit)
    }

    /// Files from this size on are mapped and hashed by streaming (see ``extract(_:with:emit:)``).
    static let largeFile = 16 << 20

    static func resolveInputRoot(_ path: String) throws(IngestError) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .inputMissing(path)
        }
        guard isDirectory.boolValue else { throw .inputNotADirectory(path) }
        return url.path
    }

    private func makeManifest(root: String, started: Date, writer: CorpusWriter, failure: String?) -> Manifest {
        let p = statistics.snapshot
        let finished = Date()
        let iso = ISO8601DateFormatter()
        return Manifest(
            schemaVersion: CorpusRecord.schemaVersion, sluiceVersion: SluiceVersion.current,
            status: failure == nil ? "complete" : "failed", failure: failure, inputRoot: root,
            commandLine: configuration.commandLine, started: iso.string(from: started),
            finished: iso.string(from: finished), elapsedSeconds: finished.timeIntervalSince(started),
            jobs: configuration.jobs,
            plugins: registry.extractors.map { .init(id: $0.id, version: $0.version) },
            counts: .init(
                inputs: p.found, hiddenIgnored: p.hiddenIgnored, records: p.records, errors: p.errors,
                skipped: p.skipped, bytesIn: p.bytesIn, bytesOut: writer.bytesOut),
            byPlugin: p.byPlugin, errorsByKind: p.errorsByKind, skippedByReason: p.skippedByReason,
            limitsHit: p.limitsHit, tallies: p.tallies,
            shards: writer.shards)
    }
}

/// The queues and semaphores of a run (see ``IngestRun``).
private final class Pipeline: @unchecked Sendable {
    // @unchecked: `writer` is only touched on `writeQueue`; everything else is
    // immutable or thread-safe (Dispatch objects, Mutex, RunStatistics).
    private let writer: CorpusWriter
    private let statistics: RunStatistics
    /// The first write error; once set, nothing more is written and discovery stops.
    private let writeFailure = Mutex<String?>(nil)
    private let workers: DispatchSemaphore
    private let inFlight: DispatchSemaphore
    private let workQueue = DispatchQueue(label: "sluice.extract", attributes: .concurrent)
    private let writeQueue = DispatchQueue(label: "sluice.write")
    private let group = DispatchGroup()
    /// Outcomes of one input are sent to the writer in batches of this size, so
    /// a large archive streams instead of piling up.
    private static let batchSize = 256

    init(writer: CorpusWriter, statistics: RunStatistics, jobs: Int, maxInFlight: Int) {
        self.writer = writer
        self.statistics = statistics
        workers = DispatchSemaphore(value: jobs)
        inFlight = DispatchSemaphore(value: maxInFlight)
    }

    /// Schedules the work for one top-level input; blocks while the bounds are full.
    func submit(_ work: @escaping @Sendable (_ emit: @escaping @Sendable (DocumentOutcome) -> Void) -> Void) {
        inFlight.wait()
        workers.wait()
        group.enter()
        workQueue.async { [self] in
            let batch = Mutex<[DocumentOutcome]>([])
            work { outcome in
                let full = batch.withLock { b -> [DocumentOutcome]? in
                    b.append(outcome)
                    guard b.count >= Self.batchSize else { return nil }
                    defer { b.removeAll() }
                    return b
                }
                if let full { self.write(full, finishesInput: false) }
            }
            workers.signal()
            write(batch.withLock { $0 }, finishesInput: true)
        }
    }

    private func write(_ outcomes: [DocumentOutcome], finishesInput: Bool) {
        writeQueue.async { [self] in
            if writeFailure.withLock({ $0 == nil }) {
                do {
                    for outcome in outcomes {
                        try writer.write(outcome)
                        statistics.record(outcome)
                    }
                } catch {
                    writeFailure.withLock { $0 = InputDiscovery.reason(error) }
                }
            }
            if finishesInput {
                statistics.update { $0.done += 1 }
                inFlight.signal()
                group.leave()
            }
        }
    }

    var failure: String? { writeFailure.withLock { $0 } }

    /// Waits until every submitted input is written.
    func drain() { group.wait() }

    /// Runs `body` on the writer's queue and waits for it.
    func onWriter<T>(_ body: () throws -> T) throws -> T { try writeQueue.sync(execute: body) }
}
