/// Where a ``ContainerExtractor`` sends what it finds. The core implements it;
/// calls are made on the extracting thread, in member order.
public protocol ContainerOutput: Sendable {
    /// Process a child document now (it goes through the registry). Throws
    /// only when the run is being stopped; let the error propagate.
    func emit(_ child: SourceDocument) throws
    /// A member that is not a document (a symlink, a directory, a device).
    func skip(member name: String, reason: String, detail: String?)
    /// A member that could not be read (encrypted, over a limit, corrupt).
    func fail(member name: String, error: ExtractionError)
    /// Counts something for the manifest's `tallies` (e.g. `format:zip`).
    func tally(_ counter: String)
}

extension ContainerOutput {
    public func tally(_ counter: String) {}
}
