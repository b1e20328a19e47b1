import Synchronization

/// Collects the outcomes of ``DocumentProcessor/process(_:depth:sink:)`` for
/// callers that want them all at once (`sluice inspect`, tests).
package final class OutcomeCollector: Sendable {
    private let storage = Mutex<[DocumentOutcome]>([])

    package init() {}

    package var append: @Sendable (DocumentOutcome) -> Void { { [self] o in storage.withLock { $0.append(o) } } }

    package var outcomes: [DocumentOutcome] { storage.withLock { $0 } }

    package var records: [CorpusRecord] {
        outcomes.compactMap {
            if case .record(let r) = $0 { return r }
            return nil
        }
    }
}
