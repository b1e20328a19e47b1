import Foundation

/// Runs a program to completion for a test: stdout and stderr together, with
/// environment changes (a nil value removes a variable) and a working
/// directory when given. For a `sluice` binary, a helper, or a browser.
public enum ChildProcess {
    public struct Result: Sendable, Equatable {
        public var status: Int32
        /// Standard output and standard error, interleaved as written.
        public var output: String
    }

    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String?] = [:], in directory: URL? = nil
    ) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (key, value) in environment { env[key] = value }
            p.environment = env
        }
        if let directory { p.currentDirectoryURL = directory }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return .init(status: p.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
