import Dispatch
import Foundation
import SluicePluginAPI
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The worker side of isolation (`sluice worker`): reads requests on
/// standard input, extracts each input with the plugins of this binary, and
/// writes each outcome as it is found, then an `end` line per input, on
/// standard output. A crash, hang or runaway allocation here costs the
/// supervisor one input, never the run.
///
/// SIGTERM from the supervisor (a stop) cuts the current input short at its
/// next document, as in-process runs do; SIGINT is ignored, so a Ctrl-C on the
/// terminal reaches the supervisor, which stops the workers itself.
package enum WorkerServer {
    /// Serves until standard input closes.
    /// - Parameter settings: the JSON the supervisor passed (``WorkerSettings``).
    package static func serve(registry: ExtractorRegistry, settings json: String) throws {
        let settings = try JSONDecoder().decode(WorkerSettings.self, from: Data(json.utf8))
        exitWithSupervisor()
        let stop = StopFlag()
        let processor = DocumentProcessor(
            registry: registry, limits: settings.limits, pluginOptions: settings.pluginOptions,
            stopRequested: { stop.isSet })
        let input = LineReader(FileHandle.standardInput)
        let output = ResponseWriter()
        let decoder = JSONDecoder()
        while let line = input.next() {
            let request = try decoder.decode(WorkerMessage.Request.self, from: Data(line))
            let discovered = DiscoveredInput(
                relativePath: request.path, absolutePath: request.absolutePath, size: request.size,
                modified: Date(timeIntervalSince1970: request.mtime))
            let end = InputExtraction.extract(discovered, with: processor, emit: { output.send(.init($0)) })
            output.send(.init(end: end))
            try output.flush()
        }
    }
}

/// A worker dies with its supervisor: when the supervisor goes (even by
/// kill -9), the write end of the worker's stdin closes, which `poll` reports
/// as a hang-up at once, however busy the worker is with an input.
private func exitWithSupervisor() {
    Thread.detachNewThread {
        var stdin = pollfd(fd: 0, events: 0, revents: 0)
        while true {
            if poll(&stdin, 1, -1) > 0, stdin.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { _exit(0) }
        }
    }
}

/// Set by SIGTERM; read by the processor before each child document.
private final class StopFlag: @unchecked Sendable {
    // @unchecked: `source` is set once in init and only keeps the handler alive.
    private let flag = Mutex(false)
    private let source: any DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        self.source = source
        source.setEventHandler { [self] in flag.withLock { $0 = true } }
        source.resume()
    }

    var isSet: Bool { flag.withLock { $0 } }
}

/// Outcome lines to standard output, buffered up to 64 KiB so that a large
/// archive's records stream to the supervisor while they are found.
private final class ResponseWriter: Sendable {
    private let buffer = Mutex(Data())
    private let encoder = JSONEncoder()

    func send(_ response: WorkerMessage.Response) {
        guard let line = try? encoder.encode(response) else { return }
        let full = buffer.withLock { b -> Data? in
            b += line
            b.append(0x0A)
            guard b.count >= 64 << 10 else { return nil }
            defer { b.removeAll(keepingCapacity: true) }
            return b
        }
        if let full { try? FileHandle.standardOutput.write(contentsOf: full) }
    }

    func flush() throws {
        let data = buffer.withLock { b -> Data in
            defer { b.removeAll(keepingCapacity: true) }
            return b
        }
        if !data.isEmpty { try FileHandle.standardOutput.write(contentsOf: data) }
    }
}
