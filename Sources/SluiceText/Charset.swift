/// A character encoding, named as the WHATWG Encoding Standard names it, with
/// the label mapping browsers use (so `gb2312` means GB18030, `latin1` means
/// windows-1252).
public struct Charset: Sendable, Hashable, CustomStringConvertible {
    /// The name written to the corpus (`encoding`), e.g. `UTF-8`, `GB18030`.
    public let name: String
    /// The name glibc's iconv knows it by.
    let iconvName: String

    public static let utf8 = Charset(name: "UTF-8", iconvName: "UTF-8")
    public static let utf16LE = Charset(name: "UTF-16LE", iconvName: "UTF-16LE")
    public static let utf16BE = Charset(name: "UTF-16BE", iconvName: "UTF-16BE")
    public static let gb18030 = Charset(name: "GB18030", iconvName: "GB18030")
    public static let big5 = Charset(name: "Big5", iconvName: "BIG5-HKSCS")
    public static let shiftJIS = Charset(name: "Shift_JIS", iconvName: "CP932")
    public static let eucJP = Charset(name: "EUC-JP", iconvName: "EUC-JP")
    public static let eucKR = Charset(name: "EUC-KR", iconvName: "CP949")
    public static let windows1252 = Charset(name: "windows-1252", iconvName: "CP1252")

    public var description: String { name }

    /// The charset a label stands for, as browsers read labels; nil for a
    /// label no browser knows. Case and surrounding space are ignored.
    public init?(label: String) {
        let key = label.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = Self.labels[key] else { return nil }
        self = found
    }

    private init(name: String, iconvName: String) {
        self.name = name
        self.iconvName = iconvName
    }

    private static func single(_ name: String, _ iconv: String) -> Charset { Charset(name: name, iconvName: iconv) }

    // From the WHATWG Encoding Standard's label table (the encodings a
    // crawled Chinese or Western site uses; others are left out on purpose).
    private static let labels: [String: Charset] = {
        var m: [String: Charset] = [:]
        func add(_ c: Charset, _ names: [String]) { for n in names { m[n] = c } }
        add(.utf8, ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"])
        add(.utf16LE, ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"])
        add(.utf16BE, ["unicodefffe", "utf-16be"])
        add(
            .gb18030,
            [
                "gb18030", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                "iso-ir-58", "x-gbk",
            ])
        add(.big5, ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"])
        add(.shiftJIS, ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"])
        add(.eucJP, ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"])
        add(
            .eucKR,
            [
                "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989",
                "ksc5601", "ksc_5601", "windows-949",
            ])
        add(
            .windows1252,
            [
                "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
                "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
                "x-cp1252",
            ])
        add(single("ISO-8859-2", "ISO-8859-2"), ["iso-8859-2", "latin2", "l2", "iso8859-2", "csisolatin2"])
        add(single("ISO-8859-15", "ISO-8859-15"), ["iso-8859-15", "latin9", "l9", "iso8859-15", "csisolatin9"])
        add(single("windows-1250", "CP1250"), ["windows-1250", "cp1250", "x-cp1250"])
        add(single("windows-1251", "CP1251"), ["windows-1251", "cp1251", "x-cp1251"])
        add(single("KOI8-R", "KOI8-R"), ["koi8-r", "koi8", "koi", "cskoi8r", "koi8_r"])
        return m
    }()
}
