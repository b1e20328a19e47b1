// Speed of the HTML path, one thread, in process: the libxml2 parse floor,
// parse plus conversion to a MarkupTree, the HTML plugin's extraction, and
// the whole record path (extraction, normalization, JSON line).
//
//   swift run -c release sluice-benchmarks html DIR [PASSES] [STAGE]
//
// STAGE (optional) runs one stage only, for profiling: floor, tree, extract, record.
//
//   swift run -c release sluice-benchmarks search CORPUS
//
// builds CORPUS's full-text index afresh and times 100 queries (SearchBenchmark.swift).
//
//   swift run -c release sluice-benchmarks language SET.jsonl [PREDICTIONS.jsonl]
//
// scores and times CLD2 beside Sluice 0.1's detector on a labelled set (LanguageBenchmark.swift).
//
// Pages are read and decoded to UTF-8 once, before timing, so every stage is
// measured on the same bytes. One warm-up pass, then the median of PASSES.
import Foundation
import HTMLExtractor
import SluiceLibArchive
import SluiceLibXML2
import SluicePluginAPI
import SluiceRuntime
import SluiceText

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func measure(_ name: String, passes: Int, pages: Int, bytes: Int, _ body: () -> Void) {
    body()  // warm-up
    var times: [Double] = []
    for _ in 0..<passes {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    let t = median(times)
    let line = String(
        format: "%-22@ %8.1f pages/s %7.1f MB/s %7.3f ms/page", name as NSString, Double(pages) / t,
        Double(bytes) / t / 1e6, t * 1000 / Double(pages))
    print(line)
}

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "language" {
    try LanguageBenchmark.run(
        set: URL(fileURLWithPath: arguments[2]),
        predictions: arguments.count > 3 ? URL(fileURLWithPath: arguments[3]) : nil)
    exit(0)
}
if arguments.count >= 3, arguments[1] == "search" {
    try SearchBenchmark.run(corpus: URL(fileURLWithPath: arguments[2]))
    exit(0)
}
if arguments.count >= 3, arguments[1] == "archive" {
    // Reading a bundle through the libarchive wrapper: every member's data,
    // nothing else (compare: bsdtar -xOf BUNDLE > /dev/null).
    //   sluice-benchmarks archive BUNDLE [PASSES]
    let path = arguments[2]
    let passes = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3
    var members = 0
    var expanded = 0
    var times: [Double] = []
    for pass in 0...passes {
        members = 0
        expanded = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let reader = try ArchiveReader(.file(path), formats: .bundlesOrStream)
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        while let entry = try reader.nextEntry() {
            guard entry.kind == .regular else { continue }
            members += 1
            while case let n = try reader.read(into: &block), n > 0 { expanded += n }
        }
        reader.close()
        if pass > 0 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
    }
    let t = median(times)
    print(
        String(
            format: "%d members, %.1f MB expanded: %.3f s, %.0f members/s, %.1f MB/s (median of %d)", members,
            Double(expanded) / 1e6, t, Double(members) / t, Double(expanded) / 1e6 / t, passes))
    exit(0)
}
guard arguments.count >= 3, arguments[1] == "html" else {
    print("usage: sluice-benchmarks html DIR [PASSES] [STAGE] | archive BUNDLE [PASSES]")
    exit(64)
}
let directory = URL(fileURLWithPath: arguments[2])
let passes = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
let only = arguments.count > 4 ? arguments[4] : nil
func wanted(_ stage: String) -> Bool { only == nil || only == stage }
let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
    $0.hasSuffix(".html") || $0.hasSuffix(".htm")
}.sorted()
let raw = try names.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
let documents = zip(names, raw).map { SourceDocument(path: $0, bytes: $1) }
let utf8 = documents.map { doc in
    Array(TextDecoder.detect(doc.bytes).text.utf8)  // decoded once, outside the timings
}
let totalBytes = raw.reduce(0) { $0 + $1.count }
print("\(names.count) pages, \(totalBytes) bytes, \(passes) passes (median), one thread")

if wanted("floor") {
    measure("libxml2 tree parse+free", passes: passes, pages: names.count, bytes: totalBytes) {
        for page in utf8 { _ = LibXML2.parseAndDiscard(utf8: page) }
    }
}
if wanted("tokenize") {
    measure("libxml2 tokenizer only", passes: passes, pages: names.count, bytes: totalBytes) {
        for page in utf8 { LibXML2.tokenizeAndDiscard(utf8: page) }
    }
}
if wanted("tree") {
    measure("parse+MarkupTree", passes: passes, pages: names.count, bytes: totalBytes) {
        for page in utf8 { _ = try? LibXML2.parseHTML(utf8: page) }
    }
}
let extractor = HTMLExtractor()
let context = ExtractionContext(options: PluginOptions(["keep_non_articles": .boolean(true)]))
if wanted("extract") {
    measure("html plugin extract", passes: passes, pages: names.count, bytes: totalBytes) {
        for doc in documents { _ = try? extractor.extract(doc, context: context) }
    }
}
let processor = DocumentProcessor(registry: try ExtractorRegistry([extractor]))
if wanted("record") {
    measure("record path (+JSON)", passes: passes, pages: names.count, bytes: totalBytes) {
        for doc in documents {
            processor.process(doc) { outcome in
                if case .record(let r) = outcome { _ = r.jsonLine() }
            }
        }
    }
}
if only == "pages" {
    // The slowest pages of the extraction, to spot costs that grow faster than the page.
    var perPage: [(String, Int, Double)] = []
    for (name, doc) in zip(names, documents) {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<passes { _ = try? extractor.extract(doc, context: context) }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(passes)
        perPage.append((name, doc.size, ms))
    }
    for (name, size, ms) in perPage.sorted(by: { $0.2 > $1.2 }).prefix(12) {
        print(String(format: "%8.2f ms %8d bytes  %.1f µs/KB  ", ms, size, ms * 1000 / (Double(size) / 1024)) + name)
    }
}
