import Foundation

/// Runs a program to completion for a test: stdout and stderr together, with
/// environment changes and a working directory when given.
enum ChildProcess {
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String?] = [:], in directory: URL? = nil
    ) throws -> ResumeTests.Run {
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
