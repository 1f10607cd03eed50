import Foundation
import PackagePlugin

/// Builds the starter site into the program: every file under the target's `Starter/` folder (dot files included)
/// becomes an entry of `StarterFiles.files`, so that `parley new` needs nothing beside the binary.
@main
struct EmbedStarter: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let starter = context.package.directoryURL.appendingPathComponent("Sources/\(target.name)/Starter")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("StarterFiles.swift")
        var inputs: [URL] = []
        if let files = FileManager.default.enumerator(at: starter, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let file as URL in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(file)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the starter site",
                executable: try context.tool(named: "embed-starter").url,
                arguments: [starter.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
