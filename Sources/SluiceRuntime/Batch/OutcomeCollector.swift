import Synchronization

/// Collects the outcomes of ``DocumentProcessor/process(_:depth:sink:)`` for
/// callers that want them all at once (`sluice inspect`, tests).
public final class OutcomeCollector: Sendable {
    private let storage = Mutex<[DocumentOutcome]>([])

    public init() {}

    public var append: @Sendable (DocumentOutcome) -> Void { { [self] o in storage.withLock { $0.append(o) } } }

    public var outcomes: [DocumentOutcome] { storage.withLock { $0 } }

    public var records: [CorpusRecord] {
        outcomes.compactMap {
            if case .record(let r) = $0 { return r }
            return nil
        }
    }
}
