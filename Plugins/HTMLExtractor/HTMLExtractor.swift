import Foundation
import SluiceLibXML2
import SluicePluginAPI
import SluiceText

/// HTML pages through libxml2: decodes the bytes as browsers would, finds
/// the article by text density, and reads the metadata a ministry page
/// shows (headline, 发布时间, 来源, 当前位置) or declares (the government
/// website metadata tags, Open Graph, JSON-LD). Pages that are not articles
/// (column and list pages) are skipped as `not-article` unless the
/// `keep_non_articles` option is set. Docs/HTMLExtraction.md explains each step.
public struct HTMLExtractor: LeafExtractor {
    public let id = "html"
    public let version = "1.2.0"
    public let accepts = InputPattern(
        extensions: ["html", "htm", "shtml", "shtm", "xhtml", "asp", "aspx", "jsp", "php"],
        mediaTypes: ["text/html", "application/xhtml+xml"])
    public let sniffDescription =
        "HTML: a doctype, <html>, <head>, <body> or <meta> near the start (after any HTTP head)"
    public let options = [
        PluginOptionSpec.keepNonArticles,
        PluginOptionSpec(
            "min_text_length", .integer,
            help: "skip articles whose main text has fewer characters, as too-short (default 0: keep all)"),
    ]

    public init() {}

    /// Claims markup; refuses bytes with no `<` at all or binary bytes, so that a
    /// `.html` file holding plain text goes to the text plugin.
    public func sniff(_ head: Data) -> SniffVerdict { HTMLSniffer.verdict(head) }

    public func extract(_ document: SourceDocument, context: ExtractionContext) throws -> [Extraction] {
        // One copy into an array: byte loops over Data go through a slow iterator.
        let (httpHead, body) = HTTPResponseHead.split(Array(document.bytes))
        if let status = httpHead?.statusCode, !(200..<300).contains(status) {
            throw DocumentSkipped(reason: "http-status", detail: "the saved response has HTTP status \(status)")
        }
        guard !body.isEmpty else { throw ExtractionError(.malformed, "the page is empty (0 bytes of HTML)") }
        if HTMLSniffer.isBinary(body) {
            throw ExtractionError(
                .notText, "the bytes are binary data, not HTML; if this is a document format, add a plugin for it")
        }
        let encoding = HTMLEncoding.decode(body, transportCharset: document.hints.charset ?? httpHead?.charset)
        let tree: MarkupTree
        do {
            tree = try LibXML2.parseHTML(utf8: encoding.utf8)
        } catch let failure where failure != .empty && failure != .unparseable && failure != .tooDeep {
            throw ExtractionError.limitExceeded("maxAttributes", failure.description)
        } catch {
            throw ExtractionError(.malformed, "\(error.description); the page cannot be read")
        }
        let head = HeadMetadata(tree)
        let url = Self.pageURL(document, head)
        let article = ArticleReader(tree: tree, head: head, url: url)
        let keep = context.options.boolean(PluginOptionSpec.keepNonArticles.name) ?? false
        if !article.isArticle && !keep {
            throw DocumentSkipped(reason: "not-article", detail: article.pageTypeReason)
        }
        let minimum = context.options.integer("min_text_length") ?? 0
        // Counting characters walks the whole text: only when a minimum is set.
        if minimum > 0, article.text.count < minimum {
            throw DocumentSkipped(
                reason: "too-short",
                detail: "the main text has \(article.text.count) characters, under min_text_length \(minimum)")
        }
        var meta = article.meta
        if keep && meta["page_type"] == nil { meta["page_type"] = .string(article.isArticle ? "article" : "list") }
        if encoding.source == "corrected", let declared = encoding.declared {
            meta["declared_charset"] = .string(declared)
        }
        if encoding.replacedBytes > 0 { meta["invalid_bytes"] = .integer(encoding.replacedBytes) }
        return [
            Extraction(
                text: article.text, title: article.title, published: article.published, sourceOrg: article.sourceOrg,
                breadcrumb: article.breadcrumb, url: url,
                languageHint: article.head.lang, mime: "text/html", encoding: encoding.charset.name, meta: meta)
        ]
    }

    /// canonical, og:url, the `Url` tag or JSON-LD, else the container's URL, else the crawl's layout.
    static func pageURL(_ document: SourceDocument, _ head: HeadMetadata) -> String? {
        let declared = [head.canonical, head.meta("og:url", "url"), head.jsonLD["url"]].compactMap { $0 }
        if let absolute = declared.first(where: { $0.hasPrefix("http://") || $0.hasPrefix("https://") }) {
            return absolute
        }
        return document.hints.url ?? URLHints.urlFromCrawlPath(document.path)
    }
}

/// Content sniffing for HTML.
enum HTMLSniffer {
    static let markers = ["<!doctype html", "<html", "<head", "<body", "<meta ", "<title"].map { Array($0.utf8) }
    /// Tags that, several together, make markup HTML even without a doctype or `<html>`.
    static let commonTags = [
        "<div", "<p>", "<p ", "<table", "<td", "<tr", "<span", "<a href", "<br", "<img", "<ul", "<li", "<script",
        "<style", "<link ", "<font", "<center", "<form", "<h1", "<h2", "</div>", "</p>", "</a>", "</td>",
    ].map { Array($0.utf8) }

    /// One pass over the head (it runs for every input): markup is claimed;
    /// binary bytes, or text without a single `<`, are refused; the rest is unsure.
    static func verdict(_ head: Data) -> SniffVerdict {
        let (http, rawBody) = HTTPResponseHead.split(Array(head))
        if let type = http?.header("Content-Type")?.lowercased(), type.contains("html") { return .claims }
        let body = MarkupSniff.asciiCompatible(rawBody)
        // Random bytes hold a few `<x…>` by chance; markup holds no NUL or stray controls.
        guard !isBinary(body) else { return .refuses }
        // Bytes, not String.contains: Foundation's overload folds Unicode and is slow on every input.
        let window = body.prefix(2048).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        if markers.contains(where: { contains(window, $0) }) { return .claims }
        if commonTags.filter({ contains(window, $0) }).count >= 3 { return .claims }
        if MarkupSniff.tagCount(body) >= 5 { return .claims }
        return body.contains(UInt8(ascii: "<")) ? .unsure : .refuses
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// NUL bytes or many control bytes: not a page in any ASCII-compatible charset.
    static func isBinary(_ body: [UInt8]) -> Bool {
        let sample = body.prefix(4096)
        if TextDecoder.bom(sample) != nil { return false }
        var controls = 0
        for b in sample where b == 0 || (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) {
            if b == 0 { return true }
            controls += 1
        }
        return controls * 20 > sample.count
    }
}
