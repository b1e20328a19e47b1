import Foundation
import SluiceLibXML2
import SluicePluginAPI
import SluiceText

/// Reads one parsed page into the fields of a record. Precedence, where
/// sources disagree: what the article shows a reader (its headline, its
/// 发布时间/来源 line, a 信息公开 table) wins over the metadata tags, and the
/// tags win over the URL; a tag that disagrees with the page is kept in
/// `meta` (`title_tag`, `pubdate_tag`). One exception: when the header's
/// date is a bare one (no 发布时间 label, no `<time>`, no 信息公开 table), a
/// tag date the page also shows (beside it, or just above the headline) is
/// the publication date, since two sources agree on it.
struct ArticleReader {
    let head: HeadMetadata
    var text = ""
    var title: String?
    var published: String?
    var sourceOrg: String?
    var breadcrumb: [String] = []
    var meta: [String: MetaValue] = [:]
    var isArticle = false
    var pageTypeReason = ""

    /// Linked documents (the core's list, whose files link back) and bundles.
    static let attachmentExtensions = AttachmentFiles.extensions.union(["zip", "rar", "7z", "txt"])

    init(tree: MarkupTree, head: HeadMetadata, url: String?) {
        self.head = head
        let page = PageAnalysis(tree)
        let selector = ContentSelector(page)
        let policy = PolicyTable.find(page)
        var roots = selector.select()
        var header = Self.header(page, head, roots)
        text = Self.render(page, roots, header, policy)
        let tagDate = [
            head.meta("pubdate", "publishdate", "article:published_time", "datepublished", "dc.date.issued", "dc.date"),
            head.jsonLD["datePublished"],
        ].compactMap { $0.flatMap { DateNormalizer.firstDate(in: $0) } }.first
        // Dated as the page shows it (a header or footer date, a 信息公开 table), not
        // by its meta tags, which site generators put on landing pages too.
        if header.published ?? header.footerDate ?? policy?.fields["published"] == nil {
            // An undated page of several sections: the widened block, if it reads as more.
            let wide = selector.widened(roots)
            if wide != roots {
                let wideHeader = Self.header(page, head, wide)
                let wideText = Self.render(page, wide, wideHeader, policy)
                if wideText.count > text.count { (roots, header, text) = (wide, wideHeader, wideText) }
            }
        }
        if text.isEmpty {
            // No block reads as prose (or the chosen one held only header lines):
            // the page's visible text, chrome excluded, is still better than
            // nothing, unless it is a list (classify decides).
            roots = [tree.elements(named: "body").first ?? tree.root]
            text = TextRenderer.render(page, roots: roots, skip: [], everything: true)
            meta["page_type"] = .string("no-prose")
        }
        classify(page, roots: roots)

        title = header.title
        if let tag = head.meta("articletitle"), let title, TextNormalizer.normalizeLine(tag) != title {
            meta["title_tag"] = .string(TextNormalizer.normalizeLine(tag))
        }
        if let subtitle = header.subtitle { meta["subtitle"] = .string(subtitle) }

        published =
            header.published ?? policy?.fields["published"] ?? tagDate ?? header.footerDate
            ?? url.flatMap(URLHints.date(in:)) ?? header.earlierDate
        if let tagDate, let shown = published, !shown.hasPrefix(tagDate.prefix(10)),
            header.shownDays.contains(tagDate.prefix(10)), !header.publishedIsLabelled,
            policy?.fields["published"] == nil
        {
            published = tagDate
        }
        if let tagDate, let published, !published.hasPrefix(tagDate.prefix(10)) {
            meta["pubdate_tag"] = .string(tagDate)
        }

        sourceOrg = header.source ?? head.meta("contentsource", "source")
        breadcrumb = header.breadcrumb
        if let author = header.author ?? head.meta("author") ?? head.jsonLD["author"] {
            meta["author"] = .string(author)
        }
        if let editor = header.editor { meta["editor"] = .string(editor) }
        if let written = header.written { meta["written_date"] = .string(written) }
        if let site = head.meta("sitename", "og:site_name") { meta["site"] = .string(site) }
        if let column = head.meta("columnname") { meta["column"] = .string(column) }
        if let keywords = head.meta("keywords") { meta["keywords"] = .string(keywords) }
        if let description = head.meta("description", "og:description") { meta["description"] = .string(description) }
        for (key, value) in policy?.fields ?? [:] where key != "published" { meta[key] = .string(value) }
        let attachments = Self.attachments(tree, roots: roots, base: url)
        if !attachments.isEmpty { meta["attachments"] = .objects(attachments) }
    }

