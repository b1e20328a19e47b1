import ArchiveExtractor
import HTMLExtractor
import SluiceCore
import TextExtractor

/// The plugins Sluice ships with, in registry order (more specific first).
public enum Sluice {
    public static var defaultPlugins: [any Extractor] { [ArchiveExtractor(), HTMLExtractor(), TextExtractor()] }
}
