/// Something that finds changes on disk, used only on the watcher's own thread.
protocol ChangeSource: AnyObject {
    /// A descriptor that becomes readable when changes arrive, or nil for a source that is scanned on a timer.
    var descriptor: Int32? { get }
    /// How often to scan when nothing is pending, or nil for a source driven by its descriptor.
    var scanInterval: Duration? { get }
    /// Adds what changed since the last call to `pending`.
    func collect(into pending: inout PendingChanges)
    /// Releases the source's descriptors.
    func close()
}
