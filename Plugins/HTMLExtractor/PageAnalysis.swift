import SluiceLibXML2

/// Per-node measurements of a page, computed in two linear passes over the
/// ``MarkupTree`` (nodes come in document order, parents before children):
/// top-down for flags (boilerplate, hidden, inside a link, nearest block),
/// bottom-up for the amounts of text. Everything later reads these arrays.
struct PageAnalysis {
    let tree: MarkupTree
    /// The name id of `a` in this tree (nil: the page has no link).
    let linkNameID: UInt16?
    /// Element is a block (starts a new paragraph when rendered).
    private(set) var isBlock: [Bool]
    /// Element or text lies in a subtree that is never main text (navigation,
    /// footers, share widgets, hidden elements).
    private(set) var excluded: [Bool]
    /// Hidden, script, or certain chrome (footers, comments, ads…): what even
    /// a page with no prose block never shows as its text. (Keeping certain
    /// chrome there too was measured: worse on the tuning half.)
    private(set) var neverText: [Bool]
    /// Visible characters outside links, per subtree (hidden text not counted).
    private(set) var unlinkedChars: [Int32] = []
    private(set) var inLink: [Bool]
    /// Inside comments, related lists, footers or ads: never the article's header either.
    private(set) var inCertainChrome: [Bool]
    /// The nearest block element at or above a node.
    private(set) var blockOf: [Int32]
    /// Characters (non-space), tokens (CJK characters and Latin words) and
    /// sentence punctuation of the text directly in a block (through inline
    /// elements), and the characters of that inside links.
    private(set) var ownChars: [Int32]
    private(set) var ownTokens: [Int32]
    private(set) var ownPunct: [Int32]
    private(set) var ownLinkChars: [Int32]
    /// The same, over the whole subtree (excluded subtrees count nothing).
    private(set) var chars: [Int32]
    private(set) var tokens: [Int32]
    private(set) var punct: [Int32]
    private(set) var linkChars: [Int32]
    /// Characters inside excluded subtrees.
    private(set) var boilerChars: [Int32]
    /// All visible characters under any node, element or text, excluded or not
    /// (the block totals above skip inline elements and excluded text).
    private(set) var visibleChars: [Int32]

