/// A set of changes under the watched folders that arrived together.
public struct FileChangeBatch: Sendable, Hashable {
    /// The changed paths, relative to the watcher's root and `/`-separated; a folder's path stands for everything under it.
    public var paths: Set<String>
    /// Whether the watcher cannot tell exactly what changed, so the consumer should rescan everything.
    public var isOverflow: Bool

    /// Creates a batch from changed paths and an overflow flag.
    public init(paths: Set<String>, isOverflow: Bool = false) {
        self.paths = paths
        self.isOverflow = isOverflow
    }
}
