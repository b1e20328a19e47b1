import Foundation
import SluicePluginAPI

/// Attachments link back to their page: a record from a file that a page of
/// the same crawl links (the HTML plugin's `meta.attachments`) carries
/// `meta.linked_from` with that page's record id.
///
/// The run defers attachment-like inputs (by extension) until every other
/// input has been extracted, so the pages' links are known when the
/// attachments are read, whatever the walk order. Links are kept in the
/// ledger, so a resumed or incremental run still knows the pages it did not
/// redo. An attachment the ledger calls unchanged keeps the record it has.
public struct AttachmentLinks: Sendable {
    let ledger: Ledger

    static func isAttachment(_ relativePath: String) -> Bool { AttachmentFiles.isAttachment(relativePath) }

    /// Wraps a sink: a page record's attachment links are remembered; a
    /// deferred input's top-level records get `linked_from`.
    func sink(
        for input: String, deferred: Bool, _ emit: @escaping @Sendable (DocumentOutcome) -> Void
    ) -> @Sendable (DocumentOutcome) -> Void {
        { [self] outcome in
            guard case .record(var record) = outcome, record.members.isEmpty else { return emit(outcome) }
            if case .array(let items)? = record.meta["attachments"] {
                let urls = items.compactMap { item -> String? in
                    if case .object(let o) = item, case .string(let url)? = o["url"] { return url }
                    return nil
                }
                let targets = urls.flatMap { Self.candidates(of: $0, linkedFrom: record.path) }
                if !targets.isEmpty { try? ledger.recordLinks(targets, pagePath: record.path, pageID: record.id) }
            }
            if deferred, let page = try? ledger.linkingPage(of: record.path) {
                record.meta["linked_from"] = .string(page)
            }
            emit(.record(record))
        }
    }

    /// The crawl paths a link from the page at `pagePath` may have been saved
    /// under: an absolute URL as `host/path` (the layout of wget and most
    /// crawlers), a root-relative one under the page's host folder, a relative
    /// one beside the page. All are remembered, existing yet or not: the file
    /// may arrive in a later crawl, after the page was extracted.
    static func candidates(of link: String, linkedFrom pagePath: String) -> [String] {
        let pageParts = pagePath.split(separator: "/").map(String.init)
        var candidates: [[String]] = []
        let stripped = link.split(separator: "#", maxSplits: 1).first.map(String.init) ?? link
        let noQuery = stripped.split(separator: "?", maxSplits: 1).first.map(String.init) ?? stripped
        if let url = URL(string: noQuery), let scheme = url.scheme, scheme == "http" || scheme == "https",
            let host = url.host
        {
            let path = url.path.split(separator: "/").map(String.init)
            candidates.append([host] + path)
            if let pageHost = pageParts.first { candidates.append([pageHost] + path) }
        } else if noQuery.hasPrefix("/") {
            let path = noQuery.split(separator: "/").map(String.init)
            if let pageHost = pageParts.first { candidates.append([pageHost] + path) }
            candidates.append(path)
        } else if !noQuery.contains(":") {
            candidates.append(pageParts.dropLast() + noQuery.split(separator: "/").map(String.init))
        }
        var paths: [String] = []
        for parts in candidates {
            if let path = normalize(parts), isAttachment(path), !paths.contains(path) { paths.append(path) }
        }
        return paths
    }

    /// Resolves `.` and `..` and percent-escapes; nil when the path leaves the crawl.
    static func normalize(_ parts: [String]) -> String? {
        var out: [String] = []
        for part in parts {
            let p = part.removingPercentEncoding ?? part
            switch p {
            case "", ".": continue
            case "..":
                if out.isEmpty { return nil }
                out.removeLast()
            default: out.append(p)
            }
        }
        return out.isEmpty ? nil : out.joined(separator: "/")
    }
}
