import Foundation
import FuzzSupport

/// Every input starts as a WARC record does, so the fuzzer spends its time in the WARC reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    Fuzz.run(UnsafeRawBufferPointer(start: data, count: size), name: "crawl.warc", prefix: Data("WARC/1.0\r\n".utf8))
    return 0
}

@_cdecl("fuzz_warc_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    Fuzz.drive(argc, argv, fuzz)
}
