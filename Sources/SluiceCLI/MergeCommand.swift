import ArgumentParser
import Foundation
import SluiceDedup
import SluiceRuntime

/// `sluice merge OUT/shard-*-of-N --out FINAL`: one corpus from the shards of a distributed run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard directories of a distributed run into one corpus.",
        discussion: """
            Checks that the shards are complete and belong together (same input, same N, every K \
            exactly once, every shard file true to its checksum) and refuses otherwise, naming each \
            problem. Shard files are hard-linked into --out (copied across file systems); errors and \
            skips are concatenated; the manifest sums the counts. Re-running replaces a previous \
            merge in --out. Docs/Distributed.md.
            """)

    @Argument(help: "The shard directories (OUT/shard-K-of-N), e.g. OUT/shard-*-of-64.", completion: .directory)
    var shards: [String]

    @Option(name: [.short, .long], help: "The merged corpus directory (new, empty, or a previous merge).")
    var out: String

    @Flag(help: "Merge even when shards are missing; the manifest then says status partial and lists them.")
    var allowPartial = false

    @Flag(help: "When the shards were run with --dedupe: move duplicates out of the shards into duplicates.jsonl.")
    var dropDuplicates = false

    func run() throws {
        let merger = CorpusMerger(
            sources: shards.map { URL(fileURLWithPath: $0).standardizedFileURL },
            output: URL(fileURLWithPath: out).standardizedFileURL, allowPartial: allowPartial)
        let manifest: Manifest
        do {
            manifest = try merger.merge()
        } catch let failure as CorpusMerger.Failure {
            throw fail(CLIFailure(message: failure.description, exitCode: 2))
        } catch {
            throw fail(CLIFailure(message: "the merged corpus cannot be written: \(error)", exitCode: 3))
        }
        let merge = manifest.merge!
        try clusterAcrossShards()
        print(
            """
            sluice: merged \(merge.sources.count) of \(merge.shardCount) shards into \(out) (\(manifest.status))
              records  \(manifest.corpus.records) in \(manifest.shards.count) shard files (\(merge.files))
              errors   \(manifest.counts.errors), skipped \(manifest.counts.skipped)
            """
                + (merge.missing.isEmpty
                    ? ""
                    : "\n  missing  "
                        + merge.missing.map { "shard-\($0)-of-\(merge.shardCount)" }.joined(separator: ", ")))
    }
}

extension MergeCommand {
    /// Shards run with `--dedupe` were signed, not clustered: the merge
    /// carries their signatures over and clusters the whole corpus.
    private func clusterAcrossShards() throws {
        let sources = shards.map { URL(fileURLWithPath: $0).standardizedFileURL }
        guard sources.contains(where: DedupPass.hasSignatures) else { return }
        let options = DedupOptions(dropDuplicates: dropDuplicates)
        do {
            try DedupPass.importSignatures(
                from: sources, into: URL(fileURLWithPath: out), parameters: options.parameters)
        } catch {
            throw fail(CLIFailure(message: error.description, exitCode: 3))
        }
        try DedupeCommand.pass(corpus: out, options: options)
    }
}
