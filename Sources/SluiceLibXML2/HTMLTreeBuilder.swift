import CLibXML2

/// Builds a ``MarkupTree`` from libxml2's HTML SAX events, so that no C tree
/// is made, copied and freed (building and freeing libxml2's own tree is about
/// two fifths of its parse: `sluice-benchmarks html DIR N floor` against `tokenize`).
///
/// In HTML mode libxml2's tree builder is a function of these same events (it
/// adds nothing the events do not say), so the tree built here is the one a
/// copy of libxml2's tree gives: what it drops, this drops (text outside any
/// element), and its depth limit is kept (``tooDeep``).
///
/// Threading: confined to the one thread that runs the parse; libxml2 calls
/// back synchronously, on that thread, from inside `htmlCtxtReadMemory`.
/// Ownership: ``attach(to:)`` allocates the builder the callbacks reach through
/// the context; the caller deinitializes and deallocates it after the parse.
/// (A struct behind a pointer, not a class: a class's stored properties are
/// checked for exclusive access at run time on every callback.)
struct HTMLTreeBuilder {
    /// libxml2's own tree refuses an element when more than this many are
    /// open (`xmlParserMaxDepth`), and halts the parse.
    static let depthLimit = 256

    private(set) var tree = MarkupTree()
    /// Whether the parser began a document (it does for any input it can read).
    private(set) var started = false
    /// Whether an element was nested past ``depthLimit`` and the parse stopped there.
    private(set) var tooDeep = false

    private let context: htmlParserCtxtPtr
    /// Tree indices of the open elements that are kept, the document first.
    private var open: [Int32] = [0]
    /// Open elements, dropped ones and those inside them included.
    private var depth = 0
    /// How deep inside a dropped element the parser is (0: not inside one).
    private var skipping = 0
    /// By name id: whether elements of that name are dropped.
    private var droppedByID = [false]
    /// libxml2 interns element and attribute names in its dictionary, so a
    /// name's pointer stands for the name for the whole parse: each distinct
    /// name is read once, not once per element.
    private var nameIDs = PointerTable<UInt16>()
    /// By interned attribute name: its index in ``keptNames``, or -1 when not kept.
    private var attributeNames = PointerTable<Int16>()
    private static let keptNames = Array(MarkupTree.keptAttributes)

    /// What libxml2's tree held first at its top level. An element that starts
    /// when every element is closed (content after `</html>`) went under that
    /// first node when it was an element (so under a dropped one it is dropped
    /// too), and to the top level when it was a doctype, comment or processing
    /// instruction.
    private enum FirstTopLevel {
        case none
        case notElement
        case element(Int32)
        case droppedElement
    }
    private var firstTopLevel = FirstTopLevel.none
    /// A doctype anywhere went first at the top level.
    private var sawDoctype = false

    private init(context: htmlParserCtxtPtr) { self.context = context }