    static let blockNames: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "thead", "tfoot", "td", "th", "tr", "ul", "caption", "#document",
    ]

    /// Elements that are never the article: site chrome and forms.
    static let chromeNames: Set<String> = ["nav", "footer", "aside", "form:search", "menu", "header"]

    init(_ tree: MarkupTree) {
        self.tree = tree
        let n = tree.nodes.count
        isBlock = [Bool](repeating: false, count: n)
        excluded = [Bool](repeating: false, count: n)
        neverText = [Bool](repeating: false, count: n)
        inLink = [Bool](repeating: false, count: n)
        inCertainChrome = [Bool](repeating: false, count: n)
        blockOf = [Int32](repeating: 0, count: n)
        ownChars = [Int32](repeating: 0, count: n)
        ownTokens = [Int32](repeating: 0, count: n)
        ownPunct = [Int32](repeating: 0, count: n)
        ownLinkChars = [Int32](repeating: 0, count: n)
        boilerChars = [Int32](repeating: 0, count: n)

        wordsOf = [Int32](repeating: 0, count: n)
        var wordChrome: [Chrome] = [.none]
        var seenValues: [String: Int32] = [:]
        var classWords = ClassWords()
        for i in 1..<n where tree[i].kind == .element {
            var cls: String? = nil
            var id: String? = nil
            for a in tree.attributes(of: i) {
                if a.name == "class" { cls = a.value } else if a.name == "id" { id = a.value }
            }
            guard cls != nil || id != nil else { continue }
            let key = id.map { (cls ?? "") + " #" + $0 } ?? cls!
            if let known = seenValues[key] {
                wordsOf[i] = known
            } else {
                let index = Int32(traitSets.count)
                let flags = classWords.flags(ofValue: key)
                wordChrome.append(Self.chrome(flags))
                traitSets.append(Self.traits(key: key, flags: flags))
                seenValues[key] = index
                wordsOf[i] = index
            }
        }
        // Per element name (a page has a few dozen), not per element: what the name says.
        let blockName = tree.nameTable(Self.blockNames)
        let nameChrome = tree.names.map(Self.chrome(name:))
        let link = tree.nameID(of: "a")
        linkNameID = link
        let script = tree.nameID(of: "script")
        // Pass 1, top-down: hidden subtrees, and elements that look like chrome.
        var hidden = [Bool](repeating: false, count: n)
        var chrome = [Chrome](repeating: .none, count: n)
        for i in 1..<n {
            let p = Int(tree[i].parent)
            hidden[i] = hidden[p] || (tree[i].kind == .element && Self.isHidden(tree, i))
            let name = Int(tree[i].nameID)
            inLink[i] = inLink[p] || (link != nil && tree[i].nameID == link)
            if tree[i].kind == .element, !hidden[i] {
                // The element's name first (`footer`, `nav`…), then its class and id words.
                chrome[i] = nameChrome[name] ?? wordChrome[Int(wordsOf[i])]
            }
            inCertainChrome[i] = inCertainChrome[p] || chrome[i] == .certain
        }
        // Pass 2, bottom-up: visible text outside links per subtree. Real
        // navigation and sidebars are mostly links; a "sidebar" class on an
        // element holding much of the page's prose describes a wrapper's
        // layout (`has-sidebar`), and is ignored.
        var prose = [Int32](repeating: 0, count: n)
        visibleChars = [Int32](repeating: 0, count: n)
        var measures = [TextMeasure](repeating: TextMeasure(), count: n)
        for i in stride(from: n - 1, to: 0, by: -1) {
            if tree[i].kind == .text {
                measures[i] = TextMeasure(tree.textBytes(of: i))
                if !hidden[i] {
                    visibleChars[i] = measures[i].chars
                    if !inLink[i] { prose[i] = visibleChars[i] }
                }
            }
            prose[Int(tree[i].parent)] += prose[i]
            visibleChars[Int(tree[i].parent)] += visibleChars[i]
        }
        let pageProse = prose[0]
        unlinkedChars = prose
        // Pass 3, top-down: flags and the text amounts of each block.
        for i in 0..<n {
            let node = tree[i]
            let p = Int(node.parent)
            switch node.kind {
            case .document:
                isBlock[i] = true
                blockOf[i] = Int32(i)
            case .element:
                isBlock[i] = blockName[Int(node.nameID)]
                neverText[i] =
                    neverText[p] || hidden[i] || (script != nil && node.nameID == script) || chrome[i] == .certain
                excluded[i] = excluded[p] || neverText[i] || (chrome[i] == .likely && prose[i] * 10 < pageProse * 3)
                blockOf[i] = isBlock[i] ? Int32(i) : blockOf[p]
            case .text:
                excluded[i] = excluded[p]
                neverText[i] = neverText[p]
                let b = Int(blockOf[p])
                blockOf[i] = Int32(b)
                let m = measures[i]
                if excluded[i] {
                    boilerChars[i] = m.chars
                } else {
                    ownChars[b] += m.chars
                    ownTokens[b] += m.tokens
                    ownPunct[b] += m.punct
                    if inLink[i] { ownLinkChars[b] += m.chars }
                }
            }
        }
        // Subtree totals: each node adds its own amounts to its parent, last node first.
        chars = [Int32](repeating: 0, count: n)
        tokens = [Int32](repeating: 0, count: n)
        punct = [Int32](repeating: 0, count: n)
        linkChars = [Int32](repeating: 0, count: n)
        for i in 0..<n where isBlock[i] {
            chars[i] = ownChars[i]
            tokens[i] = ownTokens[i]
            punct[i] = ownPunct[i]
            linkChars[i] = ownLinkChars[i]
        }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let p = Int(tree[i].parent)
            // Inline elements' text is already in their block's own amounts.
            if isBlock[i] {
                chars[p] += chars[i]
                tokens[p] += tokens[i]
                punct[p] += punct[i]
                linkChars[p] += linkChars[i]
            }
            boilerChars[p] += boilerChars[i]
        }
    }

    func linkDensity(_ i: Int) -> Double { chars[i] > 0 ? Double(linkChars[i]) / Double(chars[i]) : 0 }

    /// For each element, the index of its class-and-id value among the page's
    /// distinct values (0: none). The words of a value (`news-share_box` gives
    /// `news`, `share`, `box`) are read once per distinct value: pages repeat
    /// the same few classes on thousands of elements.
    private(set) var wordsOf: [Int32]

    /// Verdicts on an element's class and id, computed once per distinct value.
    struct ClassTraits {
        /// +25 for content words, -25 for list/link words (readability's weights).
        var weight = 0.0
        /// A gov.cn CMS content container (`TRS_Editor`, `zoom`, `UCAP-CONTENT`, …).
        var cmsContainer = false
        var titleLike = false
        var trailLike = false
        /// `source`, `laiyuan`: an element that holds the article's source, often with no label.
        var sourceLike = false
    }

    private(set) var traitSets: [ClassTraits] = [ClassTraits()]

    func traits(_ i: Int) -> ClassTraits { traitSets[Int(wordsOf[i])] }

    static func traits(key: String, flags: ClassWords.Flags) -> ClassTraits {
        var t = ClassTraits()
        if flags.contains(.positive) { t.weight += 25 }
        if flags.contains(.negative) { t.weight -= 25 }
        t.cmsContainer = Self.holdsCMSContainer(key)
        t.titleLike = flags.contains(.title)
        t.trailLike = flags.contains(.trail)
        t.sourceLike = flags.contains(.source)
        return t
    }

    /// Whether one of the space-separated values of `key` (class, then `#id`)
    /// is a CMS content container, case-insensitively; on bytes, each value
    /// of a container's length packed into a ``PackedWord``.
    static func holdsCMSContainer(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 || bytes[i] == 0x23 {  // " " or "#"
                defer { start = i + 1 }
                guard (ContentSelector.shortestCMSContainer...ContentSelector.longestCMSContainer).contains(i - start)
                else { continue }
                let found = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: i - start) { lower in
                    for k in 0..<(i - start) {
                        let b = bytes[start + k]
                        lower[k] = (0x41...0x5A).contains(b) ? b | 0x20 : b
                    }
                    let value = UnsafeBufferPointer(lower)
                    return PackedWord(value).map(ContentSelector.cmsContainerWords.contains)
                        ?? ContentSelector.cmsContainers.contains(String(decoding: value, as: UTF8.self))
                }
                if found { return true }
            }
            return false
        }
    }

    enum Chrome {
        case none
        /// Comments, footers, share widgets, related links: never the article, whatever their size.
        case certain
        /// Navigation, sidebars, menus: chrome unless the element holds most of the page
        /// (then the word describes a wrapper's layout, as in `has-sidebar`).
        case likely
    }

    /// Words in class or id that mark site chrome. Prefix words also match
    /// longer words (`share` matches `sharebox`, `nav` matches `navbar`);
    /// exact words match only themselves (`print` must not match `printer`).
    /// Comments and related lists can outgrow the article; they are never it.
    static let certainPrefixes = ["comment", "copyright", "footer", "related", "recommend", "advert"]
    /// Small by nature: when one holds most of the page, it is a wrapper a page left unclosed.
    static let likelyPrefixes = [
        "nav", "sidebar", "banner", "pagination", "share", "bdshare", "fenxiang", "breadcrumb", "crumb", "subscribe",
        "newsletter", "social", "cookie", "popup",
    ]
    static let likelyExact: Set<String> = [
        "menu", "foot", "print", "login", "search", "pager", "toolbar", "modal", "dqwz", "position", "location", "xgxw",
        "xgwz", "hotnews", "tuijian", "tools", "ad", "ads",
    ]
    /// Words that mark content: an element whose class says both is kept (as readability does).
    static let contentWords = [
        "content", "article", "main", "detail", "text", "body", "post", "entry", "story", "zoom",
    ]

    /// Hidden from readers: `hidden`, `aria-hidden`, `display:none`, `visibility:hidden`.
    static func isHidden(_ tree: MarkupTree, _ i: Int) -> Bool {
        for a in tree.attributes(of: i) {
            // Most attributes are none of the three: their first letter says so.
            guard let first = a.name.utf8.first, first == 0x68 || first == 0x61 || first == 0x73 else { continue }
            switch a.name {
            case "hidden": return true
            case "aria-hidden": if a.value == "true" { return true }
            case "style":
                // Most styles hide nothing: look for "none"/"hidden" before normalizing.
                let v = a.value.utf8
                guard v.contains(0x6E) || v.contains(0x4E) else { continue }
                let style = a.value.utf8.compactMap { b -> UInt8? in
                    b == 0x20 ? nil : (0x41...0x5A).contains(b) ? b | 0x20 : b
                }
                if contains(style, displayNone) || contains(style, visibilityHidden) { return true }
            default: continue
            }
        }
        return false
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    /// Whether `pattern` occurs in `bytes` (Foundation's `contains` on a String
    /// goes through NSString: a tenth of the page analysis on styled pages).
    static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard pattern.count <= bytes.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { start in
            pattern.indices.allSatisfy { bytes[start + $0] == pattern[$0] }
        }
    }

    /// Elements whose name says content, whatever their class says.
    static let namesContent: Set<String> = ["body", "html", "article", "main"]

    /// Site chrome by element name (nav, footer, aside, header); `.none` for
    /// the names that say content; nil when the name leaves it to the class and id words.
    static func chrome(name: String) -> Chrome? {
        if name == "footer" { return .certain }
        if chromeNames.contains(name) { return .likely }
        if namesContent.contains(name) { return Chrome.none }
        return nil
    }

    /// The verdict of a class/id word set alone (computed once per distinct set):
    /// a content word wins over chrome words (`article-share` is no share bar).
    static func chrome(_ flags: ClassWords.Flags) -> Chrome {
        if flags.contains(.content) { return .none }
        if flags.contains(.certainChrome) { return .certain }
        if flags.contains(.likelyChrome) { return .likely }
        return .none
    }
}

