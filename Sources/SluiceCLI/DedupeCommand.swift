import ArgumentParser
import Foundation
import SluiceDedup
import SluiceRuntime

struct DedupeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "Cluster exact and near-duplicate documents of a corpus (meta.dup_cluster, meta.duplicate_of).",
        discussion: """
            Folds each text (NFKC, lower case, letters and digits only), shingles it (character 5-grams for \
            Chinese, Japanese and Korean, word 5-grams otherwise), signs it with MinHash and finds pairs through \
            LSH bands; pairs whose estimated similarity reaches the threshold are clustered. The kept member of a \
            cluster is the earliest published, then the shortest path. Signatures stay in dedup.sqlite, so the \
            next pass signs only new and changed documents. Docs/Dedup.md explains the method and how to tune it.
            """
    )

    @Argument(help: "The corpus directory (the --out of sluice ingest, or a merge).", completion: .directory)
    var corpus: String

    @Flag(help: "Move duplicates out of the shards into duplicates.jsonl (without it they stay, annotated).")
    var dropDuplicates = false

    @Option(help: "Estimated Jaccard similarity a pair must reach (0-1, default 0.5).")
    var threshold: Double?

    @Option(name: [.short, .long], help: "Threads that sign documents (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let threshold, !(0.05...1).contains(threshold) {
            throw ValidationError("--threshold must be between 0.05 and 1")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var options = DedupOptions(dropDuplicates: dropDuplicates)
        if let threshold { options.parameters.threshold = threshold }
        if let jobs { options.jobs = jobs }
        try Self.pass(corpus: corpus, options: options)
    }

    /// Runs the pass and prints what it found (also after `ingest --dedupe`).
    static func pass(corpus: String, options: DedupOptions) throws {
        let started = Date()
        let info: Manifest.DedupInfo
        do {
            info = try DedupPass(directory: URL(fileURLWithPath: corpus), options: options).run()
        } catch {
            let code: Int32 = if case .failed = error { 3 } else { 2 }
            throw CLIFailure(message: error.description, exitCode: code).reported()
        }
        let n = { (v: Int) in v.formatted(.number.grouping(.automatic)) }
        var line =
            "sluice: dedupe \(corpus): \(n(info.documents)) documents (\(n(info.signed)) signed), \(n(info.clusters)) clusters, \(n(info.duplicates)) duplicates"
        if info.dropped > 0 { line += " (in duplicates.jsonl)" }
        line +=
            ", \(n(info.revised)) records rewritten in \(String(format: "%.2f", Date().timeIntervalSince(started))) s"
        print(line)
    }
}
