import Dispatch
import Foundation
import SluicePluginAPI
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How a run isolates extraction in worker processes.
package struct IsolationSettings: Sendable {
    /// The worker's command line: this binary and its `worker` subcommand.
    package var command: [String]
    /// A document still being extracted after this long is abandoned (`timeout`).
    package var timeout: TimeInterval
    /// A worker whose resident memory passes this many bytes is stopped (`memory`).
    package var maxWorkerMemory: Int

    /// Nil takes the default: 60 s, 2 GiB.
    package init(command: [String], timeout: TimeInterval? = nil, maxWorkerMemory: Int? = nil) {
        self.command = command
        self.timeout = timeout ?? 60
        self.maxWorkerMemory = maxWorkerMemory ?? 2 << 30
    }
}

/// The supervisor side of isolation: a pool of worker processes (this
/// binary re-executed as `sluice worker`), one input at a time each. A
/// worker that crashes (a segfault in a C library), runs past the timeout
/// or past the memory limit is killed and replaced, and the input gets one
/// `crash`, `timeout` or `memory` error line; the run goes on.
///
/// Threading: ``extract(_:emit:)`` is called from the run's worker threads,
/// at most as many at once as the pool has workers.
final class WorkerPool: Sendable {
    private let settings: IsolationSettings
    private let workerSettings: String
    private let idle = Mutex<[WorkerProcess]>([])
    /// Workers extracting right now, by pid: a stop reaches them with SIGTERM.
    private let busy = Mutex<Set<Int32>>([])
    private let stopping = Mutex(false)

    init(settings: IsolationSettings, worker: WorkerSettings) throws {
        self.settings = settings
        workerSettings = String(decoding: try JSONEncoder().encode(worker), as: UTF8.self)
    }

    /// Extracts one input in a worker.
    func extract(_ input: DiscoveredInput, emit: @escaping @Sendable (DocumentOutcome) -> Void) -> ExtractionEnd {
        let worker: WorkerProcess
        do {
            worker =
                try idle.withLock { $0.popLast() } ?? WorkerProcess(settings.command + ["--settings", workerSettings])
        } catch {
            emit(Self.failure(input, "crash", "the worker process could not be started: \(error)"))
            return .done(sha256: nil)
        }
        busy.withLock { _ = $0.insert(worker.pid) }
        // A stop requested just before this worker was marked busy still reaches it.
        if stopping.withLock({ $0 }) { kill(worker.pid, SIGTERM) }
        let request = WorkerMessage.Request(
            path: input.relativePath, absolutePath: input.absolutePath, size: input.size,
            mtime: input.modified.timeIntervalSince1970)
        let result = worker.run(request, timeout: settings.timeout, maxMemory: settings.maxWorkerMemory, emit: emit)
        busy.withLock { _ = $0.remove(worker.pid) }
        switch result {
        case .ended(let end):
            idle.withLock { $0.append(worker) }
            return end
        case .failed(let kind, let message):
            emit(Self.failure(input, kind, message))
            return .done(sha256: nil)
        }
    }

    /// Cuts the inputs being extracted short at their next document (the
    /// workers' SIGTERM handler), as a stop does in process.
    func requestStop() {
        stopping.withLock { $0 = true }
        for pid in busy.withLock({ $0 }) { kill(pid, SIGTERM) }
    }

    /// Ends every idle worker (they exit when their input closes).
    func shutdown() {
        for worker in idle.withLock({ w -> [WorkerProcess] in
            defer { w.removeAll() }
            return w
        }) { worker.close() }
    }

    static func failure(_ input: DiscoveredInput, _ kind: String, _ message: String) -> DocumentOutcome {
        .failed(ErrorEntry(path: input.relativePath, members: [], extractor: nil, kind: kind, message: message))
    }
}

/// One worker process and its pipes. Used by one thread at a time.
final class WorkerProcess: @unchecked Sendable {
    // @unchecked: a worker is used by one run thread at a time (the pool hands
    // it out under a Mutex); its watchdog only reads the pid and sends a signal.
    private let process = Process()
    private let input: FileHandle
    private let reader: FrameReader

    enum Result {
        case ended(ExtractionEnd)
        case failed(kind: String, message: String)
    }

    var pid: Int32 { process.processIdentifier }

    init(_ command: [String]) throws {
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        input = stdin.fileHandleForWriting
        reader = FrameReader(descriptor: stdout.fileHandleForReading.fileDescriptor)
    }

