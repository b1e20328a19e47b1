import SluiceLibXML2
import SluiceText

/// Title, creation date and author from an office file's properties:
/// `docProps/core.xml` (Office Open XML) or `meta.xml` (OpenDocument).
struct DocumentProperties {
    var title: String?
    /// ISO 8601 date, from `dcterms:created` or `meta:creation-date`.
    var created: String?
    var creator: String?

    init(ooxmlCore tree: MarkupTree?) {
        guard let tree else { return }
        title = tree.firstText("dc:title")
        created = tree.firstText("dcterms:created").flatMap(Self.date)
        creator = tree.firstText("dc:creator")
    }

    init(odfMeta tree: MarkupTree?) {
        guard let tree else { return }
        title = tree.firstText("dc:title")
        created = tree.firstText("meta:creation-date").flatMap(Self.date)
        creator = tree.firstText("meta:initial-creator") ?? tree.firstText("dc:creator")
    }

    /// W3CDTF as office suites write it (`2024-03-15T08:30:00Z`) → ISO 8601 through
    /// the core's date scanner, which also rejects impossible dates.
    private static func date(_ text: String) -> String? { DateNormalizer.firstDate(in: text) }
}
