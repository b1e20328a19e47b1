import Foundation
import SluiceLibXML2
import SluiceText

/// What the article's own header shows a reader: the headline, the
/// 发布时间/来源/作者 line, and the 当前位置 trail. Found around the start of
/// the main text, with `<title>` and the metadata tags as guides.
struct ArticleHeader {
    var title: String?
    var titleNode: Int?
    var subtitle: String?
    /// The date in the article's header zone (from the headline into the text).
    var published: String?
    /// A date after the text (a post footer), and the nearest date above the
    /// header: weaker evidence, used after the metadata tags.
    var footerDate: String?
    var earlierDate: String?
    /// Every day the header zone shows as a date, and the day of the nearest
    /// date above the header: what a metadata tag's date is checked against.
    var shownDays: Set<Substring> = []
    /// Whether `published` came with a label (发布时间：, `<time datetime>`), not bare.
    var publishedIsLabelled = false
    var source: String?
    var author: String?
    var editor: String?
    /// 成文日期, when the header shows one beside the publication date.
    var written: String?
    var breadcrumb: [String] = []
    /// Nodes that belong to the header, left out of the text.
    var headerNodes: Set<Int> = []

    static let titleWords = ["title", "tit", "bt", "biaoti", "headline", "heading"]
    static let inlineHolders: Set<String> = ["span", "font", "em", "i", "b", "strong", "small", "time", "label"]

    init(page: PageAnalysis, head: HeadMetadata, contentStart: Int, contentEnd: Int) {
        // A wide block (a page's whole body) starts long before its text:
        // the header is looked for around where the text starts.
        findHeadline(page, head, contentStart: contentStart, contentEnd: contentEnd)
        let textStart = Self.firstProse(page, from: contentStart, to: contentEnd) ?? contentStart
        // Zones, in order of trust: from the headline to a little into the
        // text (the article's own header), then the few blocks after the text
        // (a blog's 发表于 footer). In the header a labelled date beats a bare
        // one; after the text the nearest wins (further down are comments).
        let headerStart = titleNode ?? max(1, textStart - 150)
        // A headline inside the chosen block starts the text: the zone runs on from it.
        let headerEnd = min(max(textStart, headerStart) + 300, contentEnd + 1)
        let header = scanZone(page, from: headerStart, to: headerEnd, maxBlocks: 40)
        published = header.labelled ?? header.bare
        publishedIsLabelled = header.labelled != nil
        // Only the header's days are checked against the tags: dates after the
        // text are comments' and related items'.
        shownDays = header.days
        let footer = scanZone(page, from: contentEnd + 1, to: contentEnd + 400, maxBlocks: 15)
        footerDate = footer.first
        let above = Self.nearestDateBefore(page, headerStart)
        if let above { shownDays.insert(above.prefix(10)) }
        if published == nil { earlierDate = above }
        breadcrumb = Self.findBreadcrumb(page, before: max(textStart, titleNode ?? 0) + 1)
    }

    /// The first block from `start` through `end` with a sentence's worth of text of its own.
    static func firstProse(_ page: PageAnalysis, from start: Int, to end: Int) -> Int? {
        guard start <= end else { return nil }
        return (start...min(end, page.tree.nodes.count - 1)).first { i in
            page.isBlock[i] && !page.excluded[i] && !page.inLink[i] && page.ownTokens[i] >= 8
        }
    }

    /// The headline: the heading-like element before (or at the top of) the
    /// text that best matches what `<title>` and the tags call the page.
    private mutating func findHeadline(_ page: PageAnalysis, _ head: HeadMetadata, contentStart: Int, contentEnd: Int) {
        let tree = page.tree
        let pageTitle = head.title.map(TextNormalizer.normalizeLine)
        let tagTitle = (head.meta("articletitle", "og:title", "twitter:title") ?? head.jsonLD["headline"])
            .map(Self.stripTags)
        let pageReference = pageTitle.map(TitleReference.init)
        let tagReference = tagTitle.map(TitleReference.init)
        var best: (node: Int, text: String, score: Double)? = nil
        let windowEnd = min(tree.nodes.count, contentStart + 200)
        let headings = tree.nameTable(["h1", "h2", "h3", "h4"])
        for i in 1..<windowEnd where tree[i].kind == .element {
            let name = tree[i].name
            let isHeading = headings[Int(tree[i].nameID)]
            let titleClass = page.traits(i).titleLike
            guard isHeading || titleClass, !page.inLink[i] else { continue }
            let length = page.visibleChars[i]
            guard length >= 4, length <= 160 else { continue }
            let text = TextNormalizer.normalizeLine(tree.textContent(of: i))
            guard text.count >= 4, text.count <= 160 else { continue }
            var score = max(Self.similarity(text, pageReference), Self.similarity(text, tagReference))
            if name == "h1" { score += 0.25 } else if isHeading { score += 0.1 }
            if titleClass { score += 0.1 }
            if i > contentEnd { score -= 0.5 }
            if score > (best?.score ?? 0.45) { best = (i, text, score) }
        }
        if let best {
            title = best.text
            titleNode = best.node
            headerNodes.insert(best.node)
        } else if let tagTitle {
            title = TextNormalizer.normalizeLine(tagTitle)
        } else if let pageTitle {
            title = Self.stripSiteName(pageTitle)
        }
    }

