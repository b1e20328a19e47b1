import Dispatch
import Foundation
import Synchronization
import Testing

@testable import SluiceRuntime

/// Workers started at the same moment from several threads (as the run's
/// extraction threads start them) hold only their own pipes: a worker that
/// inherited another's stdin kept it open, that worker never read its end,
/// and the run's shutdown waited for it for good.
@Suite struct WorkerProcessTests {
    /// A stand-in worker: greets as a sluice worker does, then reads stdin to its end.
    static var greeter: [String] {
        let greeting = WorkerMessage.readyFrame.map { "\\" + String($0, radix: 8) }.joined()
        return ["/bin/sh", "-c", "printf '\(greeting)'; exec cat"]
    }

    /// The pipes a process holds, by descriptor (`pipe:[inode]`).
    static func pipes(of pid: Int32) -> [String: String] {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        var found: [String: String] = [:]
        for fd in fds {
            let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")
            if let target, target.hasPrefix("pipe:") { found[fd] = target }
        }
        return found
    }

    /// Rounds of workers started together: the window in which a start can
    /// copy another's new pipes is small, so the test gives it many chances.
    @Test func workersStartedTogetherHoldNoneOfEachOthersPipes() throws {
        for _ in 0..<60 { try startTogether(12) }
    }

    func startTogether(_ count: Int) throws {
        let started = Mutex<[WorkerProcess]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: count) { _ in
            do {
                let worker = try WorkerProcess(Self.greeter)
                started.withLock { $0.append(worker) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        let workers = started.withLock { $0 }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(workers.count == count)
        // A worker's own pipes are its stdin and stdout; any other worker's showing up is a leak.
        let held = workers.map { Self.pipes(of: $0.pid) }
        let own = held.map { Set([$0["0"], $0["1"]].compactMap { $0 }) }
        var leaked: [WorkerProcess] = []
        for (i, worker) in workers.enumerated() {
            let others = own.indices.filter { $0 != i }.reduce(into: Set<String>()) { $0.formUnion(own[$1]) }
            if !others.isDisjoint(with: held[i].values) { leaked.append(worker) }
        }
        #expect(!own.contains { $0.count != 2 }, "every worker reads and writes a pipe")
        #expect(leaked.isEmpty, "workers holding others' pipes: \(leaked.map(\.pid))")
        for worker in leaked { kill(worker.pid, SIGKILL) }
        for worker in workers.reversed() { worker.close() }
    }
}
