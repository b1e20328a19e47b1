import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one external command to completion: a file on stdin (or nothing),
/// stdout and stderr collected, killed past a timeout.
///
/// `posix_spawn` directly (no shell: a document's bytes and name never reach
/// one), set up for unattended runs:
/// - the command starts with an empty signal mask and every signal at its
///   default disposition: Sluice ignores SIGINT and SIGTERM itself and its
///   Dispatch threads block signals, and a command must inherit neither (its
///   `sleep 1 & wait`, `alarm()` and children's SIGTERM must work);
/// - it leads a process group of its own, so the timeout kills the whole
///   group, and whatever it left running in its group is killed when it exits;
/// - its output is read with a deadline: once it has exited (or was killed),
///   a process that escaped the group (its own `setsid`) and still holds the
///   pipe cannot keep the run waiting;
/// - stdout past `outputLimit` is drained, dropped and reported (``Result/truncated``).
///
/// Every wait is on a thread of its own, never on Dispatch's or Swift's shared
/// pools: the caller holds one of their few threads. (swift-subprocess was tried
/// first: its unstructured tasks need a pool thread while the blocking caller
/// holds one, and with `--jobs` equal to the cores the run deadlocked.)
enum CommandRunner {
    struct Result {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stdout: Data
        var stderr: Data
        /// Stdout passed the limit; the rest was dropped.
        var truncated: Bool
    }

    struct SpawnError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { String(cString: strerror(code)) }
    }

    /// A command's program as found on `PATH`, or as given when it holds a `/`
    /// (relative to `directory` when relative).
    static func resolve(_ program: String, in directory: String?) -> String? {
        if program.contains("/") {
            let path = program.hasPrefix("/") || directory == nil ? program : directory! + "/" + program
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// How long output is still read after the command exited, for a process
    /// that escaped its group and holds the pipe.
    static let drainGrace: Double = 1

    static func run(
        executable: String, arguments: [String], directory: String?, stdin path: String?,
        environment extra: [String: String] = [:], timeout: Double, outputLimit: Int
    ) throws -> Result {
        let input = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(input) }
        // Pipes are made close-on-exec and the command spawned under one lock, so
        // a command started by another thread at that moment inherits neither.
        let (pid, output, errors) = try spawning.withLock { _ in
            let output = try Self.pipe()
            let errors = try Self.pipe()
            defer { for fd in [output.write, errors.write] { close(fd) } }  // the command holds them now
            do {
                let pid = try spawn(
                    executable, arguments, directory: directory, environment: extra, stdin: input,
                    stdout: output.write, stderr: errors.write)
                return (pid, output, errors)
            } catch {
                for fd in [output.read, errors.read] { close(fd) }
                throw error
            }
        }
        defer { for fd in [output.read, errors.read] { close(fd) } }

        let deadline = Deadline()
        let stdout = Reader(output.read, limit: outputLimit, deadline: deadline)
        let stderr = Reader(errors.read, limit: 1 << 20, deadline: deadline)
        let exit = Waiter(pid: pid, timeout: timeout).wait()
        kill(-pid, SIGKILL)  // whatever it left running in its group
        deadline.start(after: drainGrace)
        stdout.wait()
        stderr.wait()
        return Result(
            status: exit.status, signalled: exit.signalled, timedOut: exit.timedOut, stdout: stdout.data,
            stderr: stderr.data, truncated: stdout.truncated)
    }

    private static let spawning = Mutex(())

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else { throw SpawnError(code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np`, which Swift's Glibc
    /// module does not import (it needs _GNU_SOURCE).
    private typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = dlsym(
        UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np"
    ).map { unsafeBitCast($0, to: AddChdir.self) }

    /// posix_spawn with an empty signal mask, default dispositions, a new
    /// process group, the working directory, and the three standard streams.
    private static func spawn(
        _ executable: String, _ arguments: [String], directory: String?, environment extra: [String: String],
        stdin: Int32, stdout: Int32, stderr: Int32
    ) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let directory {
            guard let addChdir else { throw SpawnError(code: ENOSYS) }
            _ = addChdir(&actions, directory)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        // Sluice's environment, with the document's SLUICE_* variables over it.
        let merged = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let environment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in environment { free(p) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        guard code == 0 else { throw SpawnError(code: code) }
        return pid
    }

    /// When readers stop waiting for more output: not before the command has
    /// exited, then after a grace period.
    private final class Deadline: Sendable {
        private let end = Mutex<Date?>(nil)
        func start(after seconds: Double) { end.withLock { $0 = Date().addingTimeInterval(seconds) } }
        var passed: Bool { end.withLock { $0.map { Date() >= $0 } ?? false } }
    }

    /// Reads one pipe to its end (or the deadline) on a thread of its own.
    private final class Reader: Sendable {
        private let result = Mutex((data: Data(), truncated: false))
        private let done = DispatchSemaphore(value: 0)

        init(_ fd: Int32, limit: Int, deadline: Deadline) {
            Thread.detachNewThread { [self] in
                var collected = Data()
                var truncated = false
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while !deadline.passed {
                    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    guard poll(&poller, 1, 100) != 0 else { continue }  // nothing yet: look at the deadline again
                    let n = read(fd, &buffer, buffer.count)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { break }
                    // Past the limit the rest is drained and dropped, so the command never blocks on a full pipe.
                    let room = limit - collected.count
                    if n > room { truncated = true }
                    if room > 0 { collected.append(contentsOf: buffer[0..<min(n, room)]) }
                }
                result.withLock { $0 = (collected, truncated) }
                done.signal()
            }
        }

        func wait() { done.wait() }
        var data: Data { result.withLock { $0.data } }
        var truncated: Bool { result.withLock { $0.truncated } }
    }

    /// Waits for the command's exit; past the timeout, kills its group first.
    private final class Waiter: Sendable {
        let pid: pid_t
        let timeout: Double
        private let state = Mutex((exited: false, timedOut: false))
        private let alarm = DispatchSemaphore(value: 0)

        init(pid: pid_t, timeout: Double) {
            self.pid = pid
            self.timeout = timeout
        }

        func wait() -> (status: Int32, signalled: Bool, timedOut: Bool) {
            Thread.detachNewThread { [self] in
                // The timeout as a semaphore wait: it returns at once when the command exits first.
                guard alarm.wait(timeout: .now() + timeout) == .timedOut else { return }
                let kill = state.withLock { s -> Bool in
                    if !s.exited { s.timedOut = true }
                    return !s.exited
                }
                if kill { Glibc.kill(-pid, SIGKILL) }
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let timedOut = state.withLock { s -> Bool in
                s.exited = true
                return s.timedOut
            }
            alarm.signal()
            let signalled = (status & 0x7F) != 0
            return (signalled ? status & 0x7F : (status >> 8) & 0xFF, signalled, timedOut)
        }
    }

    /// The last lines of stderr, for an error message.
    static func tail(_ stderr: Data, maxBytes: Int = 600) -> String {
        let text = String(decoding: stderr.suffix(maxBytes), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : "; stderr: " + text.replacingOccurrences(of: "\n", with: " | ")
    }
}
