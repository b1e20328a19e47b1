import Foundation
import SluiceLibXML2

/// Finds the element(s) holding a page's main text, by a density method
/// that needs no knowledge of the site:
///
/// 1. Every block with enough text of its own and few links scores
///    `1 + punctuation + min(tokens / 30, 5)` (Chinese sentence punctuation
///    counts like commas in English; a token is a CJK character or a word).
/// 2. The score goes to the block's container: a paragraph (`p`, `li`, …)
///    gives it to its parent and half to its grandparent; a container with
///    text of its own (`div` with `<br>` lines, a `td`) keeps it and gives
///    half to its parent.
/// 3. A candidate's total is damped by its link density and adjusted by the
///    words in its class and id; semantic containers (`article`, `main`,
///    `itemprop=articleBody`) and the content containers gov.cn CMSs emit
///    (`TRS_Editor`, `zoom`, `UCAP-CONTENT`, `pages_content`, …) get a strong
///    bonus, but only when they hold real text: they are hints, not the path.
/// 4. The best candidate is taken with those of its siblings that score
///    close to it or are clean paragraphs; when it is one post of a thread
///    (the same tag and class repeated across the page), with the other posts.
struct ContentSelector {
    let page: PageAnalysis
    private(set) var score: [Double]
    /// Tokens of the page's prose blocks (those that score) inside each node's subtree.
    private(set) var prose: [Int32]

    static let paragraphNames: Set<String> = [
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt",
    ]
    static let positiveWords = [
        "article", "content", "entry", "main", "post", "text", "story", "body", "detail", "zoom", "zw", "wenzhang",
        "news", "con", "cont", "info", "read",
    ]
    static let negativeWords: Set<String> = [
        "list", "link", "links", "more", "hot", "tag", "tags", "meta", "side", "widget", "date", "time",
    ]
    /// Content containers of the common gov.cn CMSs (TRS, UCAP, Hanweb, …), as whole class/id values.
    static let cmsContainers: Set<String> = [
        "trs_editor", "zoom", "ucap-content", "pages_content", "article-content", "articlecontent", "art_con",
        "content_text", "news_content", "zwnr", "xxgk_content", "trs_word", "conter_con", "main-content",
        "detail-content", "article_con", "wzxq", "fontzoom",
    ]
    /// The containers packed into integers, to look up without a String
    /// (`PageAnalysis.holdsCMSContainer`); one longer than 16 bytes is looked up by name.
    static let cmsContainerWords = Set(
        cmsContainers.compactMap { name in
            var name = name
            return name.withUTF8 { PackedWord($0) }
        })
    static let shortestCMSContainer = cmsContainers.map(\.utf8.count).min()!
    static let longestCMSContainer = cmsContainers.map(\.utf8.count).max()!

    init(_ page: PageAnalysis) {
        self.page = page
        let tree = page.tree
        score = [Double](repeating: 0, count: tree.nodes.count)
        prose = [Int32](repeating: 0, count: tree.nodes.count)
        let isParagraph = tree.nameTable(Self.paragraphNames)
        for i in tree.nodes.indices where page.isBlock[i] && !page.excluded[i] {
            let own = Int(page.ownTokens[i])
            guard own >= 8 || (own >= 4 && page.ownPunct[i] > 0) else { continue }
            let ownLinkDensity = page.ownChars[i] > 0 ? Double(page.ownLinkChars[i]) / Double(page.ownChars[i]) : 0
            guard ownLinkDensity < 0.5 else { continue }
            prose[i] += Int32(own)
            let s = 1 + Double(page.ownPunct[i]) + min(Double(own) / 30, 5)
            let p = Int(tree[i].parent)
            if isParagraph[Int(tree[i].nameID)] {
                guard p > 0 else { continue }
                score[p] += s
                let g = Int(tree[p].parent)
                if g > 0 { score[g] += s / 2 }
            } else {
                score[i] += s
                if p > 0 { score[p] += s / 2 }
            }
        }
        // Children follow their parents in the tree's order: one backward pass sums subtrees.
        for i in tree.nodes.indices.reversed() where i > 0 {
            prose[Int(tree[i].parent)] += prose[i]
        }
    }

    /// A page that is no dated article (a product page, a documentation
    /// page, a landing page of several sections) spreads its text over
    /// sections that each score alone. From the chosen block, ancestors are
    /// taken while each holds much more of the page's prose, little else,
    /// and few links. Only for undated pages: under a dated article the
    /// extra prose is teasers of other articles.
    func widened(_ roots: [Int]) -> [Int] {
        let tree = page.tree
        guard let first = roots.first else { return roots }
        let held = roots.reduce(0) { $0 + Int(prose[$1]) }
        var chosen = first
        var p = Int(tree[first].parent)
        // Up while the ancestor is still mostly prose with few links; the
        // highest that holds clearly more prose than the chosen block wins.
        while p > 0, !page.excluded[p] {
            // Text amounts are kept per block: inline ancestors are passed through.
            if page.isBlock[p] {
                guard Double(prose[p]) >= Self.widenShare * Double(max(page.tokens[p], 1)),
                    page.linkDensity(p) < Self.widenLinks
                else { break }
                if Double(prose[p]) >= Self.widenGain * Double(max(held, 1)) { chosen = p }
            }
            p = Int(tree[p].parent)
        }
        return chosen == first ? roots : [chosen]
    }

