import Synchronization

/// The bytes that may still be expanded from one top-level input, shared by
/// every container nested in it, so that a bomb split across nested archives
/// (many small members, each harmless alone) is stopped as surely as one.
///
/// For an input of `size` bytes it is the smaller of
/// ``ExtractionLimits/maxExpandedBytes`` and `size` × ``ExtractionLimits/maxCompressionRatio``
/// (but at least ``floor``): the ratio holds for the whole input, not only
/// for members past 1 MiB.
public final class ExpansionBudget: Sendable {
    private let remaining: Mutex<Int>
    public let limit: Int
    /// The limit that sets ``limit``: `maxExpandedBytes` or `maxCompressionRatio`.
    public let limitName: String

    /// What any input may expand to, however small (a 1 KiB gzip of a 10 MiB page is fine).
    public static let floor = 64 << 20

    public init(bytes: Int, limitName: String = "maxExpandedBytes") {
        limit = bytes
        self.limitName = limitName
        remaining = Mutex(bytes)
    }

    /// The budget of a top-level input of `size` bytes under `limits`.
    public convenience init(input size: Int, limits: ExtractionLimits) {
        let (byRatio, overflow) = max(size, 1).multipliedReportingOverflow(by: max(limits.maxCompressionRatio, 1))
        let ratio = overflow ? Int.max : max(byRatio, Self.floor)
        if ratio < limits.maxExpandedBytes {
            self.init(bytes: ratio, limitName: "maxCompressionRatio")
        } else {
            self.init(bytes: limits.maxExpandedBytes)
        }
    }

    /// Takes `count` bytes, or throws the `limit` error that says the input's
    /// budget is spent (and takes nothing).
    public func spend(_ count: Int) throws(ExtractionError) {
        guard take(count) else {
            let why =
                limitName == "maxExpandedBytes"
                ? "the maxExpandedBytes limit of \(limit) bytes"
                : "\(limit) bytes, the maxCompressionRatio limit times this input's size"
            throw .limitExceeded(limitName, "expanded more than \(why) from this input; raise it to read on")
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