/// Counts in one run of UTF-8 text: non-space characters, tokens (each CJK
/// character, each run of letters or digits) and sentence punctuation
/// (，。；：！？、 and ASCII , . ; : ! ? followed by a space or the end).
struct TextMeasure {
    init() {}

    var chars: Int32 = 0
    var tokens: Int32 = 0
    var punct: Int32 = 0

    init(_ bytes: ArraySlice<UInt8>) {
        var inWord = false
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                switch b {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                    inWord = false
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A:
                    chars += 1
                    if !inWord { tokens += 1 }
                    inWord = true
                case 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F:
                    chars += 1
                    inWord = false
                    if i + 1 == end || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x0A { punct += 1 }
                default:
                    chars += 1
                    inWord = false
                }
                i += 1
                continue
            }
            inWord = false
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if length == 2 && b == 0xC2 && i + 1 < end && bytes[i + 1] == 0xA0 {  // NBSP
                i += 2
                continue
            }
            if length == 3 && i + 2 < end {
                let b1 = bytes[i + 1]
                let b2 = bytes[i + 2]
                if b == 0xE3 && b1 == 0x80 {
                    // U+3000 block: the ideographic space, 、 and 。.
                    if b2 == 0x80 {
                        i += 3
                        continue
                    }
                    if b2 == 0x81 || b2 == 0x82 { punct += 1 }
                    chars += 1
                } else if b == 0xEF && b1 == 0xBC && [0x8C, 0x9B, 0x9A, 0x81, 0x9F].contains(b2) {
                    punct += 1  // ，；：！？
                    chars += 1
                } else {
                    chars += 1
                    // U+3400-U+9FFF: Han characters, one token each.
                    if (b == 0xE3 && b1 >= 0x90) || (b >= 0xE4 && b <= 0xE9) { tokens += 1 }
                }
            } else {
                chars += 1
                if length == 2 { tokens += 1 }  // accented Latin and other alphabets
            }
            i += length
        }
    }
}
