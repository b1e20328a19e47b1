import Dispatch
import Foundation
import SluiceCore
import Synchronization

/// Runs one external command to completion: bytes in, stdout and stderr
/// out, killed past a timeout. Foundation's `Process` (posix_spawn, no shell),
/// so a document's bytes and name never reach a shell.
///
/// Threading: `run` blocks its caller (a scheduler thread) and uses two
/// short-lived Dispatch work items to feed stdin and drain stderr, so a
/// command that fills one pipe while we wait on another cannot deadlock.
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

    /// Writing to a command that exited early must fail with EPIPE, not kill Sluice.
    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    static func run(
        executable: String, arguments: [String], directory: String?, stdin bytes: Data?, timeout: Double
    ) throws -> Result {
        _ = ignoreSIGPIPE
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = bytes == nil ? FileHandle.nullDevice : input
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        let group = DispatchGroup()
        if let bytes {
            DispatchQueue.global().async(group: group) {
                // A command that stops reading early makes this throw (EPIPE): that is its business.
                try? input.fileHandleForWriting.write(contentsOf: bytes)
                try? input.fileHandleForWriting.close()
            }
        }
        let stderrData = Mutex(Data())
        DispatchQueue.global().async(group: group) {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            stderrData.withLock { $0 = data }
        }
        let timedOut = Mutex(false)
        let pid = process.processIdentifier
        let killer = DispatchWorkItem {
            timedOut.withLock { $0 = true }
            kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let stdoutData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        group.wait()
        return Result(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut.withLock { $0 }, stdout: stdoutData, stderr: stderrData.withLock { $0 })
    }

    /// The last lines of stderr, for an error message.
    static func tail(_ stderr: Data, maxBytes: Int = 600) -> String {
        let text = String(decoding: stderr.suffix(maxBytes), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : "; stderr: " + text.replacingOccurrences(of: "\n", with: " | ")
    }
}