    private static func render(_ page: PageAnalysis, _ roots: [Int], _ header: ArticleHeader, _ policy: PolicyTable?)
        -> String
    {
        var skip = header.headerNodes
        if let policy { skip.insert(policy.node) }
        return TextRenderer.render(page, roots: roots, skip: skip)
    }

    private static func header(_ page: PageAnalysis, _ head: HeadMetadata, _ roots: [Int]) -> ArticleHeader {
        let contentStart = roots.first ?? 0
        let contentEnd = roots.last.map { ArticleHeader.lastDescendant(page.tree, $0) } ?? 0
        return ArticleHeader(page: page, head: head, contentStart: contentStart, contentEnd: contentEnd)
    }

    /// Only list, column and hub pages are not articles: their main block is
    /// mostly links. A short page (a two-line 通知, a brief) is an article;
    /// when its text is thin it says so in `meta.page_type` instead of being dropped.
    private mutating func classify(_ page: PageAnalysis, roots: [Int]) {
        let tokens = roots.reduce(0) { $0 + Int(page.tokens[$1]) }
        let punct = roots.reduce(0) { $0 + Int(page.punct[$1]) }
        let chars = roots.reduce(0) { $0 + Int(page.chars[$1]) }
        let links = roots.reduce(0) { $0 + Int(page.linkChars[$1]) }
        var linkDensity = chars > 0 ? Double(links) / Double(chars) : 1
        if meta["page_type"] == .string("no-prose"), let root = roots.first {
            // Everything the page shows was taken: its links, by all it shows.
            let visible = Double(page.visibleChars[root])
            linkDensity = visible > 0 ? 1 - Double(page.unlinkedChars[root]) / visible : 1
        }
        // How far the page is from the line between an article and a list: the
        // main block's share of link text against 50%, as a percent (0: on the line).
        let margin = min(1, abs(1 - 2 * linkDensity))
        meta["page_type_confidence"] = .integer(Int((margin * 100).rounded()))
        if roots.isEmpty || text.isEmpty {
            pageTypeReason = "the page shows no text"
        } else if linkDensity > 0.5 {
            pageTypeReason = "the main block is mostly links (a list or column page)"
        } else {
            isArticle = true
            if meta["page_type"] == nil && (tokens < 15 || (punct == 0 && tokens < 100)) {
                meta["page_type"] = .string("short")
            }
        }
    }

    /// The lower-case extension of a link's path (before any `?`), or nil;
    /// read on bytes, since pages carry hundreds of links.
    static func fileExtension(_ href: String) -> String? {
        var ext: [UInt8]? = nil  // the bytes after the path's last dot, nil before any
        for b in href.utf8 {
            if b == 0x3F { break }  // "?"
            if b == 0x2E {  // "."
                ext = []
            } else if b == 0x2F {  // "/": a dot in a folder name is no extension
                ext = nil
            } else if ext != nil, ext!.count <= 5 {
                ext!.append((0x41...0x5A).contains(b) ? b | 0x20 : b)
            }
        }
        guard let ext, (1...5).contains(ext.count) else { return nil }
        return String(decoding: ext, as: UTF8.self)
    }

    /// Links to office files and archives in the text, with their link text.
    static func attachments(_ tree: MarkupTree, roots: [Int], base: String?) -> [[String: String]] {
        var out: [[String: String]] = []
        var seen = Set<String>()
        let baseURL = base.flatMap(URL.init(string:))
        for root in roots {
            tree.forEachDescendant(of: root) { i in
                guard tree[i].name == "a", let href = tree.attribute("href", of: i) else { return true }
                guard let ext = Self.fileExtension(href), attachmentExtensions.contains(ext) else { return false }
                let resolved = URL(string: href, relativeTo: baseURL)?.absoluteString ?? href
                if seen.insert(resolved).inserted {
                    out.append(["url": resolved, "text": TextNormalizer.normalizeLine(tree.textContent(of: i))])
                }
                return false
            }
        }
        return out
    }
}
