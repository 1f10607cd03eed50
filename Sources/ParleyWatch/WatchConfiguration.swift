/// What to watch: the root, the folders inside it, which names to skip, and how long to debounce.
struct WatchConfiguration: Sendable {
    let rootPath: String
    let folders: Set<String>
    let debounce: Duration
    let ignore: @Sendable (String) -> Bool

    /// The absolute path of a root-relative path ("" is the root itself).
    func absolutePath(_ relative: String) -> String {
        relative.isEmpty ? rootPath : rootPath + "/" + relative
    }

    /// The relative path of `name` inside `parent`, or nil when it is ignored or outside the watched folders.
    func child(_ name: String, of parent: String) -> String? {
        if parent.isEmpty {
            return folders.contains(name) ? name : nil
        }
        return ignore(name) ? nil : parent + "/" + name
    }
}