    /// Reads the short text blocks of a zone for the header fields; returns
    /// the first labelled date, the first bare date, whichever came first,
    /// and the day of every date the zone shows.
    private mutating func scanZone(_ page: PageAnalysis, from start: Int, to end: Int, maxBlocks: Int)
        -> (labelled: String?, bare: String?, first: String?, days: Set<Substring>)
    {
        let tree = page.tree
        var labelled: String? = nil
        var bare: String? = nil
        var first: String? = nil
        var days: Set<Substring> = []
        var scanned = 0
        var i = max(1, start)
        while i < min(end, tree.nodes.count), scanned < maxBlocks {
            defer { i += 1 }
            guard tree[i].kind == .element, page.isBlock[i] || Self.inlineHolders.contains(tree[i].name) else {
                continue
            }
            if tree[i].name == "time", let d = tree.attribute("datetime", of: i).flatMap(DateNormalizer.firstDate(in:))
            {
                labelled = labelled ?? d
                days.insert(d.prefix(10))
                continue
            }
            let length = page.visibleChars[i]
            guard length > 0, length <= 200, tree[i].firstChild >= 0 else { continue }
            // A wrapper around one element says nothing its child does not.
            let only = Int(tree[i].firstChild)
            if tree[only].nextSibling < 0, tree[only].kind == .element { continue }
            scanned += 1
            // A source-classed element needs no label (`<span class="source">新华社</span>`).
            if source == nil, page.traits(i).sourceLike,
                let name = Self.unlabelledSource(TextNormalizer.normalizeLine(tree.textContent(of: i)))
            {
                source = name
                headerNodes.insert(i)
                continue
            }
            guard Self.mayHoldHeaderField(tree, i) else { continue }
            let text = TextNormalizer.normalizeLine(tree.textContent(of: i))
            if subtitle == nil, titleNode != nil, text.hasPrefix("——"), text.count <= 100 {
                subtitle = String(text.drop(while: { $0 == "—" })).trimmingCharacters(in: .whitespaces)
                headerNodes.insert(i)
                continue
            }
            if let h = ArticleHeaderLine.parse(text) {
                let before = (labelled, source, author, editor, written)
                labelled = labelled ?? h.published
                first = first ?? h.published
                if let d = h.published { days.insert(d.prefix(10)) }
                source = source ?? h.source.map(Self.cleanSource)
                author = author ?? h.author
                editor = editor ?? h.editor
                written = written ?? h.written
                if before != (labelled, source, author, editor, written), text.count <= 150 {
                    headerNodes.insert(i)
                    i = Self.lastDescendant(tree, i)
                }
                if labelled != nil, source != nil { break }
            } else if text.count <= 40, let d = DateNormalizer.firstDate(in: text) {
                days.insert(d.prefix(10))
                guard bare == nil else { continue }
                bare = d
                first = first ?? d
                headerNodes.insert(i)
            }
        }
        return (labelled, bare, first, days)
    }

    /// Cheap test on the raw bytes before reading a block's text: a header
    /// field needs a digit (a date), a colon (a label), or a dash (a subtitle).
    static func mayHoldHeaderField(_ tree: MarkupTree, _ i: Int) -> Bool {
        var found = false
        tree.forEachDescendant(of: i) { d in
            guard !found else { return false }
            if tree[d].kind == .text {
                found = tree.textBytes(of: d).contains {
                    (0x30...0x39).contains($0) || $0 == 0x3A || $0 == 0xBC || $0 == 0x94
                }
            }
            return true
        }
        return found
    }

