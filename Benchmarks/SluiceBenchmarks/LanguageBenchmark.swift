import Foundation
import SluiceText

/// Accuracy and speed of language identification on a labelled set: CLD2
/// (``LanguageIdentifier``) beside Sluice 0.1's script counter.
///
///   sluice-benchmarks language SET.jsonl [PREDICTIONS.jsonl]
///
/// SET: one `{"lang", "text"}` per line (ISO 639-1, `zh-Hant` for Traditional
/// Chinese). Accuracy counts texts over 200 characters; a language CLD2 has no
/// model for counts as a miss. PREDICTIONS (optional) gets CLD2's answer for
/// each text scored, with its line in SET, for a scorer that breaks the figures down.
enum LanguageBenchmark {
    struct Item: Decodable {
        var lang: String
        var text: String
        /// Its line in SET, counted from 0.
        var line = 0

        enum CodingKeys: String, CodingKey { case lang, text }
    }

    static func run(set: URL, predictions: URL?) throws {
        let items = try String(contentsOf: set, encoding: .utf8).split(separator: "\n").enumerated().map {
            var item = try JSONDecoder().decode(Item.self, from: Data($1.utf8))
            item.line = $0
            return item
        }.filter { $0.text.count > 200 }
        let bytes = items.reduce(0) { $0 + $1.text.utf8.count }
        func timed(_ body: (String) -> String) -> (answers: [String], seconds: Double) {
            _ = items.prefix(50).map { body($0.text) }  // warm-up
            let start = DispatchTime.now().uptimeNanoseconds
            let answers = items.map { body($0.text) }
            return (answers, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let cld2 = timed { LanguageIdentifier.identify($0).lang }
        let legacy = timed { LegacyLanguageDetector.detect($0) }
        let languages = Set(items.map(\.lang)).count
        print("\(items.count) texts over 200 characters in \(languages) languages, \(bytes / 1000) kB")
        for (name, run) in [("CLD2 (LanguageIdentifier)", cld2), ("Sluice 0.1 script counter", legacy)] {
            let right = zip(items, run.answers).filter { $0.lang == $1 }.count
            print(
                String(
                    format: "%-27@ accuracy %.4f (%d/%d)  %.2f ms per MB  %.1f MB/s", name as NSString,
                    Double(right) / Double(items.count), right, items.count,
                    run.seconds * 1000 / (Double(bytes) / 1e6), Double(bytes) / 1e6 / run.seconds))
        }
        // The two halves of the set (even and odd lines): a rule tuned on one must hold on the other.
        for half in 0...1 {
            let pairs = zip(items, cld2.answers).filter { $0.0.line % 2 == half }
            let right = pairs.filter { $0.0.lang == $0.1 }.count
            print(
                String(
                    format: "CLD2 on %@ lines: %.4f (%d/%d)", half == 0 ? "even" : "odd",
                    Double(right) / Double(pairs.count),
                    right, pairs.count))
        }
        var misses: [String: Int] = [:]
        for (item, answer) in zip(items, cld2.answers) where item.lang != answer {
            misses["\(item.lang)->\(answer)", default: 0] += 1
        }
        print(
            "CLD2 misses: "
                + misses.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        if let predictions {
            let lines = zip(items, cld2.answers).map { "{\"line\":\($0.line),\"lang\":\"\($1)\"}\n" }.joined()
            try lines.write(to: predictions, atomically: true, encoding: .utf8)
        }
    }
}
