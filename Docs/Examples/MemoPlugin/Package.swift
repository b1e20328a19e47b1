// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MemoPlugin",
    platforms: [.macOS(.v15)],
    dependencies: [
        // In your own package: .package(url: "https://github.com/<you>/sluice", from: "1.0.0")
        .package(name: "Sluice", path: "../../..")
    ],
    targets: [
        .target(name: "MemoExtractor", dependencies: [.product(name: "SluiceCore", package: "Sluice")]),
        .executableTarget(
            name: "memo-sluice",
            dependencies: ["MemoExtractor", .product(name: "SluiceCLI", package: "Sluice")]
        ),
        .testTarget(
            name: "MemoExtractorTests",
            dependencies: ["MemoExtractor", .product(name: "SluiceTesting", package: "Sluice")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
