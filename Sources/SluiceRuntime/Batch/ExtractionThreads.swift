import Dispatch
import Foundation
import Synchronization

/// `jobs` long-lived threads taking work from one first-in, first-out queue.
///
/// Why not a concurrent Dispatch queue behind a `jobs` semaphore: there a
/// worker that finishes an input idles until the walk's thread wakes up,
/// takes the freed slot and hands it the next input, a hand-over on every
/// input (10–15% of both cores idle on the 10k benchmark crawl). Here inputs
/// wait in the queue (the pipeline's in-flight bound limits how many), and a
/// thread that finishes one starts the next at once.
///
/// Threading: ``submit(_:)`` and ``shutdown()`` may be called from any thread;
/// work runs on the pool's threads, at most `count` at a time.
final class ExtractionThreads: Sendable {
    private let queue = Mutex(Queue())
    /// One signal per submitted work item, and one per thread at shutdown.
    private let ready = DispatchSemaphore(value: 0)
    private let count: Int

    private struct Queue {
        var items: [@Sendable () -> Void] = []
        var head = 0
        var closed = false

        mutating func take() -> (@Sendable () -> Void)? {
            guard head < items.count else { return nil }
            defer {
                head += 1
                // Compact now and then: the queue stays as short as the in-flight bound.
                if head == items.count || head >= 64 {
                    items.removeFirst(head)
                    head = 0
                }
            }
            return items[head]
        }
    }

    init(count: Int) {
        self.count = max(count, 1)
        for _ in 0..<self.count {
            Thread.detachNewThread { [self] in
                while true {
                    ready.wait()
                    guard let work = queue.withLock({ $0.take() }) else { return }  // closed and empty
                    work()
                }
            }
        }
    }

    /// Queues `work`; a free thread starts it at once.
    func submit(_ work: @escaping @Sendable () -> Void) {
        queue.withLock {
            precondition(!$0.closed, "work submitted after shutdown")
            $0.items.append(work)
        }
        ready.signal()
    }

    /// Lets the threads end once the queue is empty (the work already queued runs).
    func shutdown() {
        queue.withLock { $0.closed = true }
        for _ in 0..<count { ready.signal() }
    }
}
