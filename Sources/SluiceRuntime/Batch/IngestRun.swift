import Dispatch
import Foundation
import SluicePluginAPI
import Synchronization

/// The ledger's fingerprints of the directory the walk is in, read once per
/// directory visit (the walk is depth-first, one directory's files together).
/// Used by the walking thread only.
final class DirectoryFingerprints {
    private let ledger: Ledger
    private var directory: String? = nil
    private var prints: [String: Ledger.Fingerprint] = [:]

    init(ledger: Ledger) { self.ledger = ledger }

    func lookup(_ path: String) -> Ledger.Fingerprint? {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if dir != directory {
            directory = dir
            prints = (try? ledger.fingerprints(inDirectory: dir)) ?? [:]
        }
        return prints[path]
    }
}

/// One batch run: walks the input directory, extracts new and changed
/// inputs on a concurrent Dispatch queue, and writes the corpus through one
/// serial writer, committing to the ledger as shards complete.
///
/// ## Resuming and incremental runs
/// Pointed at a corpus directory of the same input, a run resumes: inputs
/// the ledger holds with the same size and modification time (or, when only
/// the time changed, the same SHA-256), extracted by the same plugin
/// versions, are not redone; new and changed ones are; the records of
/// changed and vanished inputs become tombstones (`tombstones.jsonl`).
/// `full` re-extracts everything. Records left by a killed run that no
/// committed input claims become tombstones too, so the current corpus
/// (``CorpusReader/currentRecords()``) never holds a record twice.
///
/// ## Flow and bounds
/// The walk runs on the caller's thread. Before an input is handed on it
/// takes one of `maxInFlight` slots (released once its outcomes are written)
/// and one of `jobs` worker slots (released when extraction ends).
///
/// ## Threading
/// ``run()`` blocks its caller until the corpus is complete; ``progress``
/// and ``requestStop()`` may be called from any thread meanwhile.
public final class IngestRun: Sendable {
    public let registry: ExtractorRegistry
    public let configuration: IngestConfiguration
    private let statistics = RunStatistics()
    private let stopRequested = Mutex(false)

    public init(registry: ExtractorRegistry, configuration: IngestConfiguration) {
        self.registry = registry
        self.configuration = configuration
    }

    /// The counters so far; safe to call from any thread while ``run()`` works.
    public var progress: RunProgress { statistics.snapshot }

    /// Stops the run cleanly: no new input is started, those in flight are
    /// finished and committed, and the manifest says `interrupted`.
    public func requestStop() { stopRequested.withLock { $0 = true } }

    private var stopping: Bool { stopRequested.withLock { $0 } }

