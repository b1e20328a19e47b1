import Foundation
import SluiceRuntime

/// Which shard this task is: `--shard K/N`, else a Slurm array task's
/// variables, else a Kubernetes Indexed Job's index with `--shard-count N`.
/// Docs/Distributed.md.
enum ShardResolver {
    static func resolve(flag: String?, count: Int?, environment: [String: String]) throws(CLIFailure)
        -> ShardSelection?
    {
        func usage(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 64) }
        if let flag {
            guard let shard = ShardSelection.parse(flag) else {
                throw usage("--shard '\(flag)' is not K/N with 0 ≤ K < N, e.g. --shard 3/64")
            }
            return shard
        }
        if let id = environment["SLURM_ARRAY_TASK_ID"].flatMap(Int.init),
            let n = environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init)
        {
            let min = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            let step = environment["SLURM_ARRAY_TASK_STEP"].flatMap(Int.init) ?? 1
            let k = (id - min) / max(step, 1)
            guard n > 0, k >= 0, k < n, (id - min) % max(step, 1) == 0 else {
                throw usage(
                    "the Slurm array task \(id) (min \(min), step \(step), count \(n)) is not one of \(n) shards; submit the array as --array=0-\(n - 1), or pass --shard K/N"
                )
            }
            if let count, count != n {
                throw usage("--shard-count \(count) disagrees with SLURM_ARRAY_TASK_COUNT=\(n)")
            }
            return ShardSelection(index: k, count: n, source: "slurm")
        }
        if let index = environment["JOB_COMPLETION_INDEX"].flatMap(Int.init) {
            guard let count else {
                throw usage(
                    "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but not --shard-count: pass --shard-count equal to the Job's completions"
                )
            }
            guard index >= 0, index < count else {
                throw usage("JOB_COMPLETION_INDEX=\(index) is not below --shard-count \(count)")
            }
            return ShardSelection(index: index, count: count, source: "kubernetes")
        }
        if count != nil {
            throw usage(
                "--shard-count needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); elsewhere use --shard K/N")
        }
        return nil
    }
}
