import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks and prepares the directory a run writes its corpus to, before any work starts.
enum OutputDirectory {
    /// Files a corpus directory may hold; the only ones `--overwrite` removes.
    static func isCorpusFile(_ name: String) -> Bool {
        name == Manifest.fileName || name == "errors.jsonl" || name == "skipped.jsonl" || name == "tombstones.jsonl"
            || name.hasPrefix(Ledger.fileName) || name == "status.json" || name == "report.json"
            || (name.hasPrefix("part-") && name.hasSuffix(".jsonl"))
            || (name.hasPrefix(".part-") && name.hasSuffix(".partial")) || name.hasSuffix(".tmp")
    }

    /// Creates `directory` or checks that it may be written: new, empty,
    /// holding a corpus of the same input (the run resumes or updates it), or
    /// (with `overwrite`) holding anything, whose corpus files are replaced.
    static func prepare(_ directory: URL, inputRoot: String, overwrite: Bool) throws(IngestError) {
        let fm = FileManager.default
        let path = directory.path
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .outputNotADirectory(path) }
            let names: [String]
            do { names = try fm.contentsOfDirectory(atPath: path) } catch {
                throw .outputUnwritable(path, InputDiscovery.reason(error))
            }
            if !names.isEmpty {
                if !overwrite {
                    if let manifest = try? Manifest.read(from: directory) {
                        guard manifest.inputRoot == inputRoot else {
                            throw .outputHoldsOtherCorpus(path, manifest.inputRoot)
                        }
                        return  // resume or update
                    }
                    // A run killed before its first manifest leaves a ledger: resume it.
                    if names.contains(Ledger.fileName) { return }
                    throw .outputNotEmpty(path)
                }
                for name in names where isCorpusFile(name) {
                    do { try fm.removeItem(atPath: path + "/" + name) } catch {
                        throw .outputUnwritable(path, InputDiscovery.reason(error))
                    }
                }
            }
        } else {
            do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw .outputUnwritable(path, InputDiscovery.reason(error))
            }
        }
        guard access(path, W_OK) == 0 else { throw .outputUnwritable(path, "permission denied") }
    }
}
