import ArgumentParser
import Foundation
import Logging
import SluiceDedup
import SluicePluginAPI
import SluiceReport
import SluiceRuntime

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Extract every input under a directory into a corpus directory.",
        discussion: """
            Writes part-NNNNN.jsonl shards (one record per line), errors.jsonl (inputs that \
            failed, with why), skipped.jsonl (inputs that are not documents), tombstones.jsonl \
            (records superseded), manifest.json and ledger.sqlite into --out. Every input found \
            lands in exactly one of the three line files. Run the same command again to resume \
            a stopped run or to update the corpus after the crawl changed: only new and changed \
            inputs are extracted. Ctrl-C or SIGTERM stops cleanly (exit 130 or 143); a second \
            signal stops at once, and the next run still resumes correctly.
            """)

    @Argument(help: "The crawled directory to read.", completion: .directory)
    var input: String

    @Option(name: [.short, .long], help: "The corpus directory to write (created if missing).")
    var out: String

    @Option(
        name: [.short, .long],
        help:
            "Documents extracted at once (default: twice the number of cores in worker processes; with --no-isolate, the number of cores)."
    )
    var jobs: Int?

    @Option(help: "Documents held in memory at once (default: 4 x jobs).")
    var maxInFlight: Int?

    @Option(help: "Start a new shard past this size: bytes, or with K, M or G (default 128M).")
    var shardSize: String?

    @Option(help: "A sluice.toml with plugins, options and limits; flags given here override it.")
    var config: String?

    @Option(
        help:
            "Process only shard K of N (0-based) into OUT/shard-K-of-N. Default: from SLURM_ARRAY_TASK_ID/COUNT, or JOB_COMPLETION_INDEX with --shard-count."
    )
    var shard: String?

    @Option(help: "The number of shards, with a Kubernetes Indexed Job's JOB_COMPLETION_INDEX.")
    var shardCount: Int?

    @Option(help: "Read the inputs from this list (written by `sluice list`) instead of walking INPUT.")
    var inputs: String?

    @Flag(help: "Read hidden files and directories (names starting with '.').")
    var hidden = false

    @Flag(help: "Follow symbolic links (loops are detected).")
    var followSymlinks = false

    @Flag(help: "Replace the corpus files in a non-empty --out directory (start afresh).")
    var overwrite = false

    @Flag(help: "Re-extract every input, even those the ledger says are unchanged.")
    var full = false

    @Flag(
        help:
            "Re-extract the inputs that failed last time (with new and changed ones), e.g. after a fix or a larger limit."
    )
    var retryErrors = false

    @Option(help: "Complete and commit a shard at least every N seconds (bounds what a kill can cost).")
    var checkpointSeconds: Double?

    @Flag(help: "Keep pages that are not articles (list and column pages) as records, marked in meta.page_type.")
    var keepNonArticles = false

    @Flag(
        inversion: .prefixedNo,
        help:
            "Extract in worker processes, the default: a crash, hang or runaway allocation costs one document, not the run. --no-isolate extracts in this process (about 8% faster, Docs/Benchmarks.md)."
    )
    var isolate: Bool?

    @Option(help: "Isolated: abandon a document after this many seconds (default 60).")
    var timeout: Double?

    @Option(help: "Isolated: stop a worker past this resident memory: bytes, or with K, M or G (default 2G).")
    var maxWorkerMemory: String?

    @Flag(help: "Exit with status 1 if any document failed.")
    var strict = false

    @Flag(help: "Do not write report.html (the corpus report) at the end of the run.")
    var noReportHtml = false

    @Flag(
        help:
            "After the run, cluster exact and near-duplicate documents (meta.dup_cluster, meta.duplicate_of; Docs/Dedup.md)."
    )
    var dedupe = false

    @Flag(help: "With --dedupe: move duplicates out of the shards into duplicates.jsonl.")
    var dropDuplicates = false

    @Option(help: "Progress display: auto (in place on a terminal, log lines otherwise), lines, or none.")
    var progress: ProgressMode = .auto

    @Option(help: "Log lines on stderr as text or json (one object per line).")
    var logFormat: LogFormat = .text

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let maxInFlight, maxInFlight < 1 { throw ValidationError("--max-in-flight must be at least 1") }
        if let checkpointSeconds, checkpointSeconds <= 0 {
            throw ValidationError("--checkpoint-seconds must be more than 0")
        }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be more than 0") }
        if let maxWorkerMemory, ByteSize.parse(maxWorkerMemory) == nil {
            throw ValidationError("--max-worker-memory '\(maxWorkerMemory)' is not a size; write e.g. 2G or 512M")
        }
        if let shardSize, ByteSize.parse(shardSize) == nil {
            throw ValidationError("--shard-size '\(shardSize)' is not a size; write e.g. 134217728, 128M or 1G")
        }
    }

    func run() throws {
        let file = try PluginBootstrap.configuration(config)
        let (registry, configuredOptions) = try PluginBootstrap.registry(config: file)
        let configuration = try taskConfiguration(
            ingestConfiguration(file, registry: registry, options: configuredOptions))
        let outputDirectory = configuration.outputDirectory
        let written = WrittenRecordAggregates()
        let run = IngestRun(registry: registry, configuration: configuration, recordWritten: written.add)
        let signals = StopSignals(stop: { run.requestStop() }, abandon: { run.markAbandoned() })
        // A logger made here, not a global bootstrap: the library never logs behind the user's back.
        let logger = Logger(label: "sluice") { LineLogHandler(label: $0, format: logFormat) }
        let reporter = ProgressReporter(mode: progress, logger: logger) { run.progress }
        let logsLines = reporter.logsLines
        if logsLines {
            logger.info(
                "ingest started",
                metadata: [
                    "input": "\(input)", "out": "\(outputDirectory)", "jobs": .stringConvertible(configuration.jobs),
                ])
        }
        reporter.start()
        let manifest: Manifest
        do {
            manifest = try run.run()
        } catch {
            reporter.stop()
            let code: Int32 = if case .writeFailed = error { 3 } else { 2 }
            if logsLines { logger.error("ingest failed", metadata: ["reason": "\(error.description)"]) }
            throw fail(CLIFailure(message: error.description, exitCode: code))
        }
        reporter.stop()
        if logsLines { logger.info("ingest finished", metadata: RunSummary.metadata(manifest)) }
        // Not after a stop: a full pass over the corpus could outlast a scheduler's grace period.
        if signals.received == nil && manifest.status == "complete" {
            let dedupes = dedupe || file?.dedupe == true
            if dedupes {
                let drop = dropDuplicates || file?.dropDuplicates == true
                try DedupeCommand.pass(
                    corpus: outputDirectory, options: DedupOptions(dropDuplicates: drop, jobs: configuration.jobs))
            }
            let page = !noReportHtml && configuration.shard == nil && file?.reportHTML != false
            // After a dedup pass the records carry clusters the run did not write: read them.
            let counted = dedupes ? nil : written.aggregates(ifCorpusIs: manifest)
            if page { RunReportPage.write(corpus: outputDirectory, counted: counted) }
            SearchIndexUpdate.afterRun(corpus: outputDirectory)
        }
        let summary = RunSummary(manifest: manifest, output: outputDirectory)
        print(summary.text)
        for warning in summary.routingWarnings { StandardError.write(warning + "\n") }
        if let signal = signals.received { throw ExitCode(128 + signal) }
        if strict && manifest.counts.errors > 0 { throw ExitCode(1) }
    }
}

