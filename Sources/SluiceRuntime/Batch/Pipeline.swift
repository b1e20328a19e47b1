import Dispatch
import Foundation
import Synchronization

/// The threads and queues of a run (see ``IngestRun``): `jobs` extraction
/// threads (``ExtractionThreads``), and one serial queue owning the
/// ``CorpusWriter`` (and through it the ledger).
///
/// Threading: ``extract(_:_:)``, ``settle(_:_:)`` and ``markUnchanged(_:)``
/// are called by the run's thread (the walk); they block while the in-flight
/// bound is full. Extractions run on the extraction threads; writes on the
/// serial queue.
final class Pipeline: @unchecked Sendable {
    // @unchecked: `writer` is only touched on `writeQueue`; everything else is
    // immutable or thread-safe (Dispatch objects, Mutex, RunStatistics).
    private let writer: CorpusWriter
    private let statistics: RunStatistics
    /// What each input in flight has written so far, to take back if a stop
    /// cuts it short. Touched on `writeQueue` only.
    private var counted: [String: RunProgress] = [:]
    /// The first write error; once set, nothing more is written and discovery stops.
    private let writeFailure = Mutex<String?>(nil)
    private let inFlight: DispatchSemaphore
    private let threads: ExtractionThreads
    private let writeQueue = DispatchQueue(label: "sluice.write")
    private let group = DispatchGroup()
    /// Outcomes of one input are sent to the writer in batches of this size, so
    /// a large archive streams instead of piling up.
    private static let batchSize = 256

    /// How an input's work ended.
    enum Completion: Sendable {
        /// Extracted (or explained): commit it with what was read (nil: the
        /// file could not be read) and what the ledger said of it before (nil:
        /// explained at discovery, neither new nor changed).
        case extracted(FileFacts?, ChangeDetector.Verdict?)
        /// Its content was checked and is unchanged; only its modification time moved.
        case unchanged(path: String, mtime: Double)
        /// Cut short by a stop: what it wrote is discarded, and the next run redoes it.
        case stopped
    }

    init(writer: CorpusWriter, statistics: RunStatistics, jobs: Int, maxInFlight: Int) {
        self.writer = writer
        self.statistics = statistics
        threads = ExtractionThreads(count: jobs)
        inFlight = DispatchSemaphore(value: maxInFlight)
    }

    var failure: String? { writeFailure.withLock { $0 } }

    /// Schedules the extraction of the top-level input at `path` on a worker.
    func extract(
        _ path: String,
        _ work: @escaping @Sendable (_ emit: @escaping @Sendable (DocumentOutcome) -> Void) -> Completion
    ) {
        inFlight.wait()
        group.enter()
        threads.submit { [self] in
            let started = DispatchTime.now().uptimeNanoseconds
            let batch = Mutex<[DocumentOutcome]>([])
            let completion = work { outcome in
                let full = batch.withLock { b -> [DocumentOutcome]? in
                    b.append(outcome)
                    guard b.count >= Self.batchSize else { return nil }
                    defer { b.removeAll() }
                    return b
                }
                if let full { self.write(full, of: path, completion: nil) }
            }
            if case .extracted(let file, _) = completion {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                statistics.update { $0.noteTiming(.init(path: path, seconds: seconds, bytes: file?.size ?? 0)) }
            }
            write(batch.withLock { $0 }, of: path, completion: completion)
        }
    }

    /// An input explained at discovery (a symlink, an unreadable directory):
    /// its one line goes straight to the writer, without a worker slot.
    func settle(_ path: String, _ outcome: DocumentOutcome) {
        inFlight.wait()
        group.enter()
        write([outcome], of: path, completion: .extracted(nil, nil))
    }

    private func write(_ outcomes: [DocumentOutcome], of path: String, completion: Completion?) {
        writeQueue.async { [self] in
            if writeFailure.withLock({ $0 == nil }) {
                do {
                    let outcomes = try writer.write(outcomes, of: path)
                    statistics.update { p in for outcome in outcomes { p.record(outcome) } }
                    for outcome in outcomes { counted[path, default: RunProgress()].record(outcome) }
                    if let completion { try commit(path, completion) }
                } catch {
                    writeFailure.withLock { $0 = $0 ?? InputDiscovery.reason(error) }
                }
            }
            if completion != nil {
                statistics.update { $0.done += 1 }
                inFlight.signal()
                group.leave()
            }
        }
    }

    private func commit(_ path: String, _ completion: Completion) throws {
        switch completion {
        case .extracted(let file, let verdict):
            let nothing = try writer.finish(path, file: file)
            statistics.update { p in
                if let nothing { p.record(.failed(nothing)) }
                switch verdict {
                case .new: p.changes.new += 1
                case .changed(let reason): p.changes.count(reason.rawValue)
                case nil: break
                default: p.changes.count(ChangeDetector.Reason.content.rawValue)
                }
            }
        case .unchanged(let path, let mtime):
            try writer.unchanged(path, mtime: mtime)
            statistics.update { $0.changes.unchanged += 1 }
        case .stopped:
            writer.abandon(path)
            // What it wrote is discarded: so are its counts, breakdown included.
            if let discarded = counted[path] { statistics.update { $0.remove(discarded) } }
        }
        counted[path] = nil
    }

    /// Inputs the walk found unchanged: marked seen by the writer, counted as done.
    func markUnchanged(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        group.enter()
        writeQueue.async { [self] in
            defer { group.leave() }
            do {
                for path in paths { try writer.unchanged(path) }
                statistics.update {
                    $0.changes.unchanged += paths.count
                    $0.done += paths.count
                }
            } catch {
                writeFailure.withLock { $0 = $0 ?? InputDiscovery.reason(error) }
            }
        }
    }

    /// Waits until every submitted input is written.
    func drain() { group.wait() }

    /// Ends the extraction threads once their queue is empty: after the last ``drain()``.
    func shutdown() { threads.shutdown() }

    /// Runs `body` with the writer on its queue and waits for it.
    func onWriter<T>(_ body: (CorpusWriter) throws -> T) throws -> T { try writeQueue.sync { try body(writer) } }
}
