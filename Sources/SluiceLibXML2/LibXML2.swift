import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libxml2, wrapped once: with ``HTMLTreeBuilder`` (its SAX side), the only
/// code in Sluice that touches libxml2's pointers. HTML is built into a
/// ``MarkupTree`` straight from the parser's events; XML is parsed into a C
/// tree that is copied and freed. Parser context, builder and C tree are freed
/// before each call returns, on every path. Safe to call from any thread at once.
public enum LibXML2 {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case empty
        case unparseable
        /// libxml2 halts past 256 levels of nesting and drops the rest of the document.
        case tooDeep
        /// One element has more attributes than ``AttributeCount/limit`` (libxml2's check of
        /// each against the others is quadratic: a million would take hours).
        case tooManyAttributes(Int)

        public var description: String {
            switch self {
            case .empty: "the document is empty"
            case .unparseable: "libxml2 could not make a document of these bytes"
            case .tooDeep:
                "elements are nested more than 256 deep; libxml2 stops reading there, so the document would be cut short"
            case .tooManyAttributes(let n):
                "an element has \(n) attributes, more than the \(AttributeCount.limit) Sluice parses (a page made to stall parsers)"
            }
        }
    }

    /// Elements dropped with everything inside them: they never hold text a
    /// reader sees. (`script` is kept when it is JSON-LD metadata.)
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "select",
        "textarea", "button", "input", "map", "audio", "video", "head:link",
    ]

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static let htmlOptions = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
    /// No entity expansion, no DTD loading, no network: nothing an input names is fetched.
    static let xmlOptions = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Parses HTML given as UTF-8 (decode it first: see the HTML plugin's
    /// encoding rules). Never touches the network, never expands external entities.
    public static func parseHTML(utf8 bytes: [UInt8]) throws(Failure) -> MarkupTree {
        try parse(bytes, events: true, newContext: htmlNewParserCtxt, freeContext: htmlFreeParserCtxt) {
            context, buffer, count in
            htmlCtxtReadMemory(context, buffer, count, nil, "UTF-8", htmlOptions)
        }
    }

    /// Parses an XML document (office file parts). Entities are not expanded,
    /// no DTD is loaded, nothing is fetched. Every attribute is kept (XML
    /// formats carry meaning in them: `t="s"`, `table:number-columns-repeated`).
    public static func parseXML(_ bytes: [UInt8]) throws(Failure) -> MarkupTree {
        try parse(bytes, allAttributes: true, newContext: xmlNewParserCtxt, freeContext: xmlFreeParserCtxt) {
            context, buffer, count in
            xmlCtxtReadMemory(context, buffer, count, nil, nil, xmlOptions)
        }
    }

    /// Parses into libxml2's own tree and frees it, nothing else: the floor
    /// under an extraction that reads that tree (Sluice's did until 1.4), for
    /// benchmarks. Returns whether libxml2 produced a document.
    public static func parseAndDiscard(utf8 bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return false }
        _ = initialized
        sluice_silence_libxml2_errors()
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", htmlOptions)
            }
        }
        guard let doc else { return false }
        xmlFreeDoc(doc)
        return true
    }

    /// Runs libxml2's HTML parser with every callback off: its tokenizing
    /// alone, the floor under any extraction built on it (for benchmarks).
    public static func tokenizeAndDiscard(utf8 bytes: [UInt8]) {
        _ = initialized
        sluice_silence_libxml2_errors()
        guard !bytes.isEmpty, let context = htmlNewParserCtxt() else { return }
        defer { htmlFreeParserCtxt(context) }
        switchOffCallbacks(context)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, "UTF-8", htmlOptions)
            }
        }
        if let doc { xmlFreeDoc(doc) }
    }

    /// Clears every SAX callback of `context` (errors, comments, the tree
    /// builder's own), so that the parser reports nothing it is not asked for.
    static func switchOffCallbacks(_ context: xmlParserCtxtPtr) {
        guard let sax = context.pointee.sax else { return }
        let initialized = sax.pointee.initialized
        sax.pointee = xmlSAXHandler()
        sax.pointee.initialized = initialized
    }

    /// The one path every parse takes: a parser context (to read its error
    /// state), the document, the copy, and both freed on every path. With
    /// `events`, the tree is built from the parser's events by an
    /// ``HTMLTreeBuilder`` and libxml2 makes no document of its own (HTML only:
    /// the XML parts of office files keep libxml2's tree, whose entity and
    /// namespace handling the copy relies on).
    private static func parse(
        _ bytes: [UInt8], events: Bool = false, allAttributes: Bool = false,
        newContext: () -> xmlParserCtxtPtr?, freeContext: (xmlParserCtxtPtr) -> Void,
        read: (xmlParserCtxtPtr, UnsafePointer<CChar>, Int32) -> xmlDocPtr?
    ) throws(Failure) -> MarkupTree {
        guard !bytes.isEmpty else { throw .empty }
        let attributes = AttributeCount.largest(in: bytes)
        if attributes > AttributeCount.limit { throw .tooManyAttributes(attributes) }
        _ = initialized
        sluice_silence_libxml2_errors()
        guard let context = newContext() else { throw .unparseable }
        defer { freeContext(context) }
        let builder = events ? HTMLTreeBuilder.attach(to: context) : nil
        defer {
            builder?.deinitialize(count: 1)
            builder?.deallocate()
        }
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                read(context, $0, Int32(buffer.count))
            }
        }
        defer { if let doc { xmlFreeDoc(doc) } }
        if let builder {
            if builder.pointee.tooDeep { throw .tooDeep }
            guard builder.pointee.started else { throw .unparseable }
            return builder.pointee.tree
        }
        guard let doc else { throw .unparseable }
        // libxml2 halts past 256 levels of nesting and reports it here.
        if context.pointee.errNo == Int32(XML_ERR_INTERNAL_ERROR.rawValue) { throw .tooDeep }
        return convert(doc, allAttributes: allAttributes)
    }

    /// Copies the C tree into a ``MarkupTree``, iteratively (no recursion,
    /// whatever the depth).
    private static func convert(_ doc: xmlDocPtr, allAttributes: Bool) -> MarkupTree {
        var tree = MarkupTree()
        let docAsNode = UnsafeMutableRawPointer(doc)
        // The tree index of each element on the current path.
        var parents: [Int32] = [0]
        var dropped = [false]  // by name id: decided once per distinct name
        var node = doc.pointee.children
        while let n = node {
            var descendInto: Int32? = nil
            switch n.pointee.type {
            case XML_ELEMENT_NODE:
                let name = qualifiedName(n)
                let id = tree.nameID(for: name)
                while dropped.count < tree.names.count {
                    dropped.append(droppedElements.contains(tree.names[dropped.count]))
                }
                // Id 0: a name past the id space, judged on its own.
                let isDropped = id == 0 ? droppedElements.contains(name) : dropped[Int(id)]
                if isDropped, !(name == "script" && isJSONLD(n)) { break }
                descendInto = tree.appendElement(name, nameID: id, parent: parents[parents.count - 1]) {
                    keptAttributes(n, all: allAttributes, into: &$0)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content {
                    let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                    if length > 0 {
                        tree.appendText(
                            UnsafeBufferPointer(start: content, count: length), parent: parents[parents.count - 1])
                    }
                }
            default:
                break
            }
            if let index = descendInto, let child = n.pointee.children {
                parents.append(index)
                node = child
                continue
            }
            // Next sibling, or climb until an ancestor has one.
            var current = n
            while current.pointee.next == nil {
                guard let up = current.pointee.parent, UnsafeMutableRawPointer(up) != docAsNode else {
                    return tree
                }
                parents.removeLast()
                current = up
            }
            node = current.pointee.next
        }
        return tree
    }

    private static func qualifiedName(_ n: xmlNodePtr) -> String {
        guard let name = n.pointee.name else { return "" }
        let local = String(cString: name)
        if let ns = n.pointee.ns, let prefix = ns.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }

    private static func isJSONLD(_ n: xmlNodePtr) -> Bool {
        var attributes: [MarkupTree.Attribute] = []
        keptAttributes(n, all: false, into: &attributes)
        return attributes.contains { $0.name == "type" && $0.value.lowercased().contains("ld+json") }
    }

    private static func keptAttributes(_ n: xmlNodePtr, all: Bool, into out: inout [MarkupTree.Attribute]) {
        var attr = n.pointee.properties
        while let a = attr {
            defer { attr = a.pointee.next }
            guard let rawName = a.pointee.name else { continue }
            var name = String(cString: rawName)
            if let ns = a.pointee.ns, let prefix = ns.pointee.prefix { name = String(cString: prefix) + ":" + name }
            guard all || MarkupTree.keptAttributes.contains(name) else { continue }
            var value = ""
            if let text = a.pointee.children, let content = text.pointee.content {
                value = String(cString: content)
            }
            out.append(MarkupTree.Attribute(name: name, value: value))
        }
    }
}