extension IngestCommand {
    /// The configuration narrowed to this task: its shard's own directory
    /// (tasks never write the same file), and the input list when given.
    func taskConfiguration(_ base: IngestConfiguration) throws -> IngestConfiguration {
        var configuration = base
        do {
            configuration.shard = try ShardResolver.resolve(
                flag: shard, count: shardCount, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw fail(error)
        }
        if let selected = configuration.shard {
            configuration.outputDirectory =
                URL(fileURLWithPath: out).appendingPathComponent(selected.directoryName).path
            configuration.excludedPaths.append(URL(fileURLWithPath: out).standardizedFileURL.path)
        }
        if let inputs {
            guard FileManager.default.isReadableFile(atPath: inputs) else {
                throw fail(
                    CLIFailure(message: "--inputs '\(inputs)' cannot be read; write it with `sluice list`", exitCode: 2)
                )
            }
            configuration.inputList = URL(fileURLWithPath: inputs).standardizedFileURL.path
        }
        return configuration
    }

    /// Flags first, then the config file, then the runtime's own defaults.
    func ingestConfiguration(
        _ file: ConfigurationFile?, registry: ExtractorRegistry, options: [String: PluginOptions]
    ) -> IngestConfiguration {
        var limits = ExtractionLimits()
        if let v = file?.maxDocumentBytes { limits.maxDocumentBytes = v }
        if let v = file?.maxDepth { limits.maxDepth = v }
        if let v = file?.maxMembers { limits.maxMembers = v }
        if let v = file?.maxExpandedBytes { limits.maxExpandedBytes = v }
        if let v = file?.maxCompressionRatio { limits.maxCompressionRatio = v }
        var pluginOptions = options
        // Every plugin that declares the option gets it, whatever its id.
        for plugin in registry.extractors where keepNonArticles && plugin.options.contains(.keepNonArticles) {
            pluginOptions[plugin.id, default: PluginOptions()].values[PluginOptionSpec.keepNonArticles.name] =
                .boolean(true)
        }
        let configPath = config.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let isolation =
            (isolate ?? file?.isolate ?? true)
            ? IsolationSettings(
                command: [WorkerCommand.executablePath, "worker"] + (configPath.map { ["--config", $0] } ?? []),
                timeout: timeout ?? file?.timeout,
                maxWorkerMemory: maxWorkerMemory.flatMap(ByteSize.parse) ?? file?.maxWorkerMemory)
            : nil
        var configuration = IngestConfiguration(
            inputRoot: input, outputDirectory: out,
            // Isolated, each worker idles while the supervisor hands it the next input:
            // twice as many workers as cores keep the cores busy (Docs/Benchmarks.md).
            jobs: jobs ?? file?.jobs ?? (isolation != nil ? 2 * ProcessInfo.processInfo.activeProcessorCount : nil),
            maxInFlight: maxInFlight ?? file?.maxInFlight,
            shardSizeLimit: shardSize.flatMap(ByteSize.parse) ?? file?.shardSize,
            includeHidden: hidden || file?.hidden == true,
            followSymlinks: followSymlinks || file?.followSymlinks == true, overwrite: overwrite, full: full,
            retryErrors: retryErrors, checkpointInterval: checkpointSeconds ?? file?.checkpointSeconds,
            isolation: isolation, limits: limits, pluginOptions: pluginOptions)
        configuration.excludedPaths = configPath.map { [$0] } ?? []
        return configuration
    }
}

enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    case auto, lines, none
}

extension LogFormat: ExpressibleByArgument {}

/// Sizes written as bytes or with a K/M/G suffix (powers of 1024).
enum ByteSize {
    static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = t.last, let unit = units[last], let n = Int(t.dropLast()), n > 0 { return n * unit }
        if let n = Int(t), n > 0 { return n }
        return nil
    }

    static func format(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var i = 0
        while value >= 1000 && i < units.count - 1 {
            value /= 1000
            i += 1
        }
        return i == 0 ? "\(bytes) B" : String(format: "%.1f ", value) + units[i]
    }
}
