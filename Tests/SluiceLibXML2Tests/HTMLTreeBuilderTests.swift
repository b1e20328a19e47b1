import Testing

@testable import SluiceLibXML2

/// The tree built from libxml2's events keeps what libxml2's own tree did
/// (it was compared node for node with copies of that tree on the 402 dev
/// pages and 500 generated ones): these pin the cases where that took care.
/// Each expected outline is what libxml2 2.9.14's own tree of the same input
/// holds (`htmlReadMemory`, walked in C).
@Suite struct HTMLTreeBuilderTests {
    static func parse(_ html: String) throws -> MarkupTree { try LibXML2.parseHTML(utf8: Array(html.utf8)) }

    static func outline(_ tree: MarkupTree) -> String {
        var out: [String] = []
        func walk(_ i: Int) {
            for c in tree.children(of: i) {
                if tree[c].kind == .text {
                    out.append(tree.text(of: c))
                } else {
                    out.append("<\(tree[c].name)>")
                    walk(c)
                    out.append("</\(tree[c].name)>")
                }
            }
        }
        walk(tree.root)
        return out.joined()
    }

    @Test func contentAfterTheClosedDocumentJoinsTheFirstElement() throws {
        let tree = try Self.parse("<html><body><p>a</p></body></html><p>late</p>")
        // libxml2 implies a new html element, and its tree put it under the first.
        #expect(Self.outline(tree) == "<html><body><p>a</p></body><html><p>late</p></html></html>")
    }

    @Test func afterADoctypeOrALeadingCommentItStaysAtTheTop() throws {
        let withDoctype = try Self.parse("<!DOCTYPE html><html><body>a</body></html><p>late</p>")
        #expect(Self.outline(withDoctype) == "<html><body>a</body></html><html><p>late</p></html>")
        let withComment = try Self.parse("<!-- c --><html><body>a</body></html><p>late</p>")
        #expect(Self.outline(withComment) == "<html><body>a</body></html><html><p>late</p></html>")
    }

    @Test func aPrefixedElementIsNamedByItsLocalPart() throws {
        let tree = try Self.parse(#"<p class="MsoNormal">text<o:p>&nbsp;</o:p></p><:odd>x</:odd>"#)
        #expect(Self.outline(tree) == "<html><body><p>text<p>\u{A0}</p></p><:odd>x</body></html>")
    }

    @Test func textOutsideEveryElementIsDroppedAndBlanksInsideAreKept() throws {
        let tree = try Self.parse("<html><body><div> <b>x</b> <i>y</i> </div></body></html>   ")
        #expect(tree.textContent(of: tree.root) == " x y ")
    }

    @Test func theDepthLimitIsLibxml2s() throws {
        // libxml2's tree took 257 open elements and refused the 258th.
        func nested(_ depth: Int) -> String {
            String(repeating: "<div>", count: depth) + "t" + String(repeating: "</div>", count: depth)
        }
        // html and body are implied around the divs: 255 divs make 257 open elements.
        #expect(try Self.parse(nested(255)).textContent(of: 0) == "t")
        #expect(throws: LibXML2.Failure.tooDeep) { try Self.parse(nested(256)) }
        // Dropped elements count too, as they were nodes of that tree.
        let underScript = String(repeating: "<div>", count: 250) + "<noscript>" + String(repeating: "<b>", count: 10)
        #expect(throws: LibXML2.Failure.tooDeep) { try Self.parse(underScript) }
    }

    @Test func aBareAttributeHasAnEmptyValueAndOnlyKeptNamesStay() throws {
        let tree = try Self.parse(#"<div hidden data-x="1" ID="a" class='b c'>x</div>"#)
        let div = try #require(tree.elements(named: "div").first)
        #expect(
            Array(tree.attributes(of: div)) == [
                .init(name: "hidden", value: ""), .init(name: "id", value: "a"), .init(name: "class", value: "b c"),
            ])
    }
}