    /// The date in the closest short text above `start` (a dated page bar).
    static func nearestDateBefore(_ page: PageAnalysis, _ start: Int) -> String? {
        let tree = page.tree
        var i = min(start, tree.nodes.count) - 1
        while i > 0 {
            defer { i -= 1 }
            guard tree[i].kind == .text, !page.inLink[i] else { continue }
            let bytes = tree.textBytes(of: i)
            // Most texts hold no digit at all: no String is made for them.
            guard bytes.count <= 120, bytes.contains(where: { (0x30...0x39).contains($0) }) else { continue }
            if let d = DateNormalizer.firstDate(in: String(decoding: bytes, as: UTF8.self)) { return d }
        }
        return nil
    }

    /// A title to compare headlines with, prepared once per page.
    struct TitleReference {
        /// The title's scalars, spaces left out.
        let compact: [Unicode.Scalar]
        let scalars: Set<Unicode.Scalar>
        var count: Int { compact.count }

        init(_ title: String) {
            compact = Array(title.unicodeScalars.lazy.filter { $0 != " " && $0 != "\u{3000}" })
            scalars = Set(compact)
        }
    }

    /// 0...1: how much of `reference` the candidate covers, as a headline
    /// covers the `<title>` it heads (`标题 - 网站名`). Compared by scalars:
    /// both sides come normalized (NFC), so equal text has equal scalars.
    static func similarity(_ candidate: String, _ reference: TitleReference?) -> Double {
        guard let r = reference, r.count > 0 else { return 0 }
        let c = Array(candidate.unicodeScalars.lazy.filter { $0 != " " })
        guard !c.isEmpty else { return 0 }
        if contains(r.compact, c) { return 0.3 + 0.7 * Double(c.count) / Double(r.count) }
        if contains(c, r.compact) { return 0.9 }
        // Shared characters, for headlines the title tag shortens.
        let cs = Set(c)
        return 0.8 * Double(cs.intersection(r.scalars).count) / Double(max(cs.count, r.scalars.count))
    }

    private static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// `标题 - 网站名` or `标题_栏目_网站` gives `标题`.
    static func stripSiteName(_ title: String) -> String {
        for separator in [" - ", " — ", " – ", "_", " | ", "｜", "－", " :: "] where title.contains(separator) {
            let parts = title.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            if let first = parts.first, first.count >= 4 { return first }
            return parts.max { $0.count < $1.count } ?? title
        }
        return title
    }

    /// Tags written into a metadata value (`标题<div>——副题</div>`) are markup, not text.
    static func stripTags(_ s: String) -> String {
        // Foundation's regular expressions cost more than the rest of the headline search.
        guard s.utf8.contains(0x3C) else { return s }  // "<"
        return s.replacingOccurrences(of: "<[^>]{1,40}>", with: "", options: .regularExpression)
    }

    /// Class/id words of an element that holds the source (whole words).
    static let sourceWords: Set<String> = ["source", "laiyuan", "ly", "xxly"]

    /// The text of a source-classed element with no label: a short name, no date in it.
    static func unlabelledSource(_ text: String) -> String? {
        guard !text.isEmpty, text.count <= 30, DateNormalizer.firstDate(in: text) == nil,
            !text.contains(where: { $0 == "：" || $0 == ":" })
        else { return nil }
        return cleanSource(text)
    }

    /// A 来源 value ends where the line's furniture starts.
    static func cleanSource(_ s: String) -> String {
        var v = s
        for stop in ["【", "[", "字号", "打印", "分享", "浏览", "点击"] {
            if let r = v.range(of: stop) { v = String(v[..<r.lowerBound]) }
        }
        // `（来源：新华社）`: the closing bracket is the line's, not the name's.
        let closers: Set<Character> = ["）", ")", "】", "]", "」"]
        v = v.trimmingCharacters(in: .whitespaces)
        while let last = v.last, closers.contains(last) { v.removeLast() }
        return String(v.trimmingCharacters(in: .whitespaces).prefix(60))
    }

    static func lastDescendant(_ tree: MarkupTree, _ i: Int) -> Int {
        var last = i
        tree.forEachDescendant(of: i) { d in
            last = d
            return true
        }
        return last
    }

    /// Cheap test before reading an element's text: its first text holds 位置 (in 当前位置, 您的位置, …).
    static func startsWithTrailLabel(_ tree: MarkupTree, _ i: Int) -> Bool {
        var found = false
        var seen = 0
        tree.forEachDescendant(of: i) { d in
            guard !found, seen < 3 else { return false }
            if tree[d].kind == .text {
                seen += 1
                let b = Array(tree.textBytes(of: d).prefix(40))
                if b.count >= 6 { found = (0...(b.count - 6)).contains { b[$0..<($0 + 6)].elementsEqual(Self.weizhi) } }
            }
            return true
        }
        return found
    }

