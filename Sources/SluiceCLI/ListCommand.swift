import ArgumentParser
import Foundation
import SluiceRuntime

/// `sluice list INPUT`: the inputs a run would read, walked once, so that the
/// tasks of a distributed run can read the list (`ingest --inputs`) instead
/// of each walking the whole tree.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the inputs under a directory (relative paths), for `ingest --inputs` on many machines.",
        discussion:
            "Hidden files and symbolic links follow the same rules as ingest. Entries that are not inputs (symlinks not followed, sockets) are left out; ingest without --inputs reports them."
    )

    @Argument(help: "The crawled directory.", completion: .directory)
    var input: String

    @Flag(help: "Include hidden files and directories.")
    var hidden = false

    @Flag(help: "Follow symbolic links.")
    var followSymlinks = false

    @Flag(
        name: [.customShort("0"), .long],
        help: "End each path with NUL instead of a newline (for names holding newlines).")
    var null = false

    func run() throws {
        let root: String
        do {
            root = try IngestRun.resolveInputRoot(input)
        } catch {
            throw fail(CLIFailure(message: error.description, exitCode: 2))
        }
        var discovery = InputDiscovery(root: root)
        discovery.includeHidden = hidden
        discovery.followSymlinks = followSymlinks
        var buffer = Data()
        let out = FileHandle.standardOutput
        let terminator: UInt8 = null ? 0 : 0x0A
        var written = true
        discovery.walk { event in
            guard case .file(let file) = event else { return true }
            if !null && file.relativePath.contains("\n") {
                StandardError.write("sluice: warning: '\(file.relativePath)' holds a newline; use --null\n")
                return true
            }
            buffer.append(contentsOf: file.relativePath.utf8)
            buffer.append(terminator)
            if buffer.count >= 1 << 16 {
                do { try out.write(contentsOf: buffer) } catch {
                    written = false
                    return false
                }
                buffer.removeAll(keepingCapacity: true)
            }
            return true
        }
        do { try out.write(contentsOf: buffer) } catch { written = false }
        if !written { throw ExitCode(3) }
    }
}
