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
    /// Workers extracting right now, by pid: a stop reaches them with SIGTERM,
    /// the watchdog checks their time and memory.
    private let busy = Mutex<[Int32: WorkerProcess]>([:])
    private let stopping = Mutex(false)
    /// One timer for the pool, every 50 ms, rather than one per input: creating
    /// and cancelling a dispatch timer per input was a fifth of the
    /// supervisor's per-input work.
    private let watchdog: Mutex<(any DispatchSourceTimer)?>

    /// Starts the first worker, so that a worker command that cannot run
    /// stops the run before it begins rather than failing every input.
    init(settings: IsolationSettings, worker: WorkerSettings) throws(IngestError) {
        self.settings = settings
        do {
            workerSettings = String(decoding: try JSONEncoder().encode(worker), as: UTF8.self)
        } catch {
            throw .workersUnavailable("the worker settings cannot be encoded: \(error)")
        }
        do {
            let first = try WorkerProcess(settings.command + ["--settings", workerSettings])
            idle.withLock { $0.append(first) }
        } catch {
            throw .workersUnavailable("\(error)")
        }
        watchdog = Mutex(DispatchSource.makeTimerSource(queue: .global()))
        watchdog.withLock { timer in
            timer?.schedule(deadline: .now() + 0.05, repeating: 0.05)
            timer?.setEventHandler { [weak self] in
                guard let self else { return }
                for worker in busy.withLock({ Array($0.values) }) {
                    worker.check(timeout: settings.timeout, maxMemory: settings.maxWorkerMemory)
                }
            }
            timer?.resume()
        }
    }

    deinit { watchdog.withLock { $0?.cancel() } }

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
        busy.withLock { $0[worker.pid] = worker }
        // A stop requested just before this worker was marked busy still reaches it.
        if stopping.withLock({ $0 }) { kill(worker.pid, SIGTERM) }
        let request = WorkerMessage.Request(
            path: input.relativePath, absolutePath: input.absolutePath, size: input.size,
            mtime: input.modified.timeIntervalSince1970)
        let result = worker.run(request, emit: emit)
        busy.withLock { $0[worker.pid] = nil }
        switch result {
        case .ended(let end):
            // The watchdog may have judged it in the moment its input ended: then it is not reused.
            if worker.isCondemned { worker.close() } else { idle.withLock { $0.append(worker) } }
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
        for pid in busy.withLock({ $0.keys }) { kill(pid, SIGTERM) }
    }

    /// Ends every idle worker (they exit when their input closes).
    func shutdown() {
        watchdog.withLock { timer in
            timer?.cancel()
            timer = nil
        }
        let workers = idle.withLock { w -> [WorkerProcess] in
            defer { w.removeAll() }
            return w
        }
        // Every input closed before any is waited for: a worker that still held
        // a copy of another's stdin would otherwise keep that one waiting.
        for worker in workers { worker.closeInput() }
        for worker in workers { worker.close() }
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
    /// What the watchdog knows of this worker; it signals the process only
    /// while holding this lock and before `reaping` is set, so a reaped pid
    /// (which the system may reuse) is never signalled.
    private let watch = Mutex(Watch())

    private struct Watch {
        /// When the current input was sent; nil between inputs.
        var started: Date?
        /// Why the watchdog (or a damaged frame) stopped the worker: `timeout`, `memory`, `garbled`.
        var verdict: String?
        var reaping = false
        /// The worker's stdin was closed (shutdown closes it before `close()` does).
        var inputClosed = false
    }

    enum Result {
        case ended(ExtractionEnd)
        case failed(kind: String, message: String)
    }

    var pid: Int32 { process.processIdentifier }

    /// Held while a worker starts (see ``init(_:readyTimeout:)``).
    private static let starting = Mutex(())

    /// A worker that could not be started, or did not say it was ready.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the worker and waits (up to `readyTimeout` seconds) for its ready frame.
    init(_ command: [String], readyTimeout: Int32 = 30) throws(StartFailure) {
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let shown = command.prefix(2).joined(separator: " ")
        // One start at a time, from making the pipes to marking the supervisor's
        // ends close-on-exec: Foundation's pipes are inheritable, and a worker
        // started beside another kept copies of that one's pipes, so it never
        // saw its input end and the run's shutdown waited for it for good.
        let starting = process
        let started: Swift.Result<(Pipe, Pipe), any Error> = Self.starting.withLock { _ in
            let stdin = Pipe()
            let stdout = Pipe()
            starting.standardInput = stdin
            starting.standardOutput = stdout
            starting.standardError = FileHandle.nullDevice
            let result = Swift.Result { try starting.run() }
            for fd in [stdin.fileHandleForWriting.fileDescriptor, stdout.fileHandleForReading.fileDescriptor] {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            return result.map { (stdin, stdout) }
        }
        let stdin: Pipe
        let stdout: Pipe
        switch started {
        case .success(let pipes): (stdin, stdout) = pipes
        case .failure(let error): throw StartFailure(description: "'\(shown)' could not be started: \(error)")
        }
        input = stdin.fileHandleForWriting
        let output = stdout.fileHandleForReading.fileDescriptor
        reader = FrameReader(descriptor: output)
        var problem: String? = "did not answer within \(readyTimeout) s"
        if Self.waitReadable(output, seconds: readyTimeout) {
            let first = Swift.Result { () throws(WireError) in try reader.next() }
            switch first {
            case .success(let frame?) where frame.tag == WorkerMessage.Tag.ready.rawValue: problem = nil
            case .success(nil): problem = "exited before it was ready"
            default: problem = "is not a sluice worker (its first output was not the worker's greeting)"
            }
        }
        if let problem {
            kill(process.processIdentifier, SIGKILL)
            close()
            throw StartFailure(description: "'\(shown)' \(problem)")
        }
    }

    /// Waits until `descriptor` has something to read (or its writer closed).
    /// A signal (a sibling worker's SIGCHLD) interrupts `poll`, which is never
    /// restarted: it is called again for the time left.
    private static func waitReadable(_ descriptor: Int32, seconds: Int32) -> Bool {
        let deadline = Date().addingTimeInterval(Double(seconds))
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let left = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            let n = poll(&ready, 1, left)
            if n > 0 { return true }
            if n == 0 || errno != EINTR { return false }
        }
    }

    /// Whether the watchdog stopped this worker: it is not given another input.
    var isCondemned: Bool { watch.withLock { $0.verdict != nil } }

    /// Called by the pool's watchdog: stops the worker when its input has run
    /// past `timeout` or the process past `maxMemory` bytes.
    func check(timeout: TimeInterval, maxMemory: Int) {
        let pid = process.processIdentifier
        watch.withLock { w in
            guard let started = w.started, w.verdict == nil, !w.reaping else { return }
            // Memory first: when a check comes late (a loaded machine) and finds
            // both, the memory is what the user can act on.
            if Self.residentBytes(pid) > maxMemory {
                w.verdict = "memory"
            } else if Date().timeIntervalSince(started) > timeout {
                w.verdict = "timeout"
            } else {
                return
            }
            kill(pid, SIGKILL)
        }
    }

    func run(_ request: WorkerMessage.Request, emit: @escaping @Sendable (DocumentOutcome) -> Void) -> Result {
        let pid = process.processIdentifier
        watch.withLock { $0.started = Date() }
        defer { watch.withLock { $0.started = nil } }
        do {
            try input.write(contentsOf: Data(request.frame))
        } catch {
            return dead()
        }
        while true {
            let frame: Frame?
            do {
                frame = try reader.next()
            } catch .truncated {
                break
            } catch {
                // The stream cannot be followed past a damaged header: end the worker.
                watch.withLock { w in
                    guard !w.reaping else { return }
                    w.verdict = w.verdict ?? "garbled"
                    kill(pid, SIGKILL)
                }
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
        return dead()
    }

    /// The worker is gone: say why, as one of `timeout`, `memory` or `crash`.
    private func dead() -> Result {
        let verdict = watch.withLock { w in
            w.reaping = true
            return w.verdict
        }
        let exit = reap()
        switch verdict {
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
        closeInput()
        _ = reap()
    }

    /// Tells the worker there is no more input: it exits when it reads the end.
    func closeInput() {
        let first = watch.withLock { w in
            defer { (w.reaping, w.inputClosed) = (true, true) }
            return !w.inputClosed
        }
        // Once only: a descriptor closed twice may by then be another file's.
        if first { try? input.close() }
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
