// The libFuzzer harness of `make fuzz` (Fuzz/README.md): one program for every target, chosen by the
// environment variable PARLEY_FUZZ_TARGET (a name of FuzzEntryPoints.targets). Built with
// `-sanitize=fuzzer,address`; libFuzzer's driver is started from main.swift.
import Foundation
import ParleyKit

private let selected: @Sendable ([UInt8]) -> Void = {
    let name = ProcessInfo.processInfo.environment["PARLEY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzEntryPoints.targets[name] else {
        let names = FuzzEntryPoints.targets.keys.sorted().joined(separator: ", ")
        FileHandle.standardError.write(Data("parley-fuzz: set PARLEY_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

// LeakSanitizer's switches, from the sanitizer runtime: what is allocated between them is never reported.
@_silgen_name("__lsan_disable") private func lsanDisable()
@_silgen_name("__lsan_enable") private func lsanEnable()

/// A small input with a little of everything (front matter, a date, a citation, a wiki link, a note, a table, a
/// template tag): run once before fuzzing, with leak checking off, so that the values Swift builds once for the
/// whole process (the template types of the pages, tables of words) are not taken for leaks of the first input
/// that happens to need them.
private let warmUp = """
    ---
    title: A
    date: 2022-02-28
    references:
      - id: a
        title: B
        issued: 2022
    ---
    # Heading
    Text [@a, p. 4] and [[b|c]].[^1] {{title}}{{#entry}}{{/entry}}

    [^1]: A note.

    | a | b |
    | :- | -: |
    | c | d |
    """

/// Runs the warm-up input with leak checking off.
func warmUpTarget() {
    lsanDisable()
    selected([])
    selected(Array(warmUp.utf8))
    lsanEnable()
}

/// One input, as libFuzzer gives it.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selected(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

// The name libFuzzer's runtime looks for (its own `main`, unused here, refers to it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzOne(data, size)
}
