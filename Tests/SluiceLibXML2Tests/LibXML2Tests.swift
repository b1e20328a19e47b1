import Testing

@testable import SluiceLibXML2

@Suite struct LibXML2Tests {
    static func parse(_ html: String) throws -> MarkupTree { try LibXML2.parseHTML(utf8: Array(html.utf8)) }

    @Test func aCharsetDeclaredInsideTheDocumentDoesNotOverrideUTF8() throws {
        let tree = try Self.parse(
            #"<html><head><meta charset="gbk"><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>中文正文</p></body></html>"#
        )
        #expect(tree.textContent(of: tree.root).contains("中文正文"))
    }

    @Test func scriptsStylesAndCommentsAreDroppedButJSONLDIsKept() throws {
        let tree = try Self.parse(
            #"<body><script>var x = "junk";</script><style>p{}</style><!-- c --><p>a<!-- x -->b</p><script type="application/ld+json">{"a":1}</script></body>"#
        )
        let text = tree.textContent(of: tree.root)
        #expect(text == "ab{\"a\":1}")
        let p = try #require(tree.elements(named: "p").first)
        #expect(Array(tree.children(of: p)).count == 1)  // "a" and "b" merged
    }

    @Test func entitiesAreDecodedAndAttributesKept() throws {
        let tree = try Self.parse(
            #"<div id="zoom" class="TRS_Editor" onclick="x()"><a href="/a.pdf">附件&amp;说明&nbsp;&#x4E2D;</a></div>"#)
        let div = try #require(tree.elements(named: "div").first)
        #expect(tree.attribute("id", of: div) == "zoom" && tree.attribute("class", of: div) == "TRS_Editor")
        #expect(tree.attribute("onclick", of: div) == nil)
        #expect(tree.textContent(of: div) == "附件&说明\u{A0}中")
    }

    @Test func hostileNestingIsAnErrorNotACrashNorASilentCut() throws {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth)
        #expect(throws: LibXML2.Failure.tooDeep) { try Self.parse(html) }
        // Ordinary depth is fine.
        let fine = String(repeating: "<div>", count: 200) + "text" + String(repeating: "</div>", count: 200)
        #expect(try Self.parse(fine).textContent(of: 0) == "text")
    }

    @Test func emptyAndBinaryInputsGiveErrorsOrTreesNotCrashes() throws {
        #expect(throws: LibXML2.Failure.empty) { try LibXML2.parseHTML(utf8: []) }
        // Bytes that are no markup: recovered into a tree (libxml2 wraps stray
        // text in html/body) or refused as unparseable, never a crash.
        let binary = (0..<4096).map { UInt8(($0 * 131 + 7) % 256) }
        do {
            let tree = try LibXML2.parseHTML(utf8: binary)
            #expect(tree.nodes.contains { $0.kind == .element && $0.name == "html" })
        } catch {
            #expect(error == .unparseable)
        }
        let truncated = try Self.parse("<html><body><div><p>cut off here")
        #expect(tree(truncated, contains: "cut off here"))
    }

    func tree(_ t: MarkupTree, contains s: String) -> Bool { t.textContent(of: t.root).contains(s) }
}