    func run(
        _ request: WorkerMessage.Request, timeout: TimeInterval, maxMemory: Int,
        emit: @escaping @Sendable (DocumentOutcome) -> Void
    ) -> Result {
        let verdict = Mutex<String?>(nil)
        let pid = process.processIdentifier
        let started = Date()
        let watchdog = DispatchSource.makeTimerSource(queue: .global())
        watchdog.schedule(deadline: .now() + 0.05, repeating: 0.05)
        watchdog.setEventHandler {
            var reason: String? = nil
            if Date().timeIntervalSince(started) > timeout {
                reason = "timeout"
            } else if Self.residentBytes(pid) > maxMemory {
                reason = "memory"
            }
            guard let reason,
                verdict.withLock({ v in
                    defer { v = v ?? reason }
                    return v == nil
                })
            else { return }
            kill(pid, SIGKILL)
        }
        watchdog.resume()
        defer { watchdog.cancel() }

        do {
            try input.write(contentsOf: Data(request.frame))
        } catch {
            watchdog.cancel()  // before reaping: the pid must not be signalled once it may be reused
            return dead(verdict, request)
        }
        while true {
            let frame: Frame?
            do {
                frame = try reader.next()
            } catch .truncated {
                break
            } catch {
                // The stream cannot be followed past a damaged header: end the worker.
                verdict.withLock { $0 = $0 ?? "garbled" }
                kill(pid, SIGKILL)
                break
            }
            guard let frame else { break }
            do {
                switch try WorkerMessage.Response(frame) {
                case .end(let end): return .ended(end)
                case .outcome(let outcome): emit(outcome)
                }
            } catch {
                // A damaged outcome is said, not dropped; the frames after it are still read.
                let message = "the worker sent an outcome that could not be read (\(error)); it is lost"
                emit(
                    .failed(
                        ErrorEntry(path: request.path, members: [], extractor: nil, kind: "crash", message: message)))
            }
        }
        watchdog.cancel()  // before reaping: the pid must not be signalled once it may be reused
        return dead(verdict, request)
    }

    /// The worker is gone: say why, as one of `timeout`, `memory` or `crash`.
    private func dead(_ verdict: borrowing Mutex<String?>, _ request: WorkerMessage.Request) -> Result {
        let exit = reap()
        switch verdict.withLock({ $0 }) {
        case "timeout":
            return .failed(
                kind: "timeout",
                message: "extraction took longer than the timeout; the worker was stopped (raise --timeout)")
        case "memory":
            return .failed(
                kind: "memory",
                message:
                    "the worker passed the memory limit while extracting this input and was stopped (raise --max-worker-memory)"
            )
        case "garbled":
            return .failed(
                kind: "crash",
                message: "the worker's output could not be read (a damaged frame); the worker was stopped")
        default:
            let how = exit.signalled ? "signal \(exit.status)" : "exit status \(exit.status)"
            return .failed(kind: "crash", message: "the worker crashed (\(how)) while extracting this input")
        }
    }

    func close() {
        try? input.close()
        _ = reap()
    }

    /// Waits for the worker's end and returns how it ended. Not
    /// `Process.waitUntilExit()`: Foundation learns of a child's exit when a
    /// socket the child holds closes, and a worker spawned at the same moment
    /// from another thread can inherit that socket; the exit then goes
    /// unnoticed while the other worker lives (swift-corelibs-foundation issue
    /// 4795; seen here: a supervisor blocked for good beside a zombie worker,
    /// as SlurmTests saw with daemons). So the worker is reaped here with
    /// `waitpid`, polled; when Foundation reaped it first (`ECHILD`), its own
    /// record of the exit is read.
    private func reap() -> (signalled: Bool, status: Int32) {
        let pid = process.processIdentifier
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let signal = status & 0x7F
                return signal != 0 ? (true, signal) : (false, (status >> 8) & 0xFF)
            }
            if r < 0 && errno == ECHILD {
                while process.isRunning { usleep(1_000) }
                return (process.terminationReason == .uncaughtSignal, process.terminationStatus)
            }
            if r < 0 && errno != EINTR { return (false, -1) }
            usleep(2_000)
        }
    }

    /// Resident memory of a process, from /proc (0 when unknown).
    static func residentBytes(_ pid: Int32) -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
