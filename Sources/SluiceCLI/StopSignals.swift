import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM during a run: the first asks the run to stop cleanly
/// (in-flight documents finish, the open shard is committed, the manifest
/// says `interrupted`); a second exits at once. Either way the next run
/// resumes correctly, because nothing is committed before it is complete.
final class StopSignals: @unchecked Sendable {
    // @unchecked: `sources` is written only in init, before any handler runs;
    // it is kept to hold the sources alive. The rest is a Mutex.
    private var sources: [DispatchSourceSignal] = []
    private let first = Mutex<Int32?>(nil)
    private let queue = DispatchQueue(label: "sluice.signals")

    /// The signal that stopped the run, if any.
    var received: Int32? { first.withLock { $0 } }

    /// - Parameters:
    ///   - stop: asks the run to stop cleanly (the first signal).
    ///   - abandon: says the run is being abandoned (the second signal), just before the exit.
    init(stop: @escaping @Sendable () -> Void, abandon: @escaping @Sendable () -> Void = {}) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)  // handled by the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                let again = first.withLock { f -> Bool in
                    defer { f = f ?? sig }
                    return f != nil
                }
                if again {
                    StandardError.write("\nsluice: stopping now; run the same command again to resume\n")
                    abandon()
                    _exit(128 + sig)
                }
                StandardError.write("\nsluice: finishing the documents in flight (signal again to stop at once)\n")
                stop()
            }
            source.resume()
            sources.append(source)
        }
    }
}
