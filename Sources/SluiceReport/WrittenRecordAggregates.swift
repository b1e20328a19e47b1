import SluiceRuntime
import Synchronization

/// The record aggregates of what one ingest run wrote, counted as the writer
/// wrote it (``add(_:)`` is handed to ``IngestRun``), so that the run's
/// report page need not read the corpus back: that pass was a single-threaded
/// tail of every first run (0.4 s of a 5 s run on the 10k benchmark crawl).
///
/// The counts are the corpus's only when the corpus holds exactly what the
/// run wrote; ``aggregates(ifCorpusIs:)`` says when, else the page reads the
/// records as before.
///
/// Threading: ``add(_:)`` may be called from any thread (the writer's queue);
/// the rest after the run.
package final class WrittenRecordAggregates: Sendable {
    private let counted = Mutex(RecordAggregates())

    package init() {}

    /// Counts one record as written.
    package func add(_ record: CorpusRecord) {
        let fields = SummaryFields(record)
        counted.withLock { $0.add(fields) }
    }

    /// The counts, when they are the whole corpus `manifest` describes: it
    /// buries nothing, it holds as many records as the run wrote (so none from
    /// an earlier run), and no dedup pass has annotated it since.
    package func aggregates(ifCorpusIs manifest: Manifest) -> RecordAggregates? {
        let aggregates = counted.withLock { $0 }
        guard manifest.status == "complete", manifest.dedup == nil, manifest.corpus.tombstones == 0,
            manifest.corpus.records == aggregates.documents
        else { return nil }
        return aggregates
    }
}

extension SummaryFields {
    /// The fields as reading the record's line back would give them.
    init(_ record: CorpusRecord) {
        let cluster: String? = if case .string(let id) = record.meta["dup_cluster"] { id } else { nil }
        self.init(
            id: record.id, path: record.path, lang: record.lang, extractor: record.extractor,
            published: record.published, url: record.url, text: record.text, meta: Meta(dupCluster: cluster))
    }
}
