import Foundation

/// The worker side of isolation (`sluice worker`): reads requests on
/// standard input, extracts each input with the plugins of this binary,
/// and writes the outcomes and a `done` line per input on standard output.
/// A crash, hang or runaway allocation here costs the supervisor one
/// input, never the run.
public enum WorkerServer {
    /// Serves until standard input closes.
    /// - Parameter settings: the JSON the supervisor passed (limits, plugin options).
    public static func serve(registry: ExtractorRegistry, settings json: String) throws {
        let settings = try JSONDecoder().decode(WorkerMessage.Settings.self, from: Data(json.utf8))
        let processor = DocumentProcessor(
            registry: registry, limits: settings.extractionLimits, pluginOptions: settings.options)
        let input = LineReader(FileHandle.standardInput)
        let output = FileHandle.standardOutput
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        while let line = input.next() {
            let request = try decoder.decode(WorkerMessage.Request.self, from: Data(line))
            let collector = OutcomeCollector()
            let discovered = DiscoveredInput(
                relativePath: request.path, absolutePath: request.absolutePath, size: request.size,
                modified: Date(timeIntervalSince1970: request.mtime))
            let sha = IngestRun.extractDocument(discovered, with: processor, emit: collector.append)
            var out = Data()
            for outcome in collector.outcomes {
                out += try encoder.encode(WorkerMessage.Response(outcome)) + Data([0x0A])
            }
            out += try encoder.encode(WorkerMessage.Response(done: sha)) + Data([0x0A])
            try output.write(contentsOf: out)
        }
    }
}
