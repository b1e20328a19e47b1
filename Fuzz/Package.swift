// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for Sluice's parsers, built with the sanitizers on:
//
//   swift build --package-path Fuzz --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build-fuzz/debug/fuzz-html Fuzz/corpus/html -max_total_time=60
//
// scripts/fuzz.sh does both for every target (a short run of each is a step of .ci/run).
let fuzzTargets = ["html", "text", "archive", "warc", "office", "toml"]

let package = Package(
    name: "SluiceFuzz",
    dependencies: [.package(name: "Sluice", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "SluicePluginAPI", package: "Sluice"),
                .product(name: "SluiceTesting", package: "Sluice"),
                .product(name: "SluiceDefaultPlugins", package: "Sluice"),
                .product(name: "SluiceCLI", package: "Sluice"),
            ]
        )
    ]
        + fuzzTargets.map { .executableTarget(name: "fuzz-\($0)", dependencies: ["FuzzSupport"]) },
    swiftLanguageModes: [.v6]
)
