import Dispatch
import Foundation
import Synchronization

/// The queues and semaphores of a run (see ``IngestRun``): bounded workers on
/// a concurrent queue, one serial queue owning the ``CorpusWriter``.
final class Pipeline: @unchecked Sendable {
    // @unchecked: `writer` is only touched on `writeQueue`; everything else is
    // immutable or thread-safe (Dispatch objects, Mutex, RunStatistics).
    private let writer: CorpusWriter
    private let statistics: RunStatistics
    /// The first write error; once set, nothing more is written and discovery stops.
    private let writeFailure = Mutex<String?>(nil)
    private let workers: DispatchSemaphore
    private let inFlight: DispatchSemaphore
    private let workQueue = DispatchQueue(label: "sluice.extract", attributes: .concurrent)
    private let writeQueue = DispatchQueue(label: "sluice.write")
    private let group = DispatchGroup()
    /// Outcomes of one input are sent to the writer in batches of this size, so
    /// a large archive streams instead of piling up.
    private static let batchSize = 256

    /// How an input's work ended.
    enum Completion: Sendable {
        /// Extracted (or explained): commit it with these facts.
        case summary(CorpusWriter.InputSummary, ChangeDetector.Verdict? = nil)
        /// Unchanged since the ledger's entry; nothing written (but the input is
        /// marked seen, and the entry's modification time, when given, refreshed).
        case unchanged(String, Ledger.Entry?)
    }

    init(writer: CorpusWriter, statistics: RunStatistics, jobs: Int, maxInFlight: Int) {
        self.writer = writer
        self.statistics = statistics
        workers = DispatchSemaphore(value: jobs)
        inFlight = DispatchSemaphore(value: maxInFlight)
    }

    var failure: String? { writeFailure.withLock { $0 } }

    /// Schedules the work for one top-level input; blocks while the bounds are full.
    func submit(_ work: @escaping @Sendable (_ emit: @escaping @Sendable (DocumentOutcome) -> Void) -> Completion) {
        inFlight.wait()
        workers.wait()
        group.enter()
        workQueue.async { [self] in
            let started = DispatchTime.now().uptimeNanoseconds
            let batch = Mutex<[DocumentOutcome]>([])
            let completion = work { outcome in
                let full = batch.withLock { b -> [DocumentOutcome]? in
                    b.append(outcome)
                    guard b.count >= Self.batchSize else { return nil }
                    defer { b.removeAll() }
                    return b
                }
                if let full { self.write(full, completion: nil) }
            }
            workers.signal()
            if case .summary(let input, _) = completion {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                statistics.update { $0.noteTiming(.init(path: input.path, seconds: seconds, bytes: input.size)) }
            }
            write(batch.withLock { $0 }, completion: completion)
        }
    }

    private func write(_ outcomes: [DocumentOutcome], completion: Completion?) {
        writeQueue.async { [self] in
            if writeFailure.withLock({ $0 == nil }) {
                do {
                    if let path = Self.path(of: outcomes) ?? completion.flatMap(Self.path(of:)) {
                        try writer.write(outcomes, of: path)
                    }
                    for outcome in outcomes { statistics.record(outcome) }
                    switch completion {
                    case .summary(let input, let verdict):
                        try writer.finish(input)
                        statistics.update { p in
                            switch verdict {
                            case .new: p.new += 1
                            case .changed: p.changed += 1
                            default: break
                            }
                        }
                    case .unchanged(let path, let refresh):
                        if let refresh { writer.refresh(refresh) } else { try writer.seen(path) }
                        statistics.update { $0.unchanged += 1 }
                    case nil:
                        break
                    }
                } catch {
                    writeFailure.withLock { $0 = InputDiscovery.reason(error) }
                }
            }
            if completion != nil {
                statistics.update { $0.done += 1 }
                inFlight.signal()
                group.leave()
            }
        }
    }

    private static func path(of outcomes: [DocumentOutcome]) -> String? {
        for o in outcomes {
            switch o {
            case .record(let r): return r.path
            case .failed(let e): return e.path
            case .skipped(let s): return s.path
            case .tally: continue
            }
        }
        return nil
    }

    private static func path(of completion: Completion) -> String? {
        if case .summary(let s, _) = completion { return s.path }
        return nil
    }

    /// Inputs the walk found unchanged: marked seen by the writer, counted as done.
    func markUnchanged(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        group.enter()
        writeQueue.async { [self] in
            defer { group.leave() }
            do {
                for path in paths { try writer.seen(path) }
                statistics.update {
                    $0.unchanged += paths.count
                    $0.done += paths.count
                }
            } catch {
                writeFailure.withLock { $0 = $0 ?? InputDiscovery.reason(error) }
            }
        }
    }

    /// Waits until every submitted input is written.
    func drain() { group.wait() }

    /// Runs `body` on the writer's queue and waits for it.
    func onWriter<T>(_ body: () throws -> T) throws -> T { try writeQueue.sync(execute: body) }
}
