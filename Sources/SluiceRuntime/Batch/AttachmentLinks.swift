import Foundation
import SluicePluginAPI

/// Attachments link back to their page: a record from a file that a page of
/// the same crawl links (a page plugin's `meta.attachments`) carries
/// `meta.linked_from` with that page's record id (``AttachmentFiles``).
///
/// The run defers attachment-like inputs until every other input has been
/// extracted and committed, so the pages' links are known when the
/// attachments are read, whatever the walk order. The ``CorpusWriter`` keeps
/// the links in the ledger, so a resumed or incremental run still knows the
/// pages it did not redo, and an attachment whose linking page changed (and
/// with it the page's record id) is written again.
enum AttachmentLinks {
    /// The crawl paths of the attachments a top-level page record links.
    static func targets(of record: CorpusRecord) -> [String] {
        guard case .array(let items)? = record.meta["attachments"] else { return [] }
        var out: [String] = []
        for case .object(let o) in items {
            guard case .string(let url)? = o["url"] else { continue }
            for path in candidates(of: url, linkedFrom: record.path) where !out.contains(path) { out.append(path) }
        }
        return out
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
            if let path = normalize(parts), AttachmentFiles.isAttachment(path), !paths.contains(path) {
                paths.append(path)
            }
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
