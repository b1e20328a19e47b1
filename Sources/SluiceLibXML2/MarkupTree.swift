/// A parsed HTML or XML document as plain Swift values: nodes in document
/// order in one array, linked by index, text in one UTF-8 buffer. Built by
/// ``LibXML2`` and independent of it (the C tree is freed before this is
/// returned), so it is `Sendable` and safe to keep.
///
/// Only what extraction needs is kept: elements, text, and a fixed set of
/// attributes (``keptAttributes``). Comments, scripts (but JSON-LD), styles
/// and form controls are dropped at parse time.
public struct MarkupTree: Sendable {
    public struct Node: Sendable {
        public enum Kind: UInt8, Sendable {
            case document, element, text
        }

        public var kind: Kind
        /// Lower-case element name (`div`); empty for text.
        public var name: String
        /// The element's name as an index into ``MarkupTree/names`` (0: text
        /// and the document): equal names, equal ids, within one tree. A
        /// per-tree table indexed by it answers "is this a block?" without
        /// hashing a String per node.
        public var nameID: UInt16 = 0
        public var parent: Int32
        public var firstChild: Int32 = -1
        public var nextSibling: Int32 = -1
        // @usableFromInline: the readers below are inlined into the plugins,
        // which call them per node (a call per access cost a fifth of extraction).
        @usableFromInline var lastChild: Int32 = -1
        @usableFromInline var textStart: Int32 = 0
        @usableFromInline var textEnd: Int32 = 0
        @usableFromInline var attributeStart: Int32 = 0
        @usableFromInline var attributeEnd: Int32 = 0
    }

    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// Attributes kept on elements; the rest are dropped at parse time.
    public static let keptAttributes: Set<String> = [
        "id", "class", "style", "hidden", "aria-hidden", "href", "src", "name", "content", "property", "itemprop",
        "http-equiv", "charset", "lang", "rel", "type", "datetime", "role", "title", "colspan", "xml:lang",
    ]

    public private(set) var nodes: [Node]
    /// The distinct element names of this tree, indexed by ``Node/nameID``
    /// (index 0 is the empty name of text and the document).
    public private(set) var names: [String] = [""]
    private var nameIndex: [String: UInt16] = ["": 0]
    public private(set) var textBytes: [UInt8] = []
    public private(set) var attributes: [Attribute] = []

    /// Index of the document node; every other node descends from it.
    public let root: Int = 0

    init() {
        nodes = [Node(kind: .document, name: "#document", parent: -1)]
    }

    // MARK: building (used by the parser only)

    /// The id of `name` in this tree, added when new.
    mutating func nameID(for name: String) -> UInt16 {
        if let id = nameIndex[name] { return id }
        // Past 65,535 distinct names (a page made of invented tags) the rest get
        // id 0, the empty name: tables indexed by id stay in range, and such an
        // element is read as an unknown one (its `name` is still its own).
        guard names.count < Int(UInt16.max) else { return 0 }
        let id = UInt16(names.count)
        names.append(name)
        nameIndex[name] = id
        return id
    }

    /// Appends an element (its name's id from ``nameID(for:)``); `addAttributes`
    /// appends its attributes straight into the shared array (no per-element array).
    mutating func appendElement(
        _ name: String, nameID: UInt16, parent: Int32, addAttributes: (inout [Attribute]) -> Void
    ) -> Int32 {
        let index = Int32(nodes.count)
        var node = Node(kind: .element, name: name, nameID: nameID, parent: parent)
        node.attributeStart = Int32(attributes.count)
        addAttributes(&attributes)
        node.attributeEnd = Int32(attributes.count)
        link(node, at: index)
        return index
    }

