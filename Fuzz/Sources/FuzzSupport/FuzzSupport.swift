import Foundation
import SluiceCLI
import SluiceDefaultPlugins
import SluicePluginAPI
import SluiceTesting

/// What every fuzz target does with its bytes: run them through the stock
/// plugins as a batch would, under limits small enough that a run explores
/// many inputs, and check the one promise that holds for any input: it ends
/// in records, error lines or skip lines, never a crash or a hang.
public enum Fuzz {
    static let harness = try! ExtractorHarness(
        Sluice.defaultPlugins,
        limits: ExtractionLimits(maxDocumentBytes: 4 << 20, maxMembers: 200, maxExpandedBytes: 16 << 20))

    /// Runs `bytes` as an input named `name`; traps (so libFuzzer reports) if it gives nothing.
    public static func run(_ bytes: UnsafeRawBufferPointer, name: String, prefix: Data = Data()) {
        let outcomes = harness.outcomes(prefix + Data(bytes), name: name)
        precondition(!outcomes.isEmpty, "an input gave no outcome at all")
    }

    /// Parses `bytes` as a sluice.toml; any error must be a ConfigurationError, never a crash.
    public static func configuration(_ bytes: UnsafeRawBufferPointer) {
        let source = String(decoding: bytes, as: UTF8.self)
        _ = try? SluiceConfiguration.check(source: source, path: "fuzz.toml", configured: Sluice.configuredPlugins)
    }
}

/// libFuzzer's driver. SwiftPM links an executable's `main` to `<module>_main`,
/// so each target defines that and hands control to libFuzzer from there.
@_silgen_name("LLVMFuzzerRunDriver")
func libFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

extension Fuzz {
    public static func drive(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32 {
        var count = argc
        var arguments = argv
        return libFuzzerRunDriver(&count, &arguments, callback)
    }
}