    /// Runs the batch and writes the manifest.
    /// - Throws: ``IngestError`` when the run cannot start or the corpus cannot
    ///   be written; per-document failures are never thrown.
    @discardableResult
    public func run() throws(IngestError) -> Manifest {
        let started = Date()
        let root = try Self.resolveInputRoot(configuration.inputRoot)
        let outURL = URL(fileURLWithPath: configuration.outputDirectory).standardizedFileURL
        try OutputDirectory.prepare(outURL, inputRoot: root, overwrite: configuration.overwrite)
        let ledger: Ledger
        let generation: Int
        let firstShard: Int
        do {
            ledger = try Ledger(directory: outURL)
            firstShard = try Recovery.recover(ledger: ledger, directory: outURL)
            generation = try ledger.beginRun(started: ISO8601DateFormatter().string(from: started))
        } catch let error as IngestError {
            throw error
        } catch {
            throw .outputUnwritable(outURL.path, "the ledger cannot be opened: \(error)")
        }
        let versions = Dictionary(registry.extractors.map { ($0.id, $0.version) }, uniquingKeysWith: { a, _ in a })
        let writer = CorpusWriter(
            directory: outURL, shardSizeLimit: configuration.shardSizeLimit,
            checkpointInterval: configuration.checkpointInterval, ledger: ledger, generation: generation,
            firstShardIndex: firstShard, versions: versions)
        let processor = DocumentProcessor(
            registry: registry, limits: configuration.limits, pluginOptions: configuration.pluginOptions)
        let pipeline = Pipeline(
            writer: writer, statistics: statistics, jobs: configuration.jobs, maxInFlight: configuration.maxInFlight)
        var detector = ChangeDetector(ledger: ledger, versions: versions, full: configuration.full)
        detector.retryErrors = configuration.retryErrors
        let changes = detector
        let directoryPrints = DirectoryFingerprints(ledger: ledger)
        let pool: WorkerPool?
        do {
            pool = try configuration.isolation.map {
                try WorkerPool(settings: $0, limits: configuration.limits, pluginOptions: configuration.pluginOptions)
            }
        } catch {
            throw .writeFailed("the worker settings cannot be encoded: \(error)")
        }
        defer { pool?.shutdown() }

        var discovery = InputDiscovery(root: root)
        discovery.includeHidden = configuration.includeHidden
        discovery.followSymlinks = configuration.followSymlinks
        discovery.excluding = [outURL.path] + configuration.excludedPaths
        discovery.listFile = configuration.inputList
        if let shard = configuration.shard { discovery.accepts = shard.contains }
        var walkedAll = true
        var unchangedBatch: [String] = []
        let links = AttachmentLinks(ledger: ledger)
        let deferred = DeferredInputs(directory: outURL)
        defer { deferred.remove() }
        var deferralFailure: String?
        let statusWriter = StatusWriter(directory: outURL, started: started) { [statistics] in statistics.snapshot }
        let hidden = discovery.walk { event in
            if stopping {
                walkedAll = false
                return false
            }
            statistics.update { $0.found += 1 }
            switch event {
            case .file(let input):
                statistics.update { $0.bytesIn += input.size }
                let previous = directoryPrints.lookup(input.relativePath)
                if changes.plainlyUnchanged(input, previous: previous) {
                    // No I/O needed: settle it here, without the queues' hand-offs.
                    unchangedBatch.append(input.relativePath)
                    if unchangedBatch.count >= 1000 {
                        pipeline.markUnchanged(unchangedBatch)
                        unchangedBatch.removeAll()
                    }
                    return pipeline.failure == nil
                }
                if AttachmentLinks.isAttachment(input.relativePath) {
                    // After the pages, so that their links to it are known (AttachmentLinks).
                    do {
                        try deferred.add(input)
                    } catch {
                        deferralFailure = "the list of deferred attachments cannot be written: \(error)"
                        return false
                    }
                    return pipeline.failure == nil
                }
                pipeline.submit { emit in
                    Self.extract(
                        input, previous: previous, with: processor, pool: pool, changes: changes,
                        emit: links.sink(for: input.relativePath, deferred: false, emit))
                }
            case .skipped(let entry):
                pipeline.submit { emit in
                    emit(.skipped(entry))
                    return .summary(CorpusWriter.InputSummary(path: entry.path, size: 0, mtime: 0, sha256: ""))
                }
            case .failed(let entry):
                pipeline.submit { emit in
                    emit(.failed(entry))
                    return .summary(CorpusWriter.InputSummary(path: entry.path, size: 0, mtime: 0, sha256: ""))
                }
            }
            return pipeline.failure == nil
        }
        pipeline.markUnchanged(unchangedBatch)
        statistics.update {
            $0.hiddenIgnored = hidden
            $0.discoveryFinished = true
        }
        pipeline.drain()
        if deferred.count > 0, pipeline.failure == nil, deferralFailure == nil {
            do {
                try deferred.replay { input in
                    if stopping { return false }
                    let previous = directoryPrints.lookup(input.relativePath)
                    pipeline.submit { emit in
                        Self.extract(
                            input, previous: previous, with: processor, pool: pool, changes: changes,
                            emit: links.sink(for: input.relativePath, deferred: true, emit))
                    }
                    return pipeline.failure == nil
                }
            } catch {
                deferralFailure = "the list of deferred attachments cannot be read: \(error)"
            }
            pipeline.drain()
        }
        statusWriter.stop()

        var failure = pipeline.failure ?? deferralFailure
        var gone = 0
        let interrupted = stopping || !walkedAll
        if failure == nil {
            do {
                try pipeline.onWriter { try writer.checkpoint() }
                // Only a complete walk can tell that an input is gone.
                if !interrupted { gone = try ledger.removeUnseen(generation: generation) }
                try ledger.writeSideFiles(to: outURL)
            } catch {
                failure = InputDiscovery.reason(error)
            }
        }
        statistics.update { $0.gone = gone }
        let status = failure != nil ? "failed" : interrupted ? "interrupted" : "complete"
        let manifest = makeManifest(
            root: root, started: started, writer: writer, ledger: ledger, generation: generation, status: status,
            failure: failure)
        do {
            try writer.writeManifest(manifest)
            try ledger.finishRun(generation, status: status)
            let final = statistics.snapshot
            RunStatus.write(RunStatus(final, phase: status, started: started), to: outURL)
            try RunReport(manifest, progress: final).write(to: outURL)
        } catch {
            throw .writeFailed(InputDiscovery.reason(error))
        }
        if let failure { throw .writeFailed(failure) }
        return manifest
    }

