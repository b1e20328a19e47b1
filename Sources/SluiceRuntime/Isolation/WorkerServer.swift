import Dispatch
import Foundation
import SluicePluginAPI
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The worker side of isolation (`sluice worker`): says it is ready, reads
/// request frames on standard input, extracts each input with the plugins of
/// this binary, and writes each outcome frame as it is found, then an `end`
/// frame per input, on standard output (``WorkerMessage``). A crash, hang or runaway allocation here costs the
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
        let input = FrameReader(descriptor: 0)
        let output = ResponseWriter()
        try output.ready()
        while let frame = try input.next() {
            let request = try WorkerMessage.Request(frame)
            let discovered = DiscoveredInput(
                relativePath: request.path, absolutePath: request.absolutePath, size: request.size,
                modified: Date(timeIntervalSince1970: request.mtime))
            let end = InputExtraction.extract(discovered, with: processor, emit: { output.send(.outcome($0)) })
            output.send(.end(end))
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

/// Outcome frames to standard output, buffered up to 64 KiB so that a large
/// archive's records stream to the supervisor while they are found.
private final class ResponseWriter: Sendable {
    private let buffer = Mutex<[UInt8]>([])

    func send(_ response: WorkerMessage.Response) {
        let frame = response.frame
        let full = buffer.withLock { b -> [UInt8]? in
            b += frame
            guard b.count >= 64 << 10 else { return nil }
            defer { b.removeAll(keepingCapacity: true) }
            return b
        }
        if let full { try? Self.write(full) }
    }

    /// Tells the supervisor this process is a working `sluice worker`.
    func ready() throws { try Self.write(WorkerMessage.readyFrame) }

    func flush() throws {
        let bytes = buffer.withLock { b -> [UInt8] in
            defer { b.removeAll(keepingCapacity: true) }
            return b
        }
        try Self.write(bytes)
    }

    private static func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBufferPointer { Glibc.write(1, $0.baseAddress! + sent, $0.count - sent) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            sent += n
        }
    }
}
