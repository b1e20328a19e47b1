// swift-tools-version:6.0
import PackageDescription

// The rooms, and the one direction of the arrows (Docs/Architecture.md):
//
//   SluicePluginAPI  protocols and values a plugin implements and returns; no dependencies
//   SluiceText       charsets, normalizer, dates, language (CLD2, through its C shim), header-line heuristics
//   Plugins/*        one target each: the API, the text toolkit, and at most the C wrapper it needs
//   SluiceRuntime    discovery, scheduler, writer, ledger, isolation, merge; plugins never import it
//   SluiceDefaultPlugins  the plugins the stock `sluice` links
//   SluiceReport     the corpus report (terminal, self-contained HTML); reads what the runtime wrote
//   SluiceSearch     full-text index (SQLite FTS5, trigram) and queries over a corpus
//   SluiceDedup      exact and near-duplicate clusters over a corpus (MinHash through xxHash, kept beside the ledger)
//   SluiceCLI        flags and sluice.toml -> a configuration -> the runtime; links no plugin
//
// `.ci/run` checks these arrows with `swift package dump-package` (scripts/check-module-graph.py).
// Linux only: the runtime reads /proc and glibc's stat and rusage fields (see README).
let package = Package(
    name: "Sluice",
    products: [
        .library(name: "SluicePluginAPI", targets: ["SluicePluginAPI"]),
        .library(name: "SluiceText", targets: ["SluiceText"]),
        .library(name: "SluiceRuntime", targets: ["SluiceRuntime"]),
        .library(name: "SluiceCLI", targets: ["SluiceCLI"]),
        .library(name: "SluiceDefaultPlugins", targets: ["SluiceDefaultPlugins"]),
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
        // The only module a plugin must import.
        .target(name: "SluicePluginAPI"),
        .target(name: "SluiceText", dependencies: ["CLD2Shim"]),
        .target(
            name: "SluiceRuntime",
            dependencies: [
                "SluicePluginAPI", "SluiceText",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),

        // C libraries, each wrapped once.
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "SluiceLibXML2", dependencies: ["CLibXML2"]),
        .systemLibrary(
            name: "CLibArchive",
            path: "Sources/CLibArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .target(name: "SluiceLibArchive", dependencies: ["CLibArchive"]),
        // zlib, for reading a gzip stream up to a cut (libarchive drops the block the cut is in).
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "SluiceZlib", dependencies: ["CZlib"]),
        // CLD2's C++ API behind one C function (Debian's libcld2-dev, the full tables).
        .target(
            name: "CLD2Shim", path: "Sources/CLD2Shim",
            linkerSettings: [.linkedLibrary("cld2_full"), .linkedLibrary("cld2")]),

        // Plugins.
        .target(
            name: "TextExtractor",
            dependencies: ["SluicePluginAPI", "SluiceText"],
            path: "Plugins/TextExtractor"
        ),
        .target(
            name: "HTMLExtractor",
            dependencies: ["SluicePluginAPI", "SluiceText", "SluiceLibXML2"],
            path: "Plugins/HTMLExtractor"
        ),
        .target(
            name: "ArchiveExtractor",
            dependencies: ["SluicePluginAPI", "SluiceText", "SluiceLibArchive", "SluiceZlib"],
            path: "Plugins/ArchiveExtractor"
        ),
        // .docx/.odt/.xlsx/.ods through the shared libarchive and libxml2 wrappers.
        .target(
            name: "OfficeExtractor",
            dependencies: ["SluicePluginAPI", "SluiceText", "SluiceLibArchive", "SluiceLibXML2"],
            path: "Plugins/OfficeExtractor"
        ),
        // Commands in any language, declared in sluice.toml's [[external]] tables.
        .target(
            name: "ExternalExtractor",
            dependencies: ["SluicePluginAPI", "SluiceText", .product(name: "Crypto", package: "swift-crypto")],
            path: "Plugins/ExternalExtractor"
        ),
        .target(
            name: "SluiceDefaultPlugins",
            dependencies: [
                "SluicePluginAPI", "TextExtractor", "HTMLExtractor", "ArchiveExtractor", "ExternalExtractor",
                "OfficeExtractor",
            ]
        ),

        // The command line: a library, so users can build their own `sluice` with their plugins.
        .target(
            name: "SluiceCLI",
            dependencies: [
                "SluicePluginAPI", "SluiceRuntime", "SluiceReport", "SluiceSearch", "SluiceDedup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The corpus report (terminal and one self-contained HTML page), read from a corpus directory.
        .target(name: "SluiceReport", dependencies: ["SluiceRuntime"]),
        // Exact and near-duplicate clusters (MinHash, LSH bands, union-find) across nights.
        .target(
            name: "SluiceDedup",
            dependencies: [
                "SluiceRuntime", "SluicePluginAPI", "CXXHash", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .systemLibrary(
            name: "CXXHash",
            path: "Sources/CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // Full-text search: an SQLite FTS5 (trigram) index beside the ledger.
        .target(
            name: "SluiceSearch",
            dependencies: ["SluiceRuntime", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(name: "sluice", dependencies: ["SluiceCLI", "SluiceDefaultPlugins"]),
        .target(name: "SluiceTesting", dependencies: ["SluicePluginAPI", "SluiceRuntime"]),

        // Benchmarks (not tests): `swift run -c release sluice-benchmarks`, see Docs/Benchmarks.md.
        .executableTarget(
            name: "sluice-benchmarks",
            dependencies: [
                "SluicePluginAPI", "SluiceText", "SluiceRuntime", "SluiceLibXML2", "HTMLExtractor", "SluiceLibArchive",
                "SluiceSearch",
            ],
            path: "Benchmarks/SluiceBenchmarks"
        ),
        // Test-only: sluice with a plugin that crashes, hangs or allocates without
        // bound on marker files, to test isolation. Not a product.
        .executableTarget(
            name: "sluice-poison",
            dependencies: ["SluiceCLI", "SluiceDefaultPlugins", "SluicePluginAPI"],
            path: "Tests/PoisonPlugin"
        ),

        // Tests mirror the modules.
        .testTarget(name: "SluicePluginAPITests", dependencies: ["SluicePluginAPI"]),
        .testTarget(
            name: "SluiceReportTests",
            dependencies: ["SluiceReport", "SluiceRuntime", "SluicePluginAPI", "SluiceTesting", "TextExtractor"]
        ),
        .testTarget(
            name: "SluiceSearchTests",
            dependencies: ["SluiceSearch", "SluiceRuntime", "SluicePluginAPI", "SluiceTesting", "TextExtractor"]
        ),
        .testTarget(name: "SluiceTextTests", dependencies: ["SluiceText"]),
        .testTarget(
            name: "SluiceDedupTests",
            dependencies: [
                "SluiceDedup", "SluiceRuntime", "SluiceReport", "SluicePluginAPI", "SluiceTesting", "TextExtractor",
            ]
        ),
        .testTarget(
            name: "SluiceRuntimeTests",
            dependencies: [
                "SluiceRuntime", "SluicePluginAPI", "SluiceText", "SluiceTesting",
                // To write a ledger as Sluice 0.1 did, for the migration test.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "SluiceLibXML2Tests", dependencies: ["SluiceLibXML2"]),
        .testTarget(
            name: "TextExtractorTests",
            dependencies: ["TextExtractor", "SluicePluginAPI", "SluiceText", "SluiceRuntime", "SluiceTesting"]
        ),
        .testTarget(
            name: "HTMLExtractorTests",
            dependencies: ["HTMLExtractor", "SluicePluginAPI", "SluiceText", "SluiceRuntime", "SluiceTesting"]
        ),
        .testTarget(
            name: "ArchiveExtractorTests",
            dependencies: [
                "ArchiveExtractor", "HTMLExtractor", "TextExtractor", "SluicePluginAPI", "SluiceRuntime",
                "SluiceTesting",
            ]
        ),
        .testTarget(
            name: "OfficeExtractorTests",
            dependencies: ["OfficeExtractor", "ArchiveExtractor", "SluicePluginAPI", "SluiceRuntime", "SluiceTesting"]
        ),
        .testTarget(
            name: "ExternalExtractorTests",
            dependencies: ["ExternalExtractor", "SluicePluginAPI", "SluiceRuntime", "SluiceTesting"]
        ),
        .testTarget(
            name: "SluiceCLITests",
            // `sluice` too: the resume tests run the real binary as a subprocess.
            dependencies: [
                "SluiceCLI", "SluiceDefaultPlugins", "SluicePluginAPI", "SluiceRuntime", "SluiceTesting",
                "ExternalExtractor", "sluice", "sluice-poison",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
