#if LIBFUZZER
import CSynapseFuzzDriver
import Foundation

/// The harness libFuzzer drives, named by the `SYNAPSE_FUZZ_HARNESS`
/// environment variable (default `idx`).
private let libFuzzerHarness: FuzzHarness = {
    let name = ProcessInfo.processInfo.environment["SYNAPSE_FUZZ_HARNESS"] ?? "idx"
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("synapse-libfuzzer-\(getpid())")
    try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    guard let harness = try? FuzzHarnesses.make(name, workDirectory: work) else {
        fatalError("SYNAPSE_FUZZ_HARNESS must be one of \(FuzzHarnesses.names)")
    }
    return harness
}()

/// libFuzzer's entry point: runs one input through the selected harness.
@_cdecl("LLVMFuzzerTestOneInput")
public func synapseFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = libFuzzerHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The program's entry point in the libFuzzer build (SwiftPM links an
/// executable target's `main` to this symbol): hands the command line to
/// libFuzzer's driver. Build with
/// `swift build -c release --product synapse-fuzz --build-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DLIBFUZZER -Xswiftc -parse-as-library`
/// and run `SYNAPSE_FUZZ_HARNESS=png .build-fuzz/release/synapse-fuzz Fuzz/corpus/png`.
@_cdecl("synapse_fuzz_main")
public func synapseFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in synapseFuzzTestOneInput(data, size) }
}
#endif
