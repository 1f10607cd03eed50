import Foundation

// libFuzzer's driver, from the sanitizer runtime: parses libFuzzer's options and calls back once per input. It is
// started here rather than by libFuzzer's own `main`, which SwiftPM's executable would not use.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

warmUpTarget()
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, { data, size in fuzzOne(data, size) }))