    /// Allocates a builder and installs it as `context`'s SAX handler. The caller
    /// owns the result: deinitialize and deallocate it once the parse returns.
    static func attach(to context: htmlParserCtxtPtr) -> UnsafeMutablePointer<HTMLTreeBuilder> {
        let builder = UnsafeMutablePointer<HTMLTreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: HTMLTreeBuilder(context: context))
        context.pointee._private = UnsafeMutableRawPointer(builder)
        // Every callback off (errors included), then the ones the tree needs.
        LibXML2.switchOffCallbacks(context)
        guard let sax = context.pointee.sax else { return builder }
        sax.pointee.startDocument = { HTMLTreeBuilder.of($0)?.pointee.started = true }
        sax.pointee.internalSubset = { ctx, _, _, _ in HTMLTreeBuilder.of(ctx)?.pointee.sawDoctype = true }
        sax.pointee.comment = { ctx, _ in HTMLTreeBuilder.of(ctx)?.pointee.topLevelOther() }
        sax.pointee.processingInstruction = { ctx, _, _ in HTMLTreeBuilder.of(ctx)?.pointee.topLevelOther() }
        sax.pointee.startElement = { ctx, name, attributes in
            guard let name else { return }
            HTMLTreeBuilder.of(ctx)?.pointee.start(name, attributes)
        }
        sax.pointee.endElement = { ctx, _ in HTMLTreeBuilder.of(ctx)?.pointee.end() }
        // Script and style bodies come as CDATA blocks; the builder keeps them only
        // inside a kept script (JSON-LD).
        let text: charactersSAXFunc = { ctx, bytes, count in
            guard let bytes, count > 0 else { return }
            HTMLTreeBuilder.of(ctx)?.pointee.text(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        sax.pointee.characters = text
        sax.pointee.cdataBlock = text
        // Only called when blanks are not kept; Sluice keeps them, like the tree did.
        sax.pointee.ignorableWhitespace = text
        return builder
    }

    /// The builder of the parser context libxml2 passes to a callback (its
    /// `userData` is the context itself, whose `_private` holds the builder).
    private static func of(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<HTMLTreeBuilder>? {
        guard let ctx else { return nil }
        let context = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        return context.pointee._private?.assumingMemoryBound(to: HTMLTreeBuilder.self)
    }

    private mutating func start(
        _ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard depth <= Self.depthLimit else {
            tooDeep = true
            xmlStopParser(context)
            return
        }
        let topLevel = depth == 0
        depth += 1
        if skipping > 0 {
            skipping += 1
            return
        }
        var parent = open[open.count - 1]
        if topLevel, !sawDoctype {
            switch firstTopLevel {
            case .none, .notElement: break
            case .element(let first): parent = first
            case .droppedElement:
                skipping = 1
                return
            }
        }
        let (id, spelled) = nameID(of: name)
        // Id 0: a name past the id space, judged on its own.
        let isDropped = id == 0 ? LibXML2.droppedElements.contains(spelled) : droppedByID[Int(id)]
        if isDropped, !(spelled == "script" && isJSONLD(attributes)) {
            if topLevel, case .none = firstTopLevel { firstTopLevel = .droppedElement }
            skipping = 1
            return
        }
        let index = tree.appendElement(spelled, nameID: id, parent: parent) { _ in }
        addKeptAttributes(attributes, to: index)
        if topLevel, case .none = firstTopLevel { firstTopLevel = .element(index) }
        open.append(index)
    }

    private mutating func topLevelOther() {
        if depth == 0, case .none = firstTopLevel { firstTopLevel = .notElement }
    }

    private mutating func end() {
        guard depth > 0 else { return }
        depth -= 1
        if skipping > 0 {
            skipping -= 1
        } else if open.count > 1 {
            open.removeLast()
        }
    }

    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Outside every element libxml2's tree had no node to hold text: dropped there too.
        guard skipping == 0, depth > 0 else { return }
        tree.appendText(bytes, parent: open[open.count - 1])
    }

    /// The id and spelling of an element name; the pointer is remembered only
    /// when libxml2's dictionary owns it (its few built-in names, `html`, `body`,
    /// `p`, are static strings and are read each time).
    private mutating func nameID(of name: UnsafePointer<xmlChar>) -> (UInt16, String) {
        let key = UnsafeRawPointer(name)
        if let id = nameIDs[key] { return (id, tree.names[Int(id)]) }
        let spelled = Self.localName(String(cString: name))
        let id = tree.nameID(for: spelled)
        while droppedByID.count < tree.names.count {
            droppedByID.append(LibXML2.droppedElements.contains(tree.names[droppedByID.count]))
        }
        if id != 0, xmlDictOwns(context.pointee.dict, name) == 1 { nameIDs[key] = id }
        return (id, spelled)
    }

    /// The name libxml2's tree gave an element: in HTML no namespace is bound,
    /// so a prefixed name lost its prefix (`o:p`, Word's paragraph mark, was a
    /// `p`). Sluice's reading of pages was built on that tree; it stays.
    static func localName(_ name: String) -> String {
        guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")), colon != name.utf8.startIndex else {
            return name
        }
        let local = name.utf8[name.utf8.index(after: colon)...]
        return local.isEmpty ? name : String(Substring(local))
    }

    private mutating func keptName(_ name: UnsafePointer<xmlChar>) -> String? {
        let key = UnsafeRawPointer(name)
        let index: Int16
        if let known = attributeNames[key] {
            index = known
        } else {
            let spelled = String(cString: name)
            index = Int16(Self.keptNames.firstIndex(of: spelled) ?? -1)
            if xmlDictOwns(context.pointee.dict, name) == 1 { attributeNames[key] = index }
        }
        return index < 0 ? nil : Self.keptNames[Int(index)]
    }

    /// Appends the kept attributes. libxml2's list runs name, value (NULL for a
    /// bare attribute), name, value, …, NULL.
    private mutating func addKeptAttributes(
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, to element: Int32
    ) {
        guard let attributes else { return }
        var i = 0
        while let name = attributes[i] {
            if let kept = keptName(name) {
                let value = attributes[i + 1].map { String(cString: $0) } ?? ""
                tree.appendAttribute(MarkupTree.Attribute(name: kept, value: value), to: element)
            }
            i += 2
        }
    }

    /// Whether a script's `type` says JSON-LD (`application/ld+json`, any case).
    private mutating func isJSONLD(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool {
        guard let attributes else { return false }
        var i = 0
        while let name = attributes[i] {
            if let value = attributes[i + 1], keptName(name) == "type", Self.contains(value, Self.jsonLD) {
                return true
            }
            i += 2
        }
        return false
    }

    private static let jsonLD = Array("ld+json".utf8)

    /// Whether the C string `haystack` contains `needle` (lower-case ASCII), ignoring ASCII case.
    private static func contains(_ haystack: UnsafePointer<xmlChar>, _ needle: [UInt8]) -> Bool {
        var start = 0
        while haystack[start] != 0 {
            var j = 0
            while j < needle.count {
                let c = haystack[start + j]
                if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != needle[j] { break }
                j += 1
            }
            if j == needle.count { return true }
            start += 1
        }
        return false
    }
}
