/// Results computed by index on several threads (`concurrentPerform`):
/// each slot is written by exactly one thread, and read only after all of
/// them returned, so the buffer needs no lock.
final class ParallelSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<Value, any Error>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ i: Int, _ value: Result<Value, any Error>) { slots[i] = value }

    /// Every value in index order, or the first error.
    func values() throws -> [Value] { try slots.map { try $0!.get() } }
}