    /// Adds an attribute to `element`, which must be the node appended last.
    mutating func appendAttribute(_ attribute: Attribute, to element: Int32) {
        precondition(Int(element) == nodes.count - 1, "attributes go to the element appended last")
        attributes.append(attribute)
        nodes[Int(element)].attributeEnd = Int32(attributes.count)
    }

    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, parent: Int32) {
        // Adjacent text nodes (split by dropped comments) merge into one.
        let last = nodes[Int(parent)].lastChild
        if last >= 0, nodes[Int(last)].kind == .text, nodes[Int(last)].textEnd == Int32(textBytes.count) {
            textBytes.append(contentsOf: bytes)
            nodes[Int(last)].textEnd = Int32(textBytes.count)
            return
        }
        var node = Node(kind: .text, name: "", parent: parent)
        node.textStart = Int32(textBytes.count)
        textBytes.append(contentsOf: bytes)
        node.textEnd = Int32(textBytes.count)
        link(node, at: Int32(nodes.count))
    }

    private mutating func link(_ node: Node, at index: Int32) {
        let p = Int(node.parent)
        nodes.append(node)
        if nodes[p].lastChild >= 0 {
            nodes[Int(nodes[p].lastChild)].nextSibling = index
        } else {
            nodes[p].firstChild = index
        }
        nodes[p].lastChild = index
    }

    // MARK: reading

    /// The node at `index`, borrowed: reading a field does not copy the node.
    @inlinable public subscript(_ index: Int) -> Node {
        _read { yield nodes[index] }
    }

    /// The children of `index`, in order.
    @inlinable public func children(of index: Int) -> Children {
        Children(tree: self, upcoming: Int(nodes[index].firstChild))
    }

    public struct Children: Sequence, IteratorProtocol {
        @usableFromInline let tree: MarkupTree
        @usableFromInline var upcoming: Int

        @inlinable init(tree: MarkupTree, upcoming: Int) {
            self.tree = tree
            self.upcoming = upcoming
        }

        @inlinable public mutating func next() -> Int? {
            guard upcoming >= 0 else { return nil }
            defer { upcoming = Int(tree.nodes[upcoming].nextSibling) }
            return upcoming
        }
    }

    /// The attributes of an element.
    @inlinable public func attributes(of index: Int) -> ArraySlice<Attribute> {
        attributes[Int(nodes[index].attributeStart)..<Int(nodes[index].attributeEnd)]
    }

    /// The value of one attribute (names are lower case).
    @inlinable public func attribute(_ name: String, of index: Int) -> String? {
        attributes(of: index).first { $0.name == name }?.value
    }

    /// The UTF-8 bytes of a text node.
    @inlinable public func textBytes(of index: Int) -> ArraySlice<UInt8> {
        textBytes[Int(nodes[index].textStart)..<Int(nodes[index].textEnd)]
    }

    /// The text of a text node.
    public func text(of index: Int) -> String { String(decoding: textBytes(of: index), as: UTF8.self) }

    /// All text under `index`, concatenated in document order.
    public func textContent(of index: Int) -> String {
        var out: [UInt8] = []
        forEachDescendant(of: index) { i in
            if nodes[i].kind == .text { out.append(contentsOf: textBytes(of: i)) }
            return true
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Visits the descendants of `index` in document order (not `index`
    /// itself); `visit` returns false to skip a node's subtree. Iterative, so
    /// deep documents cannot overflow the stack.
    @inlinable public func forEachDescendant(of index: Int, _ visit: (Int) -> Bool) {
        var i = Int(nodes[index].firstChild)
        while i >= 0 {
            let descend = visit(i)
            if descend, nodes[i].firstChild >= 0 {
                i = Int(nodes[i].firstChild)
                continue
            }
            while i >= 0, i != index, nodes[i].nextSibling < 0 { i = Int(nodes[i].parent) }
            if i < 0 || i == index { return }
            i = Int(nodes[i].nextSibling)
        }
    }

    /// The id of an element name in this tree; nil when no element has it.
    public func nameID(of name: String) -> UInt16? { nameIndex[name] }

    /// For each name id, whether the name is in `set`: a table to index by
    /// ``Node/nameID`` (built once per tree, over its few distinct names).
    public func nameTable(_ set: Set<String>) -> [Bool] { names.map { set.contains($0) } }

    /// Element indices with the given name, in document order.
    public func elements(named name: String) -> [Int] {
        nodes.indices.filter { nodes[$0].kind == .element && nodes[$0].name == name }
    }

    /// Whether `ancestor` is `index` or one of its ancestors.
    @inlinable public func isAncestor(_ ancestor: Int, of index: Int) -> Bool {
        var i = index
        while i >= 0 {
            if i == ancestor { return true }
            i = Int(nodes[i].parent)
        }
        return false
    }
}