    /// Reads one input (mapped, not copied, where it is large: a big bundle is
    /// streamed by its plugin), skips it when the ledger says it is unchanged,
    /// and runs it through the processor.
    static func extract(
        _ input: DiscoveredInput, previous: Ledger.Fingerprint?, with processor: DocumentProcessor, pool: WorkerPool?,
        changes: ChangeDetector, emit: @escaping @Sendable (DocumentOutcome) -> Void
    ) -> Pipeline.Completion {
        let mtime = input.modified.timeIntervalSince1970
        let verdict = changes.check(input, previous: previous)
        if case .unchanged(let refresh) = verdict { return .unchanged(input.relativePath, refresh) }
        let sha = pool?.extract(input, emit: emit) ?? extractDocument(input, with: processor, emit: emit)
        return .summary(.init(path: input.relativePath, size: input.size, mtime: mtime, sha256: sha), verdict)
    }

    /// Reads one input and runs it through the processor (in this process or
    /// in a worker's); returns its SHA-256 ("" when it could not be read).
    static func extractDocument(
        _ input: DiscoveredInput, with processor: DocumentProcessor,
        emit: @escaping @Sendable (DocumentOutcome) -> Void
    ) -> String {
        let document: SourceDocument
        let digest: String
        do {
            let url = URL(fileURLWithPath: input.absolutePath)
            if input.size >= Self.largeFile {
                // Mapped, not read: only the pages a plugin touches are loaded,
                // and the digest is computed from streamed reads.
                document = SourceDocument(
                    path: input.relativePath, bytes: try Data(contentsOf: url, options: .alwaysMapped),
                    modified: input.modified, location: input.absolutePath)
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
            return ""
        }
        processor.process(document, digest: digest, sink: emit)
        return digest
    }

    /// Files from this size on are mapped and hashed by streaming (see ``extractDocument(_:with:emit:)``).
    static let largeFile = 16 << 20

    /// The input directory as an absolute path with symlinks resolved, or why it cannot be read.
    public static func resolveInputRoot(_ path: String) throws(IngestError) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .inputMissing(path)
        }
        guard isDirectory.boolValue else { throw .inputNotADirectory(path) }
        return url.path
    }

    private func makeManifest(
        root: String, started: Date, writer: CorpusWriter, ledger: Ledger, generation: Int, status: String,
        failure: String?
    ) -> Manifest {
        let p = statistics.snapshot
        let finished = Date()
        let iso = ISO8601DateFormatter()
        let shards = ((try? ledger.shards()) ?? []).map(\.shard)
        let tombstones = (try? ledger.tombstoneCount()) ?? 0
        return Manifest(
            schemaVersion: CorpusRecord.schemaVersion, sluiceVersion: SluiceVersion.current,
            status: status, failure: failure, inputRoot: root,
            commandLine: configuration.commandLine, started: iso.string(from: started),
            finished: iso.string(from: finished), elapsedSeconds: finished.timeIntervalSince(started),
            jobs: configuration.jobs,
            plugins: registry.extractors.map { .init(id: $0.id, version: $0.version) },
            counts: .init(
                inputs: p.found, hiddenIgnored: p.hiddenIgnored, records: p.records, errors: p.errors,
                skipped: p.skipped, bytesIn: p.bytesIn, bytesOut: writer.bytesOut),
            run: .init(
                generation: generation, new: p.new, changed: p.changed, unchanged: p.unchanged, gone: p.gone,
                full: configuration.full),
            corpus: .init(records: shards.reduce(0) { $0 + $1.records } - tombstones, tombstones: tombstones),
            byPlugin: p.byPlugin, errorsByKind: p.errorsByKind, skippedByReason: p.skippedByReason,
            limitsHit: p.limitsHit, tallies: p.tallies,
            shards: shards, shard: configuration.shard)
    }
}
