import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    Fuzz.run(UnsafeRawBufferPointer(start: data, count: size), name: "report.xlsx")
    return 0
}

@_cdecl("fuzz_office_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    Fuzz.drive(argc, argv, fuzz)
}
