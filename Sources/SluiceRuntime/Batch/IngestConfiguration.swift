import Foundation
import SluicePluginAPI

/// Everything a batch run needs besides its plugins.
package struct IngestConfiguration: Sendable {
    package var inputRoot: String
    package var outputDirectory: String
    /// Documents extracted at once; defaults to the number of cores.
    package var jobs: Int
    /// Documents read, being extracted or waiting for the writer at once; this
    /// bound is what keeps memory flat whatever the corpus size.
    package var maxInFlight: Int
    /// A shard is completed and a new one started past this many bytes (default 128 MiB).
    package var shardSizeLimit: Int
    package var includeHidden: Bool
    package var followSymlinks: Bool
    /// Replace the corpus files in a non-empty output directory.
    package var overwrite: Bool
    /// Re-extract every input, ignoring what the ledger says is unchanged.
    package var full: Bool
    /// Re-extract the inputs that failed last time (and new and changed ones).
    package var retryErrors: Bool
    /// A shard is completed and committed at least this often, which bounds
    /// the work a kill -9 can cost (default 10 s).
    package var checkpointInterval: TimeInterval
    /// Extract in worker processes (nil: in this process).
    package var isolation: IsolationSettings?
    package var limits: ExtractionLimits
    package var pluginOptions: [String: PluginOptions]
    /// Only this shard's inputs (a task of a distributed run); nil: all.
    package var shard: ShardSelection?
    /// A file listing the inputs (relative paths, one per line or NUL-separated,
    /// as `sluice list` writes them), read instead of walking the tree.
    package var inputList: String?
    /// Files and directories under the input that are not inputs (the config
    /// file when it sits in the crawl); left out without a line.
    package var excludedPaths: [String] = []
    /// Written to the manifest so that a run can be repeated.
    package var commandLine: [String]

    package init(
        inputRoot: String, outputDirectory: String, jobs: Int? = nil, maxInFlight: Int? = nil,
        shardSizeLimit: Int? = nil, includeHidden: Bool = false, followSymlinks: Bool = false,
        overwrite: Bool = false, full: Bool = false, retryErrors: Bool = false, checkpointInterval: TimeInterval? = nil,
        isolation: IsolationSettings? = nil,
        limits: ExtractionLimits = ExtractionLimits(),
        pluginOptions: [String: PluginOptions] = [:], commandLine: [String] = CommandLine.arguments
    ) {
        let jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        self.inputRoot = inputRoot
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.maxInFlight = max(jobs, maxInFlight ?? jobs * 4)
        self.shardSizeLimit = shardSizeLimit ?? 128 << 20
        self.includeHidden = includeHidden
        self.followSymlinks = followSymlinks
        self.overwrite = overwrite
        self.full = full
        self.retryErrors = retryErrors
        self.checkpointInterval = checkpointInterval ?? 10
        self.isolation = isolation
        self.limits = limits
        self.pluginOptions = pluginOptions
        self.commandLine = commandLine
    }
}
