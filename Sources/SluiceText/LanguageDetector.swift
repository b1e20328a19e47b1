/// Sluice 1.0's name for language detection, kept so plugins written
/// against 1.0 still build; it now asks CLD2 (``LanguageIdentifier``).
@available(*, deprecated, message: "use LanguageIdentifier.identify(_:hint:), or leave Extraction.lang nil")
public enum LanguageDetector {
    public static func detect(_ text: String, hint: String? = nil) -> String {
        let found = LanguageIdentifier.identify(text, hint: hint)
        return found.lang == "und" ? (hint.flatMap(LanguageTag.corpusForm) ?? "und") : found.lang
    }

    public static func primaryTag(of tag: String) -> String? { LanguageTag.primary(of: tag) }
}
