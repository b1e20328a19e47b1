import ArgumentParser
import Foundation
import SluicePluginAPI
import TOMLKit

#if canImport(Glibc)
    import Glibc
#endif

/// `sluice parse-check FILE`: parses a config file with TOMLKit and exits 0,
/// whatever TOMLKit says of it. Not for people: ``TOMLParseCheck`` runs it in
/// a child process first, because TOMLKit's parser (toml++) aborts the whole
/// process on some malformed files (`m=[}`) instead of throwing.
struct ParseCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-check", abstract: "Parse a config file in a child process (internal).",
        shouldDisplay: false)

    @Argument var file: String

    func run() throws {
        if let source = try? String(contentsOfFile: file, encoding: .utf8) { _ = try? TOMLTable(string: source) }
    }
}

/// Runs ``ParseCheckCommand`` on a config file before this process parses it:
/// a file that would abort the parser costs an error message, not the process.
enum TOMLParseCheck {
    static func check(_ path: String) throws(ConfigurationError) {
        let arguments: [String] = [WorkerCommand.executablePath, "parse-check", path]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0]!, &actions, nil, argv, environ) == 0 else { return }  // parsed in process then
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        guard signal != 0 else { return }
        throw ConfigurationError(
            file: path,
            message:
                "not valid TOML: the parser failed on this file (signal \(signal)); its syntax is broken somewhere, check it with a TOML validator"
        )
    }
}
