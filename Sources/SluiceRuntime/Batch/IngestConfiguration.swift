import Foundation
import SluicePluginAPI

/// Everything a batch run needs besides its plugins.
public struct IngestConfiguration: Sendable {
    public var inputRoot: String
    public var outputDirectory: String
    /// Documents extracted at once; defaults to the number of cores.
    public var jobs: Int
    /// Documents read, being extracted or waiting for the writer at once; this
    /// bound is what keeps memory flat whatever the corpus size.
    public var maxInFlight: Int
    /// A shard is completed and a new one started past this many bytes (default 128 MiB).
    public var shardSizeLimit: Int
    public var includeHidden: Bool
    public var followSymlinks: Bool
    /// Replace the corpus files in a non-empty output directory.
    public var overwrite: Bool
    /// Re-extract every input, ignoring what the ledger says is unchanged.
    public var full: Bool
    /// Re-extract the inputs that failed last time (and new and changed ones).
    public var retryErrors: Bool
    /// A shard is completed and committed at least this often, which bounds
    /// the work a kill -9 can cost (default 10 s).
    public var checkpointInterval: TimeInterval
    /// Extract in worker processes (nil: in this process).
    public var isolation: IsolationSettings?
    public var limits: ExtractionLimits
    public var pluginOptions: [String: PluginOptions]
    /// Only this shard's inputs (a task of a distributed run); nil: all.
    public var shard: ShardSelection?
    /// A file listing the inputs (relative paths, one per line or NUL-separated,
    /// as `sluice list` writes them), read instead of walking the tree.
    public var inputList: String?
    /// Files and directories under the input that are not inputs (the config
    /// file when it sits in the crawl); left out without a line.
    public var excludedPaths: [String] = []
    /// Written to the manifest so that a run can be repeated.
    public var commandLine: [String]

    public init(
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
