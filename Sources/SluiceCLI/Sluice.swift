import ArchiveExtractor
import HTMLExtractor
import OfficeExtractor
import SluiceCore
import TextExtractor

/// The plugins Sluice ships with, in registry order (more specific first).
public enum Sluice {
    public static var defaultPlugins: [any Extractor] {
        [OfficeExtractor(), ArchiveExtractor(), HTMLExtractor(), TextExtractor()]
    }
}
