// swift-tools-version:6.0
import PackageDescription

// Layout: the core (protocols, registry, scheduler, corpus writer) knows no C
// library; each extractor plugin is its own target under Plugins/; the CLI is a
// library so that users can build their own `sluice` with extra plugins.
let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SluiceCore", targets: ["SluiceCore"]),
        .library(name: "SluiceCLI", targets: ["SluiceCLI"]),
        .library(name: "SluiceTesting", targets: ["SluiceTesting"]),
        .library(name: "TextExtractor", targets: ["TextExtractor"]),
        .library(name: "HTMLExtractor", targets: ["HTMLExtractor"]),
        .library(name: "ArchiveExtractor", targets: ["ArchiveExtractor"]),
        .library(name: "ExternalExtractor", targets: ["ExternalExtractor"]),
        .library(name: "OfficeExtractor", targets: ["OfficeExtractor"]),
        .executable(name: "sluice", targets: ["sluice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "SluiceCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "TextExtractor",
            dependencies: ["SluiceCore"],
            path: "Plugins/TextExtractor"
        ),
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libxml2 wrapped once: the HTML plugin and later XML-based plugins share it.
        .target(name: "SluiceLibXML2", dependencies: ["CLibXML2"]),
        .systemLibrary(
            name: "CLibArchive",
            path: "Sources/CLibArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        // libarchive wrapped once: every archive read goes through this target.
        .target(name: "SluiceLibArchive", dependencies: ["CLibArchive", "SluiceCore"]),
        .target(
            name: "ArchiveExtractor",
            dependencies: ["SluiceCore", "SluiceLibArchive"],
            path: "Plugins/ArchiveExtractor"
        ),
        // .docx/.odt/.xlsx/.ods through the shared libarchive and libxml2 wrappers.
        .target(
            name: "OfficeExtractor",
            dependencies: ["SluiceCore", "SluiceLibArchive", "SluiceLibXML2"],
            path: "Plugins/OfficeExtractor"
        ),
        // Commands in any language, declared in sluice.toml; no C library.
        .target(
            name: "ExternalExtractor",
            dependencies: ["SluiceCore"],
            path: "Plugins/ExternalExtractor"
        ),
        .target(
            name: "HTMLExtractor",
            dependencies: ["SluiceCore", "SluiceLibXML2"],
            path: "Plugins/HTMLExtractor"
        ),
        .target(
            name: "SluiceCLI",
            dependencies: [
                "SluiceCore",
                "TextExtractor",
                "HTMLExtractor",
                "ArchiveExtractor",
                "ExternalExtractor",
                "OfficeExtractor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(name: "sluice", dependencies: ["SluiceCLI"]),
        .target(name: "SluiceTesting", dependencies: ["SluiceCore"]),
        // Benchmarks (not tests): `swift run -c release sluice-benchmarks`, see Docs/Benchmarks.md.
        .executableTarget(
            name: "sluice-benchmarks",
            dependencies: ["SluiceCore", "SluiceLibXML2", "HTMLExtractor", "SluiceLibArchive"],
            path: "Benchmarks/SluiceBenchmarks"
        ),
        // Test-only: sluice with a plugin that crashes, hangs or allocates without
        // bound on marker files, to test isolation. Not a product.
        .executableTarget(
            name: "sluice-poison", dependencies: ["SluiceCLI", "SluiceCore"], path: "Tests/PoisonPlugin"),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore", "SluiceTesting"]),
        .testTarget(
            name: "TextExtractorTests",
            dependencies: ["TextExtractor", "SluiceCore", "SluiceTesting"]
        ),
        .testTarget(name: "SluiceLibXML2Tests", dependencies: ["SluiceLibXML2"]),
        .testTarget(
            name: "ArchiveExtractorTests",
            dependencies: ["ArchiveExtractor", "HTMLExtractor", "TextExtractor", "SluiceCore", "SluiceTesting"]
        ),
        .testTarget(
            name: "OfficeExtractorTests",
            dependencies: ["OfficeExtractor", "ArchiveExtractor", "SluiceCore", "SluiceTesting"]
        ),
        .testTarget(
            name: "ExternalExtractorTests",
            dependencies: ["ExternalExtractor", "SluiceCore", "SluiceTesting"]
        ),
        .testTarget(
            name: "HTMLExtractorTests",
            dependencies: ["HTMLExtractor", "SluiceCore", "SluiceTesting"]
        ),
        .testTarget(
            name: "SluiceCLITests",
            // `sluice` too: the resume tests run the real binary as a subprocess.
            dependencies: [
                "SluiceCLI", "SluiceCore", "SluiceTesting", "sluice", "sluice-poison",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