    private static let weizhi = Array("位置".utf8)

    /// Class/id words of trails; `mbx`/`mianbaoxie` (面包屑) and `dqwz` (当前位置) are the pinyin ones.
    static let trailWords = [
        "breadcrumb", "bread", "crumb", "crumbs", "position", "location", "dqwz", "weizhi", "mbx", "mianbaoxie", "path",
    ]

    /// The 当前位置 trail: an element whose text starts with the label, or
    /// whose class or id says breadcrumb, or that has a trail's shape (short
    /// linked parts separated by `>`, from the home page, the site or a column),
    /// split into its parts.
    /// Trails sit above the article: only nodes before `end` are looked at.
    static func findBreadcrumb(_ page: PageAnalysis, before end: Int) -> [String] {
        let tree = page.tree
        let candidates = (0..<min(end, tree.nodes.count)).filter { i in
            tree[i].kind == .element && (page.isBlock[i] || tree[i].name == "span")
                && (4...200).contains(page.visibleChars[i])
        }
        // The innermost element that reads as a trail: a wrapper around the
        // trail and a short article starts with the same label.
        var found: [String]? = nil
        var foundEnd = -1
        for i in candidates {
            if found != nil, i > foundEnd { break }
            if let parts = labelledTrail(page, i) {
                found = parts
                foundEnd = lastDescendant(tree, i)
            }
        }
        if let found { return found }
        for i in candidates {
            if let parts = trailShape(page, i) { return parts }
        }
        return []
    }

    /// The parts of an element named as a trail or starting with a trail label; nil when it is neither.
    static func labelledTrail(_ page: PageAnalysis, _ i: Int) -> [String]? {
        let named = page.traits(i).trailLike
        guard named || startsWithTrailLabel(page.tree, i) else { return nil }
        let text = TextNormalizer.normalizeLine(page.tree.textContent(of: i))
        guard named || BreadcrumbLine.hasLabel(text) else { return nil }
        let parts = BreadcrumbLine.parts(text)
        return parts.count >= 2 ? parts : nil
    }

    /// The `>`-like separators a trail's shape needs (`BreadcrumbLine` also
    /// splits at `/`, which alone makes no trail), as UTF-8.
    static let trailSeparators = [">", "＞", "›", "»", "→"].map { Array($0.utf8) }
    /// Their first bytes, as a table: the test runs on every byte of short blocks.
    private static let trailSeparatorLeads: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for s in trailSeparators { table[Int(s[0])] = true }
        return table
    }()

    /// Whether `bytes` hold one of ``trailSeparators`` whole (their last bytes
    /// alone occur in one CJK ideograph in fifteen).
    static func holdsTrailSeparator(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.indices.contains { i in
            trailSeparatorLeads[Int(bytes[i])] && trailSeparators.contains { bytes[i...].starts(with: $0) }
        }
    }

    static let homeNames: Set<String> = ["首页", "网站首页", "主页", "Home", "HOME", "home"]

    /// Parts of a block shaped like a trail: at least two links, text split
    /// at `>`-like separators into two or more short parts, the first a home
    /// page or a link.
    static func trailShape(_ page: PageAnalysis, _ i: Int) -> [String]? {
        let tree = page.tree
        guard page.visibleChars[i] <= 80 else { return nil }
        var links = 0
        var hasSeparator = false
        let link = page.linkNameID
        tree.forEachDescendant(of: i) { d in
            if tree[d].kind == .element, tree[d].nameID == link { links += 1 }
            if tree[d].kind == .text, Self.holdsTrailSeparator(tree.textBytes(of: d)) { hasSeparator = true }
            return links < 3 || !hasSeparator
        }
        guard links >= 2, hasSeparator else { return nil }
        let parts = BreadcrumbLine.parts(TextNormalizer.normalizeLine(tree.textContent(of: i)))
        guard parts.count >= 2, let first = parts.first, parts.allSatisfy({ $0.count <= 20 }) else { return nil }
        // A trail that does not start at the home page starts at the site's name or a column:
        // then every part but the last (the page itself) is a link.
        if !homeNames.contains(first), parts.count > links + 1 { return nil }
        return parts
    }
}
