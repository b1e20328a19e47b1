import Dispatch
import Foundation
import SluicePluginAPI
import Synchronization

/// One batch run: walks the input directory, extracts new and changed
/// inputs on a concurrent Dispatch queue, and writes the corpus through one
/// serial writer, committing to the ledger as shards complete.
///
/// ## Resuming and incremental runs
/// Pointed at a corpus directory of the same input, a run resumes: inputs
/// the ledger holds with the same size and modification time (or, when only
/// the time changed, the same SHA-256), extracted by the same plugin
/// versions, are not redone (``ChangeDetector``); new and changed ones are;
/// the records of changed and vanished inputs become tombstones
/// (`tombstones.jsonl`). `full` re-extracts everything. Records left by a
/// killed run that no committed input claims become tombstones too, so the
/// current corpus (``CorpusReader/currentRecords()``) never holds a record twice.
///
/// ## Flow and bounds
/// The walk runs on the caller's thread (``InputScheduler``). Before an input
/// is handed on it takes one of `maxInFlight` slots (released once its
/// outcomes are written) and waits in a queue for one of `jobs` extraction
/// threads; see ``Pipeline``.
///
/// ## Threading
/// ``run()`` blocks its caller until the corpus is complete; ``progress``
/// and ``requestStop()`` may be called from any thread meanwhile.
package final class IngestRun: Sendable {
    package let registry: ExtractorRegistry
    package let configuration: IngestConfiguration
    private let statistics = RunStatistics()
    private let stopRequested = Mutex(false)
    /// The run's worker processes, so that a stop reaches the inputs they extract.
    private let workers = Mutex<WorkerPool?>(nil)
    /// Where `status.json` goes and when the run started, once ``run()`` knows.
    private let statusTarget = Mutex<(URL, Date)?>(nil)
    private let recordWritten: (@Sendable (CorpusRecord) -> Void)?

    /// - Parameter recordWritten: told of each record as the writer appends it
    ///   to a shard, on the writer's queue (one call at a time, in write order),
    ///   so that a caller can count what the run wrote without reading it back.
    ///   A record of an input later cut short by a stop is told too: it becomes
    ///   a tombstone, which the manifest counts.
    package init(
        registry: ExtractorRegistry, configuration: IngestConfiguration,
        recordWritten: (@Sendable (CorpusRecord) -> Void)? = nil
    ) {
        self.registry = registry
        self.configuration = configuration
        self.recordWritten = recordWritten
    }

    /// The counters so far; safe to call from any thread while ``run()`` works.
    package var progress: RunProgress { statistics.snapshot }

    /// Stops the run cleanly: no new input is started (those queued for an
    /// extraction thread are left for the next run), those being extracted are
    /// stopped at their next document (``ContainerOutput/emit(_:)`` throws; a
    /// cut input is not committed, the next run redoes it), what is finished is
    /// committed, and the manifest says `interrupted`.
    package func requestStop() {
        stopRequested.withLock { $0 = true }
        workers.withLock { $0 }?.requestStop()
    }

    var stopping: Bool { stopRequested.withLock { $0 } }

    /// The process is about to exit without finishing (a second signal):
    /// `status.json` says `interrupted` rather than the phase it was in. The
    /// corpus needs nothing more: nothing uncommitted is ever visible.
    package func markAbandoned() {
        guard let (directory, started) = statusTarget.withLock({ $0 }) else { return }
        RunStatus(phase: "interrupted", started: started, progress: statistics.snapshot).write(to: directory)
    }

    /// Runs the batch and writes the manifest.
    /// - Throws: ``IngestError`` when the run cannot start or the corpus cannot
    ///   be written; per-document failures are never thrown.
    @discardableResult
    package func run() throws(IngestError) -> Manifest {
        let started = Date()
        let root = try Self.resolveInputRoot(configuration.inputRoot)
        let outURL = URL(fileURLWithPath: configuration.outputDirectory).standardizedFileURL
        // Workers first: a worker command that cannot run stops the run before the output is touched.
        let pool = try startWorkers()
        defer { pool?.shutdown() }
        let lock = try OutputDirectory.prepare(outURL, inputRoot: root, overwrite: configuration.overwrite)
        defer { withExtendedLifetime(lock) {} }
        let writer = try openWriter(outURL, started: started)
        workers.withLock { $0 = pool }
        let pipeline = Pipeline(
            writer: writer, statistics: statistics, jobs: configuration.jobs, maxInFlight: configuration.maxInFlight)
        defer { pipeline.shutdown() }
        let scheduler = InputScheduler(
            pipeline: pipeline, extraction: InputExtraction(processor: processor(), pool: pool),
            changes: ChangeDetector(
                versions: versions, full: configuration.full, retryErrors: configuration.retryErrors,
                routing: registry.routingSignature),
            statistics: statistics, fingerprints: DirectoryFingerprints(pipeline: pipeline),
            stopping: { [self] in stopping })
        let deferred = DeferredInputs(directory: outURL)
        defer { deferred.remove() }
        let aliases = PathAliases(directory: outURL.path + "/" + OutputDirectory.aliasesName)
        defer { aliases.remove() }
        statusTarget.withLock { $0 = (outURL, started) }
        let statusWriter = StatusWriter(directory: outURL, started: started) { [statistics] in statistics.snapshot }
        var discovery = discovery(root: root, excluding: outURL.path)
        discovery.aliases = aliases
        var walk = scheduler.walk(discovery, deferring: deferred)
        walk.failure = walk.failure ?? scheduler.replay(deferred)
        statusWriter.stop()
        return try finish(
            writer, pipeline: pipeline, walk: walk, root: root, outURL: outURL, started: started)
    }

    /// Plugin id to key (version, and options when set), for the ledger and change detection.
    private var versions: [String: String] { registry.pluginKeys(options: configuration.pluginOptions) }

    private func processor() -> DocumentProcessor {
        DocumentProcessor(
            registry: registry, limits: configuration.limits, pluginOptions: configuration.pluginOptions,
            stopRequested: { [self] in stopping })
    }

    private func openWriter(_ outURL: URL, started: Date) throws(IngestError) -> CorpusWriter {
        do {
            return try CorpusWriter(
                directory: outURL, shardSizeLimit: configuration.shardSizeLimit,
                checkpointInterval: configuration.checkpointInterval, versions: versions,
                routing: registry.routingSignature, forgetMetaTypes: configuration.full, started: started,
                recordWritten: recordWritten)
        } catch {
            throw .outputUnwritable(outURL.path, "the ledger cannot be opened: \(error)")
        }
    }

    private func startWorkers() throws(IngestError) -> WorkerPool? {
        guard let isolation = configuration.isolation else { return nil }
        return try WorkerPool(
            settings: isolation,
            worker: WorkerSettings(limits: configuration.limits, pluginOptions: configuration.pluginOptions))
    }

    private func discovery(root: String, excluding output: String) -> InputDiscovery {
        var discovery = InputDiscovery(root: root)
        discovery.includeHidden = configuration.includeHidden
        discovery.followSymlinks = configuration.followSymlinks
        discovery.excluding = [output] + configuration.excludedPaths
        discovery.listFile = configuration.inputList
        if let shard = configuration.shard { discovery.accepts = shard.contains }
        return discovery
    }

    /// Commits what is left, retires vanished inputs after a complete walk,
    /// and writes the side files, the manifest, `status.json` and `report.json`.
    private func finish(
        _ writer: CorpusWriter, pipeline: Pipeline, walk: InputScheduler.Outcome, root: String, outURL: URL,
        started: Date
    ) throws(IngestError) -> Manifest {
        var failure = pipeline.failure ?? walk.failure
        let interrupted = stopping || !walk.walkedAll
        if failure == nil {
            do {
                // Only a complete walk can tell that an input is gone.
                let gone = try pipeline.onWriter { try $0.finishWriting(walkedAll: !interrupted) }
                statistics.update { $0.changes.gone = gone }
            } catch {
                failure = InputDiscovery.reason(error)
            }
        }
        // A failed run's open shard holds only uncommitted inputs: it goes, so
        // that a full disk still has room for the manifest saying what happened.
        if failure != nil { try? pipeline.onWriter { $0.discardOpenShard() } }
        let status = failure != nil ? "failed" : interrupted ? "interrupted" : "complete"
        statistics.update { $0.counts.bytesOut = writer.bytesOut }
        let progress = statistics.snapshot
        let manifest = makeManifest(
            root: root, started: started, progress: progress, writer: writer, status: status, failure: failure)
        do {
            // The two small files that say what happened first: a full disk may refuse the rest.
            try writer.writeManifest(manifest)
            RunStatus(phase: status, started: started, progress: progress).write(to: outURL)
            try writer.finishRun(status: status, progress: progress)
            try RunReport(status: status, progress: progress).write(to: outURL)
        } catch {
            throw .writeFailed(InputDiscovery.reason(error))
        }
        if let failure { throw .writeFailed(failure) }
        return manifest
    }

    /// The input directory as an absolute path with symlinks resolved, or why it cannot be read.
    package static func resolveInputRoot(_ path: String) throws(IngestError) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .inputMissing(path)
        }
        guard isDirectory.boolValue else { throw .inputNotADirectory(path) }
        return url.path
    }

    private func makeManifest(
        root: String, started: Date, progress p: RunProgress, writer: CorpusWriter, status: String, failure: String?
    ) -> Manifest {
        let finished = Date()
        let iso = ISO8601DateFormatter()
        let (shards, tombstones) = (try? writer.corpusFiles()) ?? ([], 0)
        return Manifest(
            schemaVersion: CorpusRecord.schemaVersion, sluiceVersion: SluiceVersion.current,
            status: status, failure: failure, inputRoot: root,
            commandLine: configuration.commandLine, started: iso.string(from: started),
            finished: iso.string(from: finished), elapsedSeconds: finished.timeIntervalSince(started),
            jobs: configuration.jobs,
            plugins: registry.extractors.map { .init(id: $0.id, version: $0.version) },
            counts: p.counts,
            run: .init(generation: writer.generation, changes: p.changes, full: configuration.full),
            corpus: .init(records: shards.reduce(0) { $0 + $1.records } - tombstones, tombstones: tombstones),
            breakdown: p.breakdown, shards: shards, shard: configuration.shard)
    }
}
