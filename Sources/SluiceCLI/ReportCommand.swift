import ArgumentParser
import Foundation
import SluiceReport

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarize a corpus: documents by language, site and extractor, errors and skips, lengths, runs.",
        discussion:
            "Prints a short summary; --html also writes one self-contained page (inline SVG charts, no script, opens offline). `sluice ingest` writes report.html beside report.json after every run."
    )

    @Argument(help: "The corpus directory (written by `sluice ingest` or `sluice merge`).", completion: .directory)
    var corpus: String

    @Option(help: "Also write the report as one HTML page to this file.", completion: .file())
    var html: String?

    func run() throws {
        let summary: CorpusSummary
        do { summary = try CorpusSummary.read(URL(fileURLWithPath: corpus)) } catch {
            throw fail(
                CLIFailure(
                    message: "cannot read the corpus at '\(corpus)': \(error); give a directory `sluice ingest` wrote",
                    exitCode: 2))
        }
        print(ReportText.summary(summary, corpus: corpus))
        guard let html else { return }
        do {
            try Data(ReportPage.html(summary, corpus: corpus).utf8).write(
                to: URL(fileURLWithPath: html), options: .atomic)
        } catch {
            throw fail(CLIFailure(message: "cannot write '\(html)': \(error.localizedDescription)", exitCode: 3))
        }
        print("  html       \(html)")
    }
}

/// `report.html` beside `report.json`, written at the end of a run.
enum RunReportPage {
    static let fileName = "report.html"

    /// Writes the page; a failure is a warning, never the run's failure (the corpus is written).
    /// The record counts come from the run's own count of what it wrote when
    /// that is the whole corpus (a first run), else from the last page's cache
    /// when no record changed since (an unchanged re-run then reads none of
    /// them), else from reading the records.
    static func write(corpus: String, counted: RecordAggregates? = nil) {
        do {
            let url = URL(fileURLWithPath: corpus).appendingPathComponent(fileName)
            let last = (try? String(contentsOf: url, encoding: .utf8)).flatMap(AggregatesCache.found(inPage:))
            let summary = try CorpusSummary.read(URL(fileURLWithPath: corpus), reusing: last, counted: counted)
            let page = ReportPage.html(summary, corpus: corpus) + summary.cache.htmlComment
            try Data(page.utf8).write(to: url, options: .atomic)
        } catch {
            StandardError.write("sluice: warning: report.html was not written: \(error)\n")
        }
    }
}
