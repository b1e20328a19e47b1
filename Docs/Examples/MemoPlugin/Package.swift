// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MemoPlugin",
    dependencies: [
        // A clone of Sluice on disk. For a remote: .package(url: "<the Git URL of Sluice>",
        // from: "1.0.0") once it carries that tag, or branch: "main" (Docs/WritingAPlugin.md).
        .package(name: "Sluice", path: "../../..")
    ],
    targets: [
        // A plugin needs the plugin API, and the text toolkit for dates and charsets.
        .target(
            name: "MemoExtractor",
            dependencies: [
                .product(name: "SluicePluginAPI", package: "Sluice"), .product(name: "SluiceText", package: "Sluice"),
            ]
        ),
        .executableTarget(
            name: "memo-sluice",
            dependencies: [
                "MemoExtractor", .product(name: "SluiceCLI", package: "Sluice"),
                .product(name: "SluiceDefaultPlugins", package: "Sluice"),
            ]
        ),
        .testTarget(
            name: "MemoExtractorTests",
            dependencies: [
                "MemoExtractor", .product(name: "SluicePluginAPI", package: "Sluice"),
                .product(name: "SluiceTesting", package: "Sluice"),
                .product(name: "SluiceDefaultPlugins", package: "Sluice"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
