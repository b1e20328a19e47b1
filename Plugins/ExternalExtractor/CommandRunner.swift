import Foundation
import Synchronization

/// Runs one external command to completion: a file on stdin (or nothing),
/// stdout and stderr collected, killed past a timeout.
///
/// Foundation's `Process` (posix_spawn, no shell: a document's bytes and name
/// never reach a shell), with three things added for unattended runs:
/// - `Process` starts the command as leader of a process group of its own
///   (checked: its PGID is its PID), so the timeout kills the whole group,
///   children holding its pipes too;
/// - when the command exits, whatever it left running in its group is killed,
///   so a million documents cannot leave a million stray processes;
/// - every wait is on a thread of its own, never on Dispatch's or Swift's shared
///   pools: the caller holds one of their few threads (the scheduler's, a test's).
///
/// swift-subprocess was tried first: its unstructured tasks need a pool thread
/// while the blocking caller holds one, and with `--jobs` equal to the cores the
/// run deadlocked (Docs/WritingAPlugin.md).
enum CommandRunner {
    struct Result {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stdout: Data
        var stderr: Data
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

    static func run(
        executable: String, arguments: [String], directory: String?, stdin path: String?, timeout: Double,
        outputLimit: Int
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = path.flatMap { FileHandle(forReadingAtPath: $0) } ?? FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let pid = process.processIdentifier
        let group = -pid  // the command leads its own process group

        let stderr = Reader(errors.fileHandleForReading, limit: 1 << 20)
        let stdout = Reader(output.fileHandleForReading, limit: outputLimit)
        let watchdog = Watchdog(pid: pid, group: group, timeout: timeout)
        stdout.wait()
        stderr.wait()
        let exit = watchdog.waitForExit(process)
        return Result(
            status: exit.status, signalled: exit.signalled, timedOut: watchdog.timedOut,
            stdout: stdout.data, stderr: stderr.data)
    }

    /// Reads one pipe to its end on a thread of its own.
    private final class Reader: Sendable {
        private let result = Mutex(Data())
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle, limit: Int) {
            Thread.detachNewThread { [self] in
                var collected = Data()
                while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                    // Past the limit the rest is drained and dropped, so the command never blocks on a full pipe.
                    if collected.count < limit { collected.append(chunk.prefix(limit - collected.count)) }
                }
                result.withLock { $0 = collected }
                done.signal()
            }
        }

        func wait() { done.wait() }
        var data: Data { result.withLock { $0 } }
    }

    /// Kills the command's group past the timeout, and its leftovers once it has exited.
    private final class Watchdog: Sendable {
        private let state = Mutex((finished: false, timedOut: false))
        private let pid: pid_t
        private let group: pid_t

        init(pid: pid_t, group: pid_t, timeout: Double) {
            self.pid = pid
            self.group = group
            let started = Date()
            Thread.detachNewThread { [self] in
                while !state.withLock({ $0.finished }) {
                    if Date().timeIntervalSince(started) > timeout {
                        state.withLock { $0.timedOut = true }
                        kill(group, SIGKILL)
                        return
                    }
                    // Exited (a zombie, or already reaped by Foundation): nothing it started outlives it.
                    if Self.exitCode(pid) != nil || (kill(pid, 0) != 0 && errno == ESRCH) {
                        kill(group, SIGKILL)
                        return
                    }
                    Thread.sleep(forTimeInterval: 0.02)
                }
            }
        }

        var timedOut: Bool { state.withLock { $0.timedOut } }

        /// The command's exit. Foundation learns of it through a socket the command's
        /// children inherit; one that left the group (its own setsid) could hold that
        /// open, so after a grace period the status is read from /proc instead.
        func waitForExit(_ process: Process) -> (status: Int32, signalled: Bool) {
            var waited = 0.0
            while process.isRunning && waited < 2 {
                if Self.exitCode(pid) == nil { waited = 0 } else { waited += 0.01 }
                Thread.sleep(forTimeInterval: 0.01)
            }
            state.withLock { $0.finished = true }
            kill(group, SIGKILL)  // leftovers, in case the watchdog had not seen the exit yet
            if !process.isRunning {
                return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
            }
            let code = Self.exitCode(pid) ?? 0
            return (code & 0x7F) == 0 ? ((code >> 8) & 0xFF, false) : (code & 0x7F, true)
        }

        /// The wait status of a process that has exited but not been reaped (a
        /// zombie), from field 52 of /proc/PID/stat; nil while it runs.
        static func exitCode(_ pid: pid_t) -> Int32? {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.first == "Z", let last = fields.last,
                let code = Int32(last.trimmingCharacters(in: .whitespacesAndNewlines))
            else {
                return nil
            }
            return code
        }
    }

    /// The last lines of stderr, for an error message.
    static func tail(_ stderr: Data, maxBytes: Int = 600) -> String {
        let text = String(decoding: stderr.suffix(maxBytes), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : "; stderr: " + text.replacingOccurrences(of: "\n", with: " | ")
    }
}
