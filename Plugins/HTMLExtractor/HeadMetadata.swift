import Foundation
import SluiceLibXML2

/// What a page says about itself outside the visible text: `<title>`,
/// `<meta name/property>` tags (the national government-website guideline's
/// ArticleTitle, PubDate, ContentSource, SiteName, ColumnName, … and Open
/// Graph), canonical links, `<html lang>` and schema.org JSON-LD.
struct HeadMetadata {
    var title: String?
    var lang: String?
    var canonical: String?
    /// `<meta>` contents by lower-cased name or property; the first one wins.
    var metas: [String: String] = [:]
    /// Selected JSON-LD fields: `headline`, `datePublished`, `author`, `publisher`, `url`.
    var jsonLD: [String: String] = [:]

    init(_ tree: MarkupTree) {
        // By name id: a page has tens of thousands of elements and five names matter.
        let wanted = tree.nameTable(["title", "html", "meta", "link", "script"])
        // (Id 0 is shared by names past the tree's 65,535th: those are read by name.)
        for i in tree.nodes.indices
        where tree[i].kind == .element && (wanted[Int(tree[i].nameID)] || tree[i].nameID == 0) {
            switch tree[i].name {
            case "title" where title == nil:
                title = tree.textContent(of: i)
            case "html":
                lang = tree.attribute("lang", of: i) ?? tree.attribute("xml:lang", of: i)
            case "meta":
                guard let content = tree.attribute("content", of: i) else { continue }
                let key =
                    (tree.attribute("name", of: i) ?? tree.attribute("property", of: i)
                    ?? tree.attribute("itemprop", of: i) ?? tree.attribute("http-equiv", of: i))?.lowercased()
                if let key, metas[key] == nil { metas[key] = content }
            case "link" where canonical == nil:
                if tree.attribute("rel", of: i)?.lowercased() == "canonical" {
                    canonical = tree.attribute("href", of: i)
                }
            case "script":
                readJSONLD(tree.textContent(of: i))
            default:
                break
            }
        }
    }

    func meta(_ names: String...) -> String? {
        for n in names {
            if let v = metas[n]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty { return v }
        }
        return nil
    }

    private mutating func readJSONLD(_ text: String) {
        guard let data = text.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data) else {
            return
        }
        var queue: [Any] = [value]
        while let next = queue.popLast() {
            if let array = next as? [Any] {
                queue += array
            } else if let object = next as? [String: Any] {
                if let graph = object["@graph"] { queue.append(graph) }
                for key in ["headline", "datePublished", "url"] where jsonLD[key] == nil {
                    if let s = object[key] as? String { jsonLD[key] = s }
                }
                for key in ["author", "publisher"] where jsonLD[key] == nil {
                    if let s = object[key] as? String {
                        jsonLD[key] = s
                    } else if let o = object[key] as? [String: Any], let name = o["name"] as? String {
                        jsonLD[key] = name
                    } else if let a = object[key] as? [[String: Any]], let name = a.first?["name"] as? String {
                        jsonLD[key] = name
                    }
                }
            }
        }
    }
}
