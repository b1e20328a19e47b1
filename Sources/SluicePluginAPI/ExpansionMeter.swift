/// Checks the bytes a container expands for one member against the run's
/// limits as they arrive, block by block (a bomb stops while it streams, not
/// after): the member's size (``ExtractionLimits/maxDocumentBytes``), its ratio
/// to the compressed bytes it came from (``ExtractionLimits/maxCompressionRatio``,
/// by default past 1 MiB, so that small, very compressible pages are not
/// mistaken for bombs), and the top-level input's shared ``ExpansionBudget``
/// (``ExtractionLimits/maxExpandedBytes``). Every container plugin checks the
/// same limits the same way through it.
public struct ExpansionMeter: Sendable {
    /// Which limit was passed, and whether it costs the member or the whole input.
    public enum Exceeded: Error, Sendable, Equatable {
        /// The member is over a limit; the container goes on with the next one.
        case member(ExtractionError)
        /// The input's expansion budget is spent; nothing more may be expanded from it.
        case input(ExtractionError)

        public var error: ExtractionError {
            switch self {
            case .member(let e), .input(let e): e
            }
        }
    }

    public let limits: ExtractionLimits
    /// The budget to take the bytes from; nil when the caller took them already.
    public let budget: ExpansionBudget?
    /// Bytes expanded for this member so far.
    public private(set) var expanded = 0

    /// Compression ratios are judged only past this many expanded bytes.
    public let ratioFloor: Int
    /// The compressed size everything counted here comes from, when it is one
    /// fixed figure (the size of an office file whose text is counted).
    public let source: Int?

    /// - Parameter ratioFloor: by default 1 MiB, for members of any kind; a
    ///   format whose parts never compress that well (office XML) may judge from the first byte.
    public init(limits: ExtractionLimits, budget: ExpansionBudget?, ratioFloor: Int = 1 << 20, source: Int? = nil) {
        self.limits = limits
        self.budget = budget
        self.ratioFloor = ratioFloor
        self.source = source
    }

    /// Counts `count` more expanded bytes of the member.
    /// - Parameter compressed: the compressed bytes the member has consumed so
    ///   far (nil: ``source``, and when that is nil too, no ratio check).
    public mutating func add(_ count: Int, compressed: Int? = nil) throws(Exceeded) {
        let compressed = compressed ?? source
        do { try budget?.spend(count) } catch { throw .input(error) }
        expanded += count
        if expanded > limits.maxDocumentBytes {
            throw .member(
                .limitExceeded(
                    "maxDocumentBytes",
                    "the member expands past \(limits.maxDocumentBytes) bytes: over the maxDocumentBytes limit; raise it to read this member"
                ))
        }
        if let compressed, expanded > ratioFloor, Self.exceeds(expanded, max(compressed, 1), limits.maxCompressionRatio)
        {
            throw .member(
                .limitExceeded(
                    "maxCompressionRatio",
                    "the member expands more than \(limits.maxCompressionRatio) times its compressed size (a zip bomb?): over the maxCompressionRatio limit; raise it to read this member"
                ))
        }
    }

    /// Whether `expanded` is more than `ratio` times `compressed`, without overflow.
    static func exceeds(_ expanded: Int, _ compressed: Int, _ ratio: Int) -> Bool {
        let (ceiling, overflow) = compressed.multipliedReportingOverflow(by: max(ratio, 0))
        return !overflow && expanded > ceiling
    }
}