    static let widenGain = 1.5
    static let widenShare = 0.5
    static let widenLinks = 0.3

    /// Forum threads and Q&A pages repeat one structure per post, and the
    /// thread is all of its posts (the question and its answers). When the
    /// best candidate is one of several non-sibling blocks with the same tag
    /// and class, of which at least one other also scores well (or three or
    /// more of any length, or two of at least a sentence each: a question
    /// and its one answer), all of them are taken in page order, short
    /// replies too (a reply of one line is still part of the thread). When
    /// the best candidate holds such blocks, it already holds the thread. Nil
    /// when the best candidate is no post of a repeated structure.
    private func threadPosts(_ best: Int, bestScore: Double) -> [Int]? {
        let tree = page.tree
        guard let bestClass = tree.attribute("class", of: best), !bestClass.isEmpty else { return nil }
        let floor = bestScore * 0.1
        var posts = [best]
        var strong = 1
        for i in tree.nodes.indices where i != best && tree[i].kind == .element && !page.excluded[i] {
            guard tree[i].nameID == tree[best].nameID, page.tokens[i] > 0, page.linkDensity(i) < 0.5,
                tree.attribute("class", of: i) == bestClass
            else { continue }
            posts.append(i)
            if page.tokens[i] >= 50, finalScore(i) >= floor { strong += 1 }
        }
        // Two posts that score well, three of any length (a question and short
        // replies), or two of a sentence each (a question and one reply).
        let twoSentencePosts =
            posts.count == 2 && posts.allSatisfy { page.tokens[$0] >= 8 }
            && Self.sameWrapper(tree, Int(tree[posts[0]].parent), Int(tree[posts[1]].parent))
        guard strong >= 2 || posts.count >= 3 || twoSentencePosts else { return nil }
        posts.sort()
        // Siblings are merged by the sibling rule instead; nested look-alikes
        // are no thread. Ancestors are walked per post (linear in the posts: a
        // page may repeat one class tens of thousands of times).
        guard Set(posts.map { tree[$0].parent }).count == posts.count else { return nil }
        let members = Set(posts)
        for post in posts {
            var up = Int(tree[post].parent)
            while up > 0 {
                if members.contains(up) { return nil }
                up = Int(tree[up].parent)
            }
        }
        return posts
    }

    /// Whether two elements have the same tag and class: two posts of one
    /// thread sit in wrappers alike; an article and a teaser of the same
    /// class seldom do.
    static func sameWrapper(_ tree: MarkupTree, _ a: Int, _ b: Int) -> Bool {
        a > 0 && b > 0 && tree[a].nameID == tree[b].nameID
            && tree.attribute("class", of: a) == tree.attribute("class", of: b)
    }

    /// The score of a candidate container after damping and hints.
    func finalScore(_ i: Int) -> Double {
        guard score[i] > 0 else { return 0 }
        var s = score[i] * (1 - page.linkDensity(i)) + classWeight(i)
        if isContentHint(i), page.tokens[i] >= 40 { s *= 1.5 }
        return s
    }

    func classWeight(_ i: Int) -> Double { page.traits(i).weight }

    func isContentHint(_ i: Int) -> Bool {
        let tree = page.tree
        let name = tree[i].name
        if name == "article" || name == "main" { return true }
        if page.traits(i).cmsContainer { return true }
        return tree.attribute("itemprop", of: i) == "articleBody"
    }

    /// The chosen containers in document order; empty when nothing scored.
    func select() -> [Int] {
        let tree = page.tree
        var best = -1
        var bestScore = 0.0
        for i in tree.nodes.indices where score[i] > 0 && !page.excluded[i] {
            let s = finalScore(i)
            if s > bestScore {
                best = i
                bestScore = s
            }
        }
        guard best > 0 else { return [] }
        if let posts = threadPosts(best, bestScore: bestScore) { return posts }
        // Siblings that score close to the best, or are clean paragraphs,
        // belong to the same article (text split over several blocks).
        let parent = Int(tree[best].parent)
        guard parent > 0 else { return [best] }
        let threshold = max(10, bestScore * 0.2)
        var chosen: [Int] = []
        for sibling in tree.children(of: parent) {
            if sibling == best {
                chosen.append(sibling)
                continue
            }
            guard tree[sibling].kind == .element, !page.excluded[sibling] else { continue }
            var bonus = 0.0
            if let a = tree.attribute("class", of: best), a == tree.attribute("class", of: sibling), !a.isEmpty {
                bonus = bestScore * 0.2
            }
            if finalScore(sibling) + bonus >= threshold {
                chosen.append(sibling)
            } else if Self.paragraphNames.contains(tree[sibling].name) || tree[sibling].name == "div" {
                let t = page.tokens[sibling]
                let ld = page.linkDensity(sibling)
                if (t > 40 && ld < 0.25) || (t > 0 && t <= 40 && ld == 0 && page.punct[sibling] > 0 && t >= 8) {
                    chosen.append(sibling)
                }
            }
        }
        return chosen
    }
}
