import Synchronization

/// The bytes that may still be expanded from one top-level input, shared by
/// every container nested in it (``ExtractionLimits/maxExpandedBytes``), so
/// that a bomb split across nested archives is stopped as surely as one.
public final class ExpansionBudget: Sendable {
    private let remaining: Mutex<Int>
    public let limit: Int

    public init(bytes: Int) {
        limit = bytes
        remaining = Mutex(bytes)
    }

    /// Takes `count` bytes, or throws the `limit` error that says the input's
    /// budget is spent (and takes nothing).
    public func spend(_ count: Int) throws(ExtractionError) {
        guard take(count) else {
            throw .limitExceeded(
                "maxExpandedBytes",
                "expanded more than the maxExpandedBytes limit of \(limit) bytes from this input; raise it to read on")
        }
    }

    /// Takes `count` bytes; false (and nothing taken) when that would pass the limit.
    public func take(_ count: Int) -> Bool {
        remaining.withLock { r in
            guard count <= r else { return false }
            r -= count
            return true
        }
    }
}
