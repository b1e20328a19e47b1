import Dispatch
import Synchronization
import Testing

@testable import SluiceRuntime

/// The run's extraction threads: every queued item runs, never more than
/// `count` at once, one thread takes them in the order given, and a shutdown
/// still runs what was queued.
@Suite struct ExtractionThreadsTests {
    /// Long enough for any machine; reached only when a thread is missing.
    static var patience: DispatchTime { .now() + .seconds(120) }

    @Test func twoThreadsRunTwoItemsAtOnceAndNeverThree() {
        let threads = ExtractionThreads(count: 2)
        defer { threads.shutdown() }
        let running = Mutex((now: 0, most: 0))
        let started = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let done = DispatchGroup()
        for i in 0..<40 {
            done.enter()
            threads.submit {
                running.withLock {
                    $0.now += 1
                    $0.most = max($0.most, $0.now)
                }
                // The first two meet: one thread alone would never let the first go on.
                if i < 2 {
                    started[i].signal()
                    _ = started[1 - i].wait(timeout: Self.patience)
                }
                running.withLock { $0.now -= 1 }
                done.leave()
            }
        }
        #expect(done.wait(timeout: Self.patience) == .success, "every queued item ran")
        #expect(running.withLock { $0.most } == 2)
    }

    @Test func oneThreadTakesItemsInTheOrderGiven() {
        let threads = ExtractionThreads(count: 1)
        defer { threads.shutdown() }
        let order = Mutex<[Int]>([])
        let done = DispatchGroup()
        for i in 0..<200 {
            done.enter()
            threads.submit {
                order.withLock { $0.append(i) }
                done.leave()
            }
        }
        #expect(done.wait(timeout: Self.patience) == .success)
        #expect(order.withLock { $0 } == Array(0..<200))
    }

    @Test func aShutdownStillRunsWhatWasQueued() {
        let threads = ExtractionThreads(count: 2)
        let gate = DispatchSemaphore(value: 0)
        let ran = Mutex(0)
        let done = DispatchGroup()
        for _ in 0..<10 {
            done.enter()
            threads.submit {
                _ = gate.wait(timeout: Self.patience)
                ran.withLock { $0 += 1 }
                done.leave()
            }
        }
        threads.shutdown()
        for _ in 0..<10 { gate.signal() }
        #expect(done.wait(timeout: Self.patience) == .success)
        #expect(ran.withLock { $0 } == 10)
    }
}
