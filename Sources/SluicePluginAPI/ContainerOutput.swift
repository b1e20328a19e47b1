/// Where a ``ContainerExtractor`` sends what it finds. The runtime implements
/// it; calls are made on the extracting thread, in member order.
public protocol ContainerOutput: Sendable {
    /// Process a child document now (it goes through the registry).
    /// - Throws: ``ExtractionStopped`` when the run is being stopped, and only
    ///   then; let it propagate, so that a stop does not wait for the rest of a
    ///   large archive.
    func emit(_ child: SourceDocument) throws
    /// A member that is not a document (a symlink, a directory, a device).
    func skip(member name: String, reason: SkipReason, detail: String?)
    /// A member that could not be read (encrypted, over a limit, corrupt).
    func fail(member name: String, error: ExtractionError)
    /// Counts something for the manifest's `tallies` (e.g. `format:zip`).
    func tally(_ counter: String)
}

extension ContainerOutput {
    public func tally(_ counter: String) {}
}

/// Thrown by ``ContainerOutput/emit(_:)`` when the run is being stopped
/// (Ctrl-C, SIGTERM). Let it propagate out of ``ContainerExtractor/expand(_:context:output:)``:
/// do not turn it into a member failure. What the container emitted so far
/// is discarded and the next run extracts the whole input again.
public struct ExtractionStopped: Error, Sendable, Equatable {
    public init() {}
}
