import Foundation
import ParleyKit

// `parley-bench SITE [PASSES]`: renders every entry page of SITE on one core with its own templates and
// prints one JSON object (see RenderBenchmark); `make bench` runs it on the corpus and the real site.
let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: parley-bench SITE [PASSES]\n".utf8))
    exit(2)
}
do {
    let result = try RenderBenchmark.entryPages(
        site: URL(fileURLWithPath: path), passes: arguments.dropFirst().first.flatMap { Int($0) } ?? 5)
    print(
        String(
            format:
                "{\"pages\": %d, \"values_and_render_us\": %.2f, \"render_only_us\": %.2f, \"key_us\": %.2f, \"bytes\": %d}",
            result.pages, result.valuesAndRender, result.renderOnly, result.key, result.bytes))
} catch let failure as BuildFailure {
    for diagnostic in failure.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
    exit(1)
}
